import type { INodeProperties } from 'n8n-workflow';

import * as execute from './execute.operation';

export const operations = { execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['graphql'] } },
		options: [
			{
				name: 'Execute',
				value: 'execute',
				description: 'Send a query or mutation of your own, paced like every other request',
				action: 'Execute a query or mutation',
			},
		],
		default: 'execute',
	},
	...execute.description,
];
