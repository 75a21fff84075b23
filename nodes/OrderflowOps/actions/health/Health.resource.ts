import type { INodeProperties } from 'n8n-workflow';

import { operationFields, type OpsOperation } from '../operation';
import * as check from './check.operation';

export const operations = { check } satisfies Record<string, OpsOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['health'] } },
		options: [
			{
				name: 'Check',
				value: 'check',
				description: 'Check what stops silently: polls, redelivery, backlog, the ledger',
				action: 'Check health',
			},
		],
		default: 'check',
	},
	...operationFields(operations),
];
