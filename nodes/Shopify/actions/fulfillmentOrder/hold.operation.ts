import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FULFILLMENT_ORDER_HOLD_MUTATION } from '../../../../core/shopify/documents/fulfillment-orders';
import { fulfillmentOrderIdField } from '../common.descriptions';
import { flag, text, type OperationContext } from '../operation';
import { fulfillmentOrderGid, mutate } from './mutation';

const properties: INodeProperties[] = [
	fulfillmentOrderIdField(),
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
	},
	{
		displayName: 'Hold Notes',
		name: 'holdNotes',
		description: 'More about the hold, for the people who release it',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Notify Merchant',
		name: 'notifyMerchant',
		type: 'boolean',
		default: false,
		description: 'Whether Shopify notifies the merchant about the hold',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['fulfillmentOrder'], operation: ['hold'] } },
	properties,
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	const payload = await mutate(context, FULFILLMENT_ORDER_HOLD_MUTATION, 'fulfillmentOrderHold', {
		id: fulfillmentOrderGid(context),
		hold: {
			reason: text(context, 'holdReason', 'OTHER'),
			reasonNotes: text(context, 'holdNotes') || null,
			notifyMerchant: flag(context, 'notifyMerchant'),
		},
	});
	return payload.fulfillmentOrder as IDataObject;
}
