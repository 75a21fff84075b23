import type { INodeProperties } from 'n8n-workflow';

import { operationFields, type OpsOperation } from '../operation';
import * as servePage from './servePage.operation';

export const operations = { servePage } satisfies Record<string, OpsOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['supportDesk'] } },
		options: [
			{
				name: 'Serve Page',
				value: 'servePage',
				description: 'Answer a request of the support desk page from a Webhook node',
				action: 'Serve the support desk page',
			},
		],
		default: 'servePage',
	},
	...operationFields(operations),
];
