import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { fetchFulfillmentOrdersOfOrder } from '../../../../core/shopify/fulfillment-orders';
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
	const fulfillmentOrders = await fetchFulfillmentOrdersOfOrder(context.client, id);
	if (!fulfillmentOrders) throw new InputError(`Shopify has no order ${id}`, 'Check the Order ID.');
	return fulfillmentOrders as IDataObject[];
}
