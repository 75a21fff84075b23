/** Compare Shopify With ERP: which comparison, its settings, and how long the bulk read may take. */
import type { INodeProperties } from 'n8n-workflow';

import { maxWaitMinutesField } from '../../Shopify/actions/common.descriptions';
import { presetFields } from './preset';

/** The inventory preset's settings, shown here by the comparison instead of the preset. */
const inventorySettings = presetFields
	.filter((field) => field.name === 'quantityTolerance' || field.name === 'locationMap')
	.map((field) => ({ ...field, displayOptions: { show: { comparison: ['inventory'] } } }));

export const shopifyErpFields: INodeProperties[] = [
	{
		displayName: 'Comparison',
		name: 'comparison',
		type: 'options',
		options: [
			{
				name: 'Inventory',
				value: 'inventory',
				description:
					'Every Shopify inventory level (one bulk operation) vs every ERP stock row (its paged inventory list), by SKU and location',
			},
		],
		default: 'inventory',
		description:
			'What is read from both systems and compared, with the rules of the preset of the same name',
		hint: 'Both sides are read here and streamed: matched rows are counted, not output, so a year of data never becomes items',
	},
	...inventorySettings,
	maxWaitMinutesField(),
];
