import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { decidedBy, exceptionId, note } from '../common.descriptions';
import { text, type OpsContext } from '../operation';
import { changeException } from './change';

export const description = updateDisplayOptions(
	{ show: { resource: ['exception'], operation: ['resolve'] } },
	[exceptionId, decidedBy, note],
);

/** Open or acknowledged → resolved, with what was done. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const resolution = { resolution: 'manual', note: text(context, 'note') };
	return await changeException(
		context,
		async (id, by, at) => await context.ledger.resolveException(id, { ...resolution, by, at }),
	);
}
