import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OpsContext } from '../operation';
import { filterFields, shadowQuery } from './filter';

export const description = updateDisplayOptions(
	{ show: { resource: ['shadowWrite'], operation: ['deleteMany'] } },
	filterFields,
);

/** Forgets what a shadow run recorded: before a new run, or once the flow is live. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const query = shadowQuery(context);
	return [{ deleted: await context.ledger.deleteShadowWrites(query), scopes: query.scopes ?? [] }];
}
