import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ORDER_REFUNDS_QUERY } from '../../../../core/shopify/documents/refunds';
import { toGid } from '../../../../core/shopify/ids';
import {
	createRefund,
	suggestRefund,
	type RefundRequest,
	type RestockType,
} from '../../../../core/shopify/refunds';
import { flag, InputError, options, text, type OperationContext } from '../operation';

const resource = ['refund'];
const calculateOrCreate = { resource, operation: ['calculate', 'create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		description: 'The order: its ID, gid://shopify/Order/… or an item field holding it',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1001 or gid://shopify/Order/1001',
		displayOptions: { show: { resource, operation: ['getManyForOrder', 'calculate', 'create'] } },
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'string',
		default: '',
		placeholder: 'TSHIRT-RED-M=1, SOCKS-TRAIL-42=2',
		description:
			'SKU or line item ID = quantity, comma-separated (no quantity: all that is refundable). Empty refunds no lines.',
		displayOptions: { show: calculateOrCreate },
	},
	{
		displayName: 'Restock',
		name: 'restockType',
		description: 'Whether and how the refunded units go back into stock',
		type: 'options',
		options: [
			{ name: 'No Restock', value: 'NO_RESTOCK' },
			{ name: 'Cancel (Unfulfilled Units)', value: 'CANCEL' },
			{ name: 'Return (Fulfilled Units Come Back)', value: 'RETURN' },
		],
		default: 'NO_RESTOCK',
		displayOptions: { show: calculateOrCreate },
	},
	{
		displayName: 'Restock Location ID',
		name: 'locationId',
		type: 'string',
		default: '',
		placeholder: 'gid://shopify/Location/1',
		description: 'Where restocked units go (empty: where they were fulfilled from)',
		displayOptions: { show: { ...calculateOrCreate, restockType: ['CANCEL', 'RETURN'] } },
	},
	{
		displayName: 'Refund Shipping',
		name: 'refundShipping',
		type: 'boolean',
		default: false,
		description: 'Whether the shipping charges are refunded in full',
		displayOptions: { show: calculateOrCreate },
	},
	{
		displayName: 'Return Money',
		name: 'returnMoney',
		type: 'boolean',
		default: true,
		description:
			"Whether to send the money back through the order's payment gateways (off: record the refund and restock only)",
		displayOptions: { show: { resource, operation: ['create'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource, operation: ['create'] } },
		options: [
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description:
					"Shopify refunds at most once per key. Empty: derived from the order and the refund's content, so a re-run never refunds twice; set one (e.g. the credit memo number) when two identical refunds are meant.",
			},
			{
				displayName: 'Note',
				name: 'note',
				description: 'A note kept with it in Shopify, visible to staff',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Notify Customer',
				name: 'notify',
				type: 'boolean',
				default: false,
				description: 'Whether Shopify emails the customer',
			},
		],
	},
];

function refundRequest(context: OperationContext): RefundRequest {
	const { idempotencyKey, note, notify } = options(context);
	const location = text(context, 'locationId');
	return {
		orderId: toGid('Order', text(context, 'orderId')),
		lines: text(context, 'lines'),
		restockType: text(context, 'restockType', 'NO_RESTOCK') as RestockType,
		locationId: location ? toGid('Location', location) : undefined,
		refundShipping: flag(context, 'refundShipping'),
		returnMoney: flag(context, 'returnMoney', true),
		note: note ? String(note) : undefined,
		notify: Boolean(notify),
		idempotencyKey: idempotencyKey ? String(idempotencyKey).trim() : undefined,
	};
}

async function getManyForOrder(context: OperationContext): Promise<IDataObject[]> {
	const id = toGid('Order', text(context, 'orderId'));
	const { order } = await context.client.request<{ order: { refunds: IDataObject[] } | null }>(
		ORDER_REFUNDS_QUERY,
		{ id },
	);
	if (!order) throw new InputError(`Shopify has no order ${id}`, 'Check the Order ID.');
	return order.refunds;
}

export const operations = {
	getManyForOrder: { execute: getManyForOrder },
	calculate: {
		execute: async (context: OperationContext) =>
			(await suggestRefund(context.client, refundRequest(context))) as IDataObject,
	},
	create: {
		execute: async (context: OperationContext) =>
			(await createRefund(context.client, refundRequest(context))) as IDataObject,
	},
};
