import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ORDER_REFUNDS_QUERY } from '../../../../core/shopify/documents/refunds';
import { toGid } from '../../../../core/shopify/ids';
import { orderIdField } from '../common.descriptions';
import { InputError, text, type OperationContext } from '../operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['refund'], operation: ['getManyForOrder'] } },
	[
		orderIdField({
			description: 'The order: its ID, gid://shopify/Order/… or an item field holding it',
		}),
	],
);

export async function execute(context: OperationContext): Promise<IDataObject[]> {
	const id = toGid('Order', text(context, 'orderId'));
	const { order } = await context.client.request<{ order: { refunds: IDataObject[] } | null }>(
		ORDER_REFUNDS_QUERY,
		{ id },
	);
	if (!order) throw new InputError(`Shopify has no order ${id}`, 'Check the Order ID.');
	return order.refunds;
}
