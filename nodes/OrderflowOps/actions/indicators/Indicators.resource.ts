import type { INodeProperties } from 'n8n-workflow';

import { operationFields, type OpsOperation } from '../operation';
import * as compute from './compute.operation';

export const operations = { compute } satisfies Record<string, OpsOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['indicators'] } },
		options: [
			{
				name: 'Compute',
				value: 'compute',
				description:
					'Cycle time, exception rate, accuracy and more over a window, each against its threshold',
				action: 'Compute indicators',
			},
		],
		default: 'compute',
	},
	...operationFields(operations),
];
