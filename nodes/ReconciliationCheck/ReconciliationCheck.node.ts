import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { LEDGER_CREDENTIAL_LABEL, ledgerCredentialTest, ledgerFor } from '../shared/ledger';
import * as compare from './actions/compare';
import * as compareShopifyErp from './actions/compareShopifyErp';
import * as history from './actions/history';
import { properties } from './description';

// Not offered as an AI tool: it joins two inputs and routes to five outputs: no tool call feeds it.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class ReconciliationCheck implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reconciliation Check',
		name: 'reconciliationCheck',
		icon: { light: 'file:reconciliationCheck.svg', dark: 'file:reconciliationCheck.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter.operation === "history" ? "History: " + $parameter.checkName : ($parameter.operation === "compareShopifyErp" ? "Shopify vs ERP " + $parameter.comparison : $parameter.preset) + ": " + $parameter.checkName }}',
		description:
			'Match a source of truth against another system: money-safe rules, tolerances, thresholds and a stored history',
		defaults: { name: 'Reconciliation Check' },
		inputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'A (Source of Truth)' },
			{ type: NodeConnectionTypes.Main, displayName: 'B' },
		],
		outputs: [
			{ type: NodeConnectionTypes.Main, displayName: 'Matched' },
			{ type: NodeConnectionTypes.Main, displayName: 'Mismatched' },
			{ type: NodeConnectionTypes.Main, displayName: 'Only in A' },
			{ type: NodeConnectionTypes.Main, displayName: 'Only in B' },
			{ type: NodeConnectionTypes.Main, displayName: 'Summary' },
		],
		credentials: [
			{
				name: 'shopifyAdminApi',
				required: true,
				displayOptions: { show: { operation: ['compareShopifyErp'] } },
			},
			{
				name: 'orderflowErpApi',
				displayName: 'ERP Connection',
				required: true,
				displayOptions: { show: { operation: ['compareShopifyErp'] } },
			},
			{
				name: 'orderflowLedgerApi',
				displayName: LEDGER_CREDENTIAL_LABEL,
				required: false,
				testedBy: 'orderflowLedgerConnectionTest',
			},
		],
		properties,
	};

	methods = { credentialTest: { orderflowLedgerConnectionTest: ledgerCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const ledger = await ledgerFor(this);
		const operation = this.getNodeParameter('operation', 0);
		if (operation === 'history') return await history.execute(this, ledger);
		if (operation === 'compareShopifyErp') return await compareShopifyErp.execute(this, ledger);
		return await compare.execute(this, ledger);
	}
}
