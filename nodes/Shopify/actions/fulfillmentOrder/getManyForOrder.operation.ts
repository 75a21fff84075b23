import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { FULFILLMENT_ORDERS_QUERY } from '../../../../core/shopify/documents/fulfillment-orders';
import { toGid } from '../../../../core/shopify/ids';
import { InputError, text, type OperationContext } from '../operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1001 or gid://shopify/Order/1001',
		description: 'The order whose fulfillment orders to list',
		displayOptions: { show: { resource: ['fulfillmentOrder'], operation: ['getManyForOrder'] } },
	},
];

export async function execute(context: OperationContext): Promise<IDataObject[]> {
	const id = toGid('Order', text(context, 'orderId'));
	const { order } = await context.client.request<{ order: { fulfillmentOrders: { nodes: IDataObject[] } } | null }>(FULFILLMENT_ORDERS_QUERY, { id });
	if (!order) throw new InputError(`Shopify has no order ${id}`, 'Check the Order ID.');
	return order.fulfillmentOrders.nodes;
}
