import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['productVariant'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'The SKU master: SKU, variant, inventory item, tracked',
				action: 'Get many product variants',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
