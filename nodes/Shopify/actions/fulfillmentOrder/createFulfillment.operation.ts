import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FULFILLMENT_CREATE_MUTATION } from '../../../../core/shopify/documents/fulfillment-orders';
import { fulfillmentOrderLines } from '../../../../core/shopify/fulfillment-orders';
import { toGid } from '../../../../core/shopify/ids';
import { assertNoUserErrors } from '../../../../core/shopify/user-errors';
import { fulfillmentOrderIdField, linesField, notifyCustomerField } from '../common.descriptions';
import { flag, InputError, options, text, type OperationContext } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Fulfillment Orders',
		name: 'fulfillmentOrders',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		required: true,
		default: {},
		placeholder: 'Add fulfillment order',
		description: 'The fulfillment orders (all at one location) this shipment fulfils',
		options: [
			{
				displayName: 'Fulfillment Order',
				name: 'fulfillmentOrder',
				values: [
					fulfillmentOrderIdField({ name: 'id', required: false }),
					linesField({
						description:
							'SKU or line ID = quantity, comma-separated; empty fulfils all that remains',
					}),
				],
			},
		],
	},
	{
		displayName: 'Tracking Number',
		name: 'trackingNumber',
		description: 'The carrier’s tracking number, sent to the customer with the shipping notice',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Tracking Company',
		name: 'trackingCompany',
		description: 'The carrier, as Shopify names it (e.g. DHL Express), for the tracking link',
		type: 'string',
		default: '',
		placeholder: 'DHL Express',
	},
	{
		displayName: 'Tracking URL',
		name: 'trackingUrl',
		description: 'A tracking link, when the carrier is not one Shopify knows',
		type: 'string',
		default: '',
	},
	notifyCustomerField({
		default: true,
		description: 'Whether Shopify sends the shipping confirmation',
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Message',
				name: 'message',
				type: 'string',
				default: '',
				description: 'A message kept with the fulfillment',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['fulfillmentOrder'], operation: ['createFulfillment'] } },
	properties,
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	const entries =
		(context.fns.getNodeParameter(
			'fulfillmentOrders.fulfillmentOrder',
			context.itemIndex,
			[],
		) as Array<{ id?: string; lines?: string }>) ?? [];
	if (entries.length === 0)
		throw new InputError(
			'No fulfillment order given',
			'Add at least one fulfillment order under Fulfillment Orders.',
		);
	const lineItemsByFulfillmentOrder = [];
	for (const entry of entries) {
		const id = toGid('FulfillmentOrder', entry.id ?? '');
		const lines = await fulfillmentOrderLines(context.client, id, entry.lines ?? '');
		lineItemsByFulfillmentOrder.push({
			fulfillmentOrderId: id,
			...(lines ? { fulfillmentOrderLineItems: lines } : {}),
		});
	}
	const number = text(context, 'trackingNumber');
	const company = text(context, 'trackingCompany');
	const url = text(context, 'trackingUrl');
	const { message } = options(context);
	const result = await context.client.request<{ fulfillmentCreate: Record<string, unknown> }>(
		FULFILLMENT_CREATE_MUTATION,
		{
			fulfillment: {
				lineItemsByFulfillmentOrder,
				notifyCustomer: flag(context, 'notifyCustomer', true),
				...(number || company || url
					? { trackingInfo: { number: number || null, company: company || null, url: url || null } }
					: {}),
			},
			message: message ? String(message) : null,
		},
	);
	return assertNoUserErrors('fulfillmentCreate', result.fulfillmentCreate)
		.fulfillment as IDataObject;
}
