import type { INodeProperties } from 'n8n-workflow';

import { operationFields, type OpsOperation } from '../operation';
import * as get from './get.operation';
import * as summarizeRun from './summarizeRun.operation';

export const operations = { get, summarizeRun } satisfies Record<string, OpsOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['trail'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'What happened to an order, refund or other entity, in plain words',
				action: 'Get a trail',
			},
			{
				name: 'Summarize Run',
				value: 'summarizeRun',
				description: 'What one execution did: processed, booked, already there, failed, in doubt',
				action: 'Summarize a run',
			},
		],
		default: 'get',
	},
	...operationFields(operations),
];
