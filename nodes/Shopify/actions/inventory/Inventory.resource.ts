import type { INodeProperties } from 'n8n-workflow';

import * as adjust from './adjust.operation';
import * as getLevels from './getLevels.operation';
import * as setQuantities from './setQuantities.operation';

export const operations = { getLevels, setQuantities, adjust };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inventory'] } },
		options: [
			{
				name: 'Adjust',
				value: 'adjust',
				description: 'Change a quantity by a delta (once per idempotency key)',
				action: 'Adjust an inventory quantity',
			},
			{
				name: 'Get Levels',
				value: 'getLevels',
				description: 'Quantities by SKU and location',
				action: 'Get inventory levels',
			},
			{
				name: 'Set Quantities',
				value: 'setQuantities',
				description: 'Set a quantity with compare-and-set, reporting the drift',
				action: 'Set an inventory quantity',
			},
		],
		default: 'getLevels',
	},
	...getLevels.description,
	...setQuantities.description,
	...adjust.description,
];
