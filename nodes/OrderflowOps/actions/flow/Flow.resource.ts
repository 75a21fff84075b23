import type { INodeProperties } from 'n8n-workflow';

import { operationFields, type OpsOperation } from '../operation';
import * as getStatus from './getStatus.operation';
import * as pause from './pause.operation';
import * as resume from './resume.operation';

export const operations = { getStatus, pause, resume } satisfies Record<string, OpsOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['flow'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Whether the flow is paused, since when, by whom, and what it parked',
				action: 'Get the status of a flow',
			},
			{
				name: 'Pause',
				value: 'pause',
				description: 'Park what arrives instead of running it, until resumed',
				action: 'Pause a flow',
			},
			{
				name: 'Resume',
				value: 'resume',
				description: 'Run again, starting with what was parked, in the order it arrived',
				action: 'Resume a flow',
			},
		],
		default: 'getStatus',
	},
	...operationFields(operations),
];
