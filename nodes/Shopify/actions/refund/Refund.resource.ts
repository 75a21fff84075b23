import type { INodeProperties } from 'n8n-workflow';

import * as calculate from './calculate.operation';
import * as create from './create.operation';
import * as getManyForOrder from './getManyForOrder.operation';

export const operations = { getManyForOrder, calculate, create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refund'] } },
		options: [
			{
				name: 'Calculate',
				value: 'calculate',
				description: "Shopify's suggested refund for lines and shipping",
				action: 'Calculate a refund',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Refund lines and shipping, restocking as chosen (once per idempotency key)',
				action: 'Create a refund',
			},
			{
				name: 'Get Many for Order',
				value: 'getManyForOrder',
				description: "List an order's refunds",
				action: 'Get refunds of an order',
			},
		],
		default: 'create',
	},
	...getManyForOrder.description,
	...calculate.description,
	...create.description,
];
