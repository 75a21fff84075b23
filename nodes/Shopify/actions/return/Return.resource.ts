import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as processReturn from './process.operation';

// Not `process`: that name is Node's.
export const operations = { get, create, process: processReturn };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['return'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Open a return for fulfilled lines of an order',
				action: 'Create a return',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a return with its lines',
				action: 'Get a return',
			},
			{
				name: 'Process',
				value: 'process',
				description: 'Process received return lines (refund with Refund → Create)',
				action: 'Process a return',
			},
		],
		default: 'get',
	},
	...get.description,
	...create.description,
	...processReturn.description,
];
