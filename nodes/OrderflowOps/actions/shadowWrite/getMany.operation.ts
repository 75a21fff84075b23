import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit } from '../common.descriptions';
import type { OpsContext } from '../operation';
import { filterFields, shadowQuery } from './filter';
import { shadowWriteView } from './view';

const properties: INodeProperties[] = [
	...filterFields,
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: true,
		description: 'Whether to return all results or only up to a given limit',
	},
	{ ...limit, displayOptions: { show: { returnAll: [false] } } },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['shadowWrite'], operation: ['getMany'] } },
	properties,
);

/** What the shadow run would have sent, oldest first. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const { fns, itemIndex } = context;
	const returnAll = fns.getNodeParameter('returnAll', itemIndex, true) as boolean;
	const query = {
		...shadowQuery(context),
		limit: returnAll ? undefined : Number(fns.getNodeParameter('limit', itemIndex, 50)),
	};
	return (await context.ledger.shadowWrites(query)).map(shadowWriteView);
}
