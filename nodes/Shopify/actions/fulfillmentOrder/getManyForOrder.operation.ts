import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fetchFulfillmentOrdersOfOrder } from '../../../../core/shopify/fulfillment-orders';
import { toGid } from '../../../../core/shopify/ids';
import { orderIdField } from '../common.descriptions';
import { InputError, text, type OperationContext } from '../operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['fulfillmentOrder'], operation: ['getManyForOrder'] } },
	[orderIdField({ description: 'The order whose fulfillment orders to list' })],
);

export async function execute(context: OperationContext): Promise<IDataObject[]> {
	const id = toGid('Order', text(context, 'orderId'));
	const fulfillmentOrders = await fetchFulfillmentOrdersOfOrder(context.client, id);
	if (!fulfillmentOrders) throw new InputError(`Shopify has no order ${id}`, 'Check the Order ID.');
	return fulfillmentOrders as IDataObject[];
}
