import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { customKeyFields } from './descriptions/customKey';
import { fieldRules } from './descriptions/fieldRules';
import { presetFields } from './descriptions/preset';
import { shopifyErpFields } from './descriptions/shopifyErp';
import { threshold } from './descriptions/threshold';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Compare',
			value: 'compare',
			description: 'Match input A (the source of truth) against input B',
			action: 'Compare two datasets',
		},
		{
			name: 'Compare Shopify With ERP',
			value: 'compareShopifyErp',
			description:
				'Read both sides here (Shopify in bulk, the ERP page by page) and stream them: for millions of rows',
			action: 'Compare shopify with the erp',
		},
		{
			name: 'History',
			value: 'history',
			description: 'The summaries of past runs of a check, oldest first',
			action: 'Get the history of a check',
		},
	],
	default: 'compare',
};

const checkName: INodeProperties = {
	displayName: 'Check Name',
	name: 'checkName',
	type: 'string',
	required: true,
	default: 'orders',
	placeholder: 'nightly-orders',
	description:
		'Names the check in the ledger: each run’s summary is kept under it, and History reads it back',
	hint: 'A new name starts a new history; History reads the same ledger (the Ledger credential, or the embedded one when none is set)',
};

const customFields = updateDisplayOptions({ show: { preset: ['custom'] } }, [
	...customKeyFields,
	fieldRules,
]);

const compareFields = updateDisplayOptions({ show: { operation: ['compare'] } }, [
	...presetFields,
	...customFields,
]);

const shopifyErpCompareFields = updateDisplayOptions(
	{ show: { operation: ['compareShopifyErp'] } },
	shopifyErpFields,
);

const thresholdField = updateDisplayOptions(
	{ show: { operation: ['compare', 'compareShopifyErp'] } },
	[threshold],
);

const historyFields = updateDisplayOptions({ show: { operation: ['history'] } }, [
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
]);

export const properties: INodeProperties[] = [
	operation,
	checkName,
	...compareFields,
	...shopifyErpCompareFields,
	...thresholdField,
	...historyFields,
];
