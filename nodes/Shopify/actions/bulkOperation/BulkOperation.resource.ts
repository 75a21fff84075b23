import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { nestBulkRows, runBulkQuery } from '../../../../core/shopify/bulk';
import { flag, InputError, text, type OperationContext } from '../operation';

const show = { resource: ['bulkOperation'], operation: ['run'] };

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
	{
		displayName: 'Query',
		name: 'bulkQuery',
		type: 'string',
		typeOptions: { rows: 6 },
		required: true,
		default: '',
		placeholder: '{ products { edges { node { title status } } } }',
		description: 'The bulk query: connections without first/last, nodes under edges',
		displayOptions: { show },
	},
	{
		displayName: 'Nest Children',
		name: 'nestChildren',
		type: 'boolean',
		default: true,
		description:
			'Whether rows of nested connections are put under their parent (children by type) instead of coming as their own items with __parentId',
		displayOptions: { show },
	},
	{
		displayName: 'Max Wait (Minutes)',
		name: 'maxWaitMinutes',
		description:
			'How long to wait for Shopify to finish the bulk operation before failing (it keeps running at Shopify)',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		displayOptions: { show },
	},
];

export const operations = {
	run: {
		execute: async (context: OperationContext): Promise<IDataObject[]> => {
			const query = text(context, 'bulkQuery');
			if (!query)
				throw new InputError(
					'The bulk query is empty',
					'Write the query to run, e.g. { products { edges { node { id title } } } }.',
				);
			const maxWaitMs =
				Number(context.fns.getNodeParameter('maxWaitMinutes', context.itemIndex, 30)) * 60_000;
			const { rows } = await runBulkQuery(context.client, query, { maxWaitMs });
			return (flag(context, 'nestChildren', true) ? nestBulkRows(rows) : rows) as IDataObject[];
		},
	},
};
