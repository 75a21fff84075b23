import type { INodeProperties } from 'n8n-workflow';

import { operationFields, type OpsOperation } from '../operation';
import * as deleteMany from './deleteMany.operation';
import * as getMany from './getMany.operation';

export const operations = { deleteMany, getMany } satisfies Record<string, OpsOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['shadowWrite'] } },
		options: [
			{
				name: 'Delete Many',
				value: 'deleteMany',
				description: 'Forget what a shadow run recorded, before a new run or after the switch',
				action: 'Delete shadow writes',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'What a shadow run would have sent, oldest first',
				action: 'Get shadow writes',
			},
		],
		default: 'getMany',
	},
	...operationFields(operations),
];
