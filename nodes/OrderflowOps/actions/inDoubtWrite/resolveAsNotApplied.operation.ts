import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { decidedBy, note, writeKey, writeScope } from '../common.descriptions';
import type { OpsContext } from '../operation';
import { resolveWrite } from './resolve';

export const description = updateDisplayOptions(
	{ show: { resource: ['inDoubtWrite'], operation: ['resolveAsNotApplied'] } },
	[writeScope, writeKey, decidedBy, note],
);

/** The person found nothing at the remote: the write is forgotten, so the next run sends it (once). */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	return await resolveWrite(context, { applied: false });
}
