import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { failClosed } from '../shared/fail-closed';
import { LEDGER_CREDENTIAL_LABEL, ledgerCredentialTest, ledgerFor } from '../shared/ledger';
import * as guard from './actions/guard';
import * as request from './actions/request';
import { properties } from './description';

const main = NodeConnectionTypes.Main;
// Begin routes to Proceed / Already Done / In Doubt; the other modes to Done / Failed / In Doubt.
const OUTPUTS = `={{ $parameter.mode === "begin"
	? [{ "type": "${main}", "displayName": "Proceed" }, { "type": "${main}", "displayName": "Already Done" }, { "type": "${main}", "displayName": "In Doubt" }]
	: [{ "type": "${main}", "displayName": "Done" }, { "type": "${main}", "displayName": "Failed" }, { "type": "${main}", "displayName": "In Doubt" }] }}` as `={{${string}}}`;

// Not offered as an AI tool: Begin and Complete guard another node's write within one flow: nothing an agent calls.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class IdempotentWrite implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Idempotent Write',
		name: 'idempotentWrite',
		icon: { light: 'file:idempotentWrite.svg', dark: 'file:idempotentWrite.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter.mode === "request" ? $parameter.method + " " + $parameter.url : $parameter.mode }}',
		description:
			'Write to another system exactly once per key, however often the workflow is retried',
		defaults: { name: 'Idempotent Write' },
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS,
		credentials: [
			{
				name: 'orderflowLedgerApi',
				displayName: LEDGER_CREDENTIAL_LABEL,
				required: false,
				testedBy: 'orderflowLedgerConnectionTest',
			},
			{
				name: 'orderflowErpApi',
				required: true,
				displayOptions: { show: { mode: ['request'], authentication: ['orderflowErpApi'] } },
			},
			{
				name: 'orderflowThreePlApi',
				required: true,
				displayOptions: { show: { mode: ['request'], authentication: ['orderflowThreePlApi'] } },
			},
			{
				name: 'orderflowHttpApi',
				required: true,
				displayOptions: { show: { mode: ['request'], authentication: ['orderflowHttpApi'] } },
			},
		],
		properties,
	};

	methods = { credentialTest: { orderflowLedgerConnectionTest: ledgerCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const mode = this.getNodeParameter('mode', 0) as 'request' | 'begin' | 'complete';
		// A write that may not have happened is Failed (Request) or In Doubt (Begin, Complete), never Done.
		return await failClosed(this, { output: mode === 'request' ? 1 : 2, outputs: 3 }, async () => {
			const ledger = await ledgerFor(this);
			if (mode === 'begin') return await guard.begin(this, ledger);
			if (mode === 'complete') return await guard.complete(this, ledger);
			return await request.execute(this, ledger);
		});
	}
}
