import type { INodeProperties } from 'n8n-workflow';

import { operationFields, type OpsOperation } from '../operation';
import * as getMany from './getMany.operation';
import * as resolveAsApplied from './resolveAsApplied.operation';
import * as resolveAsNotApplied from './resolveAsNotApplied.operation';

export const operations = { getMany, resolveAsApplied, resolveAsNotApplied } satisfies Record<
	string,
	OpsOperation
>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inDoubtWrite'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List writes sent whose answer was lost',
				action: 'Get many in doubt writes',
			},
			{
				name: 'Resolve as Applied',
				value: 'resolveAsApplied',
				description: 'The remote has it: keep it as done and replay it to later runs',
				action: 'Resolve an in doubt write as applied',
			},
			{
				name: 'Resolve as Not Applied',
				value: 'resolveAsNotApplied',
				description: 'The remote lacks it: the next run sends it again',
				action: 'Resolve an in doubt write as not applied',
			},
		],
		default: 'getMany',
	},
	...operationFields(operations),
];
