import type { INodeProperties } from 'n8n-workflow';

import * as run from './run.operation';

export const operations = { run };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bulkOperation'] } },
		options: [
			{
				name: 'Run Query',
				value: 'run',
				description: 'Run a bulk query, wait for it, emit its rows',
				action: 'Run a bulk query',
			},
		],
		default: 'run',
	},
	...run.description,
];
