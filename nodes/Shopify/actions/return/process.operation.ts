import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toGid } from '../../../../core/shopify/ids';
import { processReturn } from '../../../../core/shopify/returns';
import { linesField, returnIdField, staffNoteField } from '../common.descriptions';
import { text, type OperationContext } from '../operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['return'], operation: ['process'] } },
	[
		returnIdField(),
		linesField({
			description: 'SKU or line ID = quantity, comma-separated; empty processes every line in full',
		}),
		staffNoteField(),
	],
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	return (await processReturn(context.client, {
		returnId: toGid('Return', text(context, 'returnId')),
		lines: text(context, 'lines'),
		note: text(context, 'note') || undefined,
	})) as IDataObject;
}
