import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toGid } from '../../../../core/shopify/ids';
import { fetchOrder } from '../../../../core/shopify/orders';
import { orderIdField } from '../common.descriptions';
import { InputError, text, type OperationContext } from '../operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	[orderIdField()],
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	const id = toGid('Order', text(context, 'orderId'));
	const order = await fetchOrder(context.client, id);
	if (!order)
		throw new InputError(
			`Shopify has no order ${id}`,
			'Check the Order ID: the order may be in another store or deleted.',
		);
	return order as IDataObject;
}
