import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ORDER_UPDATE_MUTATION } from '../../../../core/shopify/documents/orders';
import { toGid } from '../../../../core/shopify/ids';
import { assertNoUserErrors } from '../../../../core/shopify/user-errors';
import { orderIdField } from '../common.descriptions';
import { text, type OperationContext } from '../operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['updateNote'] } },
	[
		orderIdField(),
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: "The order's note (replaces the current one; empty clears it)",
		},
	],
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	const id = toGid('Order', text(context, 'orderId'));
	const result = await context.client.request<{ orderUpdate: Record<string, unknown> }>(
		ORDER_UPDATE_MUTATION,
		{
			input: { id, note: String(context.fns.getNodeParameter('note', context.itemIndex, '')) },
		},
	);
	return assertNoUserErrors('orderUpdate', result.orderUpdate).order as IDataObject;
}
