import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toGid } from '../../../../core/shopify/ids';
import { fetchOrder } from '../../../../core/shopify/orders';
import { InputError, text, type OperationContext } from '../operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1001 or gid://shopify/Order/1001',
		description: 'The numeric ID or the global ID of the order',
		displayOptions: {
			show: {
				resource: ['order'],
				operation: ['get', 'addTags', 'removeTags', 'updateNote', 'setMetafield', 'cancel'],
			},
		},
	},
];

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
