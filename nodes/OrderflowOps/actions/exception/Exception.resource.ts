import type { INodeProperties } from 'n8n-workflow';

import { operationFields, type OpsOperation } from '../operation';
import * as acknowledge from './acknowledge.operation';
import * as getMany from './getMany.operation';
import * as recordAlertFailure from './recordAlertFailure.operation';
import * as recordFailedExecution from './recordFailedExecution.operation';
import * as resolve from './resolve.operation';
import * as retry from './retry.operation';

export const operations = {
	acknowledge,
	getMany,
	recordAlertFailure,
	recordFailedExecution,
	resolve,
	retry,
} satisfies Record<string, OpsOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['exception'] } },
		options: [
			{
				name: 'Acknowledge',
				value: 'acknowledge',
				description: 'Mark an open exception as being worked on',
				action: 'Acknowledge an exception',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List exceptions by state, kind, workflow, entity or age',
				action: 'Get many exceptions',
			},
			{
				name: 'Record Alert Failure',
				value: 'recordAlertFailure',
				description: 'Note that an alert could not be sent (from its node’s Error output)',
				action: 'Record an alert failure',
			},
			{
				name: 'Record Failed Execution',
				value: 'recordFailedExecution',
				description: 'Record an execution n8n’s Error Trigger reports as failed',
				action: 'Record a failed execution',
			},
			{
				name: 'Resolve',
				value: 'resolve',
				description: 'Close an exception with a note saying what was done',
				action: 'Resolve an exception',
			},
			{
				name: 'Retry',
				value: 'retry',
				description: 'Run the failed event through its workflow again',
				action: 'Retry an exception',
			},
		],
		default: 'getMany',
	},
	...operationFields(operations),
];
