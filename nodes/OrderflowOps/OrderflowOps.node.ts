import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { failClosed } from '../shared/fail-closed';
import { LEDGER_CREDENTIAL_LABEL, ledgerCredentialTest } from '../shared/ledger';
import { properties } from './actions/resources';
import { router } from './actions/router';

/** The ops desk: work the exception queue and settle in-doubt writes, without SQL. */
export class OrderflowOps implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Orderflow Ops',
		name: 'orderflowOps',
		icon: { light: 'file:orderflowOps.svg', dark: 'file:orderflowOps.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter.operation + ": " + $parameter.resource }}',
		description:
			'Read an order’s trail, work the exception queue and resolve in-doubt writes, on the Orderflow ledger',
		defaults: { name: 'Orderflow Ops' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'orderflowLedgerApi',
				displayName: LEDGER_CREDENTIAL_LABEL,
				required: false,
				testedBy: 'orderflowLedgerConnectionTest',
			},
			// A health check asks the remotes whose credentials are attached.
			{
				name: 'shopifyAdminApi',
				required: false,
				displayOptions: { show: { resource: ['health'] } },
			},
			{
				name: 'orderflowErpApi',
				required: false,
				displayOptions: { show: { resource: ['health'] } },
			},
			{
				name: 'orderflowThreePlApi',
				required: false,
				displayOptions: { show: { resource: ['health'] } },
			},
		],
		properties,
	};

	methods = { credentialTest: { orderflowLedgerConnectionTest: ledgerCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// A ledger that cannot be opened under "On Error: Continue" marks the items, never passes them on as answered.
		return await failClosed(this, { output: 0, outputs: 1 }, async () => await router.call(this));
	}
}
