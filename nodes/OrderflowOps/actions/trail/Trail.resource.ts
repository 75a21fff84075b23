import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';

export const operations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['trail'] } },
		options: [{ name: 'Get', value: 'get', description: 'What happened to an order, refund or other entity, in plain words', action: 'Get a trail' }],
		default: 'get',
	},
	...get.description,
];
