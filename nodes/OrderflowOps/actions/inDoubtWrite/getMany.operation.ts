import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { limit } from '../common.descriptions';
import { text, type OpsContext } from '../operation';
import { writeView } from './view';

const properties: INodeProperties[] = [
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'string',
		default: '',
		placeholder: 'erp',
		description: 'Only writes of this scope (erp, 3pl, or an Idempotent Write scope); empty: any',
	},
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'string',
		default: '',
		placeholder: 'shopify:order:1025',
		description: 'Only writes about this order or other entity; empty: any',
	},
	limit,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['inDoubtWrite'], operation: ['getMany'] } },
	properties,
);

/** Writes sent whose answer was lost, oldest first: each waits for a person to check the remote. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const filter = {
		scope: text(context, 'scope') || undefined,
		entity: text(context, 'entity') || undefined,
		limit: Number(context.fns.getNodeParameter('limit', context.itemIndex, 50)),
	};
	const now = Date.now();
	return (await context.ledger.inDoubtWrites(filter)).map((record) => writeView(record, now));
}
