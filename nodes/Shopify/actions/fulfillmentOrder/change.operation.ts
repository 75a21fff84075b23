/** Split, move, hold and release: each changes one fulfillment order. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	FULFILLMENT_ORDER_HOLD_MUTATION,
	FULFILLMENT_ORDER_MOVE_MUTATION,
	FULFILLMENT_ORDER_RELEASE_HOLD_MUTATION,
	FULFILLMENT_ORDER_SPLIT_MUTATION,
} from '../../../../core/shopify/documents/fulfillment-orders';
import { fulfillmentOrderLines } from '../../../../core/shopify/fulfillment-orders';
import { toGid } from '../../../../core/shopify/ids';
import { assertNoUserErrors } from '../../../../core/shopify/user-errors';
import { flag, InputError, text, type OperationContext } from '../operation';

const resource = ['fulfillmentOrder'];

export const description: INodeProperties[] = [
	{
		displayName: 'Fulfillment Order ID',
		name: 'fulfillmentOrderId',
		description: 'The fulfillment order: its ID or gid://shopify/FulfillmentOrder/…',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'gid://shopify/FulfillmentOrder/1',
		displayOptions: {
			show: { resource, operation: ['split', 'move', 'hold', 'releaseHold', 'submitRequest'] },
		},
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'string',
		default: '',
		placeholder: 'TSHIRT-RED-M=2, TOTE-NAT=1',
		description:
			'SKU or fulfillment order line ID = quantity, comma-separated. Empty means every line with all that remains. For Split the lines named stay in this fulfillment order and all else moves to a new one.',
		displayOptions: { show: { resource, operation: ['split', 'move', 'submitRequest'] } },
	},
	{
		displayName: 'New Location ID',
		name: 'newLocationId',
		description: 'Where the fulfillment order moves to: a location ID or gid://shopify/Location/…',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'gid://shopify/Location/2',
		displayOptions: { show: { resource, operation: ['move'] } },
	},
	{
		displayName: 'Hold Reason',
		name: 'holdReason',
		description: 'Why the fulfillment order is held, as Shopify records it',
		type: 'options',
		options: [
			{ name: 'Awaiting Payment', value: 'AWAITING_PAYMENT' },
			{ name: 'Awaiting Return Items', value: 'AWAITING_RETURN_ITEMS' },
			{ name: 'High Risk of Fraud', value: 'HIGH_RISK_OF_FRAUD' },
			{ name: 'Incorrect Address', value: 'INCORRECT_ADDRESS' },
			{ name: 'Inventory Out of Stock', value: 'INVENTORY_OUT_OF_STOCK' },
			{ name: 'Other', value: 'OTHER' },
			{ name: 'Unknown Delivery Date', value: 'UNKNOWN_DELIVERY_DATE' },
		],
		default: 'OTHER',
		displayOptions: { show: { resource, operation: ['hold'] } },
	},
	{
		displayName: 'Hold Notes',
		name: 'holdNotes',
		description: 'More about the hold, for the people who release it',
		type: 'string',
		default: '',
		displayOptions: { show: { resource, operation: ['hold'] } },
	},
	{
		displayName: 'Notify Merchant',
		name: 'notifyMerchant',
		type: 'boolean',
		default: false,
		description: 'Whether Shopify notifies the merchant about the hold',
		displayOptions: { show: { resource, operation: ['hold'] } },
	},
];

const fulfillmentOrderId = (context: OperationContext) =>
	toGid('FulfillmentOrder', text(context, 'fulfillmentOrderId'));

async function mutate(
	context: OperationContext,
	document: string,
	name: string,
	variables: IDataObject,
): Promise<IDataObject> {
	const result = await context.client.request<Record<string, Record<string, unknown>>>(
		document,
		variables,
	);
	return assertNoUserErrors(name, result[name]) as IDataObject;
}

async function split(context: OperationContext): Promise<IDataObject[]> {
	const id = fulfillmentOrderId(context);
	const lines = await fulfillmentOrderLines(context.client, id, text(context, 'lines'));
	if (!lines)
		throw new InputError(
			'Split needs the lines that stay in this fulfillment order',
			'Fill in Lines, e.g. TSHIRT-RED-M=1.',
		);
	const payload = await mutate(context, FULFILLMENT_ORDER_SPLIT_MUTATION, 'fulfillmentOrderSplit', {
		splits: [{ fulfillmentOrderId: id, fulfillmentOrderLineItems: lines }],
	});
	const [result] = payload.fulfillmentOrderSplits as Array<{
		fulfillmentOrder: IDataObject;
		remainingFulfillmentOrder: IDataObject;
	}>;
	// Shopify keeps the lines named in the original and puts the rest in a new fulfillment order.
	return [
		{ ...result.fulfillmentOrder, splitRole: 'original' },
		{ ...result.remainingFulfillmentOrder, splitRole: 'remaining' },
	];
}

async function move(context: OperationContext): Promise<IDataObject[]> {
	const id = fulfillmentOrderId(context);
	const lineItems = await fulfillmentOrderLines(context.client, id, text(context, 'lines'));
	const payload = await mutate(context, FULFILLMENT_ORDER_MOVE_MUTATION, 'fulfillmentOrderMove', {
		id,
		newLocationId: toGid('Location', text(context, 'newLocationId')),
		lineItems: lineItems ?? null,
	});
	const moved = payload.movedFulfillmentOrder as IDataObject;
	const original = payload.originalFulfillmentOrder as IDataObject | null;
	// Moving some lines leaves the rest in the original fulfillment order: both need shipping.
	return original && original.id !== moved.id && original.status !== 'CLOSED'
		? [
				{ ...moved, moveRole: 'moved' },
				{ ...original, moveRole: 'original' },
			]
		: [{ ...moved, moveRole: 'moved' }];
}

async function hold(context: OperationContext): Promise<IDataObject> {
	const payload = await mutate(context, FULFILLMENT_ORDER_HOLD_MUTATION, 'fulfillmentOrderHold', {
		id: fulfillmentOrderId(context),
		hold: {
			reason: text(context, 'holdReason', 'OTHER'),
			reasonNotes: text(context, 'holdNotes') || null,
			notifyMerchant: flag(context, 'notifyMerchant'),
		},
	});
	return payload.fulfillmentOrder as IDataObject;
}

async function releaseHold(context: OperationContext): Promise<IDataObject> {
	const payload = await mutate(
		context,
		FULFILLMENT_ORDER_RELEASE_HOLD_MUTATION,
		'fulfillmentOrderReleaseHold',
		{ id: fulfillmentOrderId(context) },
	);
	return payload.fulfillmentOrder as IDataObject;
}

export const operations = {
	split: { execute: split },
	move: { execute: move },
	hold: { execute: hold },
	releaseHold: { execute: releaseHold },
};
