import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export const operations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['shop'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: "Get the shop's name, domain, currency and time zone",
				action: 'Get the shop',
			},
		],
		default: 'get',
	},
	...get.description,
];
