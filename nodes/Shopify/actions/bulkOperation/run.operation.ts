import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { nestBulkRows, runBulkQuery } from '../../../../core/shopify/bulk';
import { maxWaitMinutesField } from '../common.descriptions';
import { flag, InputError, text, type OperationContext } from '../operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['bulkOperation'], operation: ['run'] } },
	[
		{
			displayName: 'Query',
			name: 'bulkQuery',
			type: 'string',
			typeOptions: { rows: 6 },
			required: true,
			default: '',
			placeholder: '{ products { edges { node { title status } } } }',
			description: 'The bulk query: connections without first/last, nodes under edges',
			hint: 'Shopify runs it in the background and returns every row at once: no page size, no rate-limit cost per page.',
		},
		{
			displayName: 'Nest Children',
			name: 'nestChildren',
			type: 'boolean',
			default: true,
			description:
				'Whether rows of nested connections are put under their parent (children by type) instead of coming as their own items with __parentId',
		},
		maxWaitMinutesField(),
	],
);

export async function execute(context: OperationContext): Promise<IDataObject[]> {
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
}
