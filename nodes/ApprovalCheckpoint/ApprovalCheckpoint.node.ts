import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getLedger } from '../../core/ledger';
import { failClosed } from '../shared/fail-closed';
import {
	LEDGER_CREDENTIAL_LABEL,
	ledgerConfigFor,
	ledgerCredentialTest,
	ledgerFor,
	tidyLedger,
} from '../shared/ledger';
import * as decide from './actions/decide';
import * as request from './actions/request';
import { properties } from './description';

// Not offered as an AI tool: it waits for a person and routes to four outputs: no tool call could wait for it.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class ApprovalCheckpoint implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Approval Checkpoint',
		name: 'approvalCheckpoint',
		icon: { light: 'file:approvalCheckpoint.svg', dark: 'file:approvalCheckpoint.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter.rules.join(", ") }}',
		description:
			'Hold refunds, address changes and stock moves for a signed, audited human decision that survives restarts',
		defaults: { name: 'Approval Checkpoint' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Approved' },
			{ type: NodeConnectionTypes.Main, displayName: 'Rejected' },
			{ type: NodeConnectionTypes.Main, displayName: 'Timed Out' },
		],
		credentials: [
			{
				name: 'orderflowLedgerApi',
				displayName: LEDGER_CREDENTIAL_LABEL,
				required: false,
				testedBy: 'orderflowLedgerConnectionTest',
			},
		],
		// The decision page: the resume URL of the waiting execution, GET to look, POST to decide.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: '={{ $nodeId }}',
				restartWebhook: true,
				isFullPath: true,
			},
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '={{ $nodeId }}',
				restartWebhook: true,
				isFullPath: true,
			},
		],
		properties,
	};

	methods = { credentialTest: { orderflowLedgerConnectionTest: ledgerCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// An approval that could not be asked for is never Approved: such items go to Rejected (or the error output).
		return await failClosed(this, { output: 1, outputs: 3 }, async () => {
			const ledger = await ledgerFor(this);
			await tidyLedger(this, ledger);
			return await request.execute(this, ledger);
		});
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await decide.webhook(this, await getLedger(await ledgerConfigFor(this)));
	}
}
