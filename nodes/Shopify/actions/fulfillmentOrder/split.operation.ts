import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FULFILLMENT_ORDER_SPLIT_MUTATION } from '../../../../core/shopify/documents/fulfillment-orders';
import { fulfillmentOrderLines } from '../../../../core/shopify/fulfillment-orders';
import { fulfillmentOrderIdField, linesField } from '../common.descriptions';
import { InputError, text, type OperationContext } from '../operation';
import { fulfillmentOrderGid, mutate } from './mutation';

export const description = updateDisplayOptions(
	{ show: { resource: ['fulfillmentOrder'], operation: ['split'] } },
	[
		fulfillmentOrderIdField(),
		linesField({
			placeholder: 'TSHIRT-RED-M=2, TOTE-NAT=1',
			description:
				'SKU or fulfillment order line ID = quantity, comma-separated: the lines named stay in this fulfillment order and all else moves to a new one',
		}),
	],
);

export async function execute(context: OperationContext): Promise<IDataObject[]> {
	const id = fulfillmentOrderGid(context);
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
