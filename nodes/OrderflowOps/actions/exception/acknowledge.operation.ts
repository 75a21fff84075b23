import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { decidedBy, exceptionId } from '../common.descriptions';
import type { OpsContext } from '../operation';
import { changeException } from './change';

export const description = updateDisplayOptions(
	{ show: { resource: ['exception'], operation: ['acknowledge'] } },
	[exceptionId, decidedBy],
);

/** Open → acknowledged: someone is on it. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	return await changeException(
		context,
		async (id, by, at) => await context.ledger.acknowledgeException(id, by, at),
	);
}
