import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toGid } from '../../../../core/shopify/ids';
import { fetchReturn } from '../../../../core/shopify/returns';
import { returnIdField } from '../common.descriptions';
import { text, type OperationContext } from '../operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['return'], operation: ['get'] } },
	[returnIdField()],
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	return (await fetchReturn(
		context.client,
		toGid('Return', text(context, 'returnId')),
	)) as IDataObject;
}
