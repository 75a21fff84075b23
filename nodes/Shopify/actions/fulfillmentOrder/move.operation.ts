import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FULFILLMENT_ORDER_MOVE_MUTATION } from '../../../../core/shopify/documents/fulfillment-orders';
import { fulfillmentOrderLines } from '../../../../core/shopify/fulfillment-orders';
import { fulfillmentOrderIdField, linesField, locationField } from '../common.descriptions';
import { InputError, locationValue, text, type OperationContext } from '../operation';
import { fulfillmentOrderGid, mutate } from './mutation';

export const description = updateDisplayOptions(
	{ show: { resource: ['fulfillmentOrder'], operation: ['move'] } },
	[
		fulfillmentOrderIdField(),
		linesField({
			placeholder: 'TSHIRT-RED-M=2, TOTE-NAT=1',
			description:
				'SKU or fulfillment order line ID = quantity, comma-separated. Empty moves every line with all that remains.',
		}),
		locationField({
			displayName: 'New Location',
			name: 'newLocationId',
			description: 'Where the fulfillment order moves to',
		}),
	],
);

export async function execute(context: OperationContext): Promise<IDataObject[]> {
	const id = fulfillmentOrderGid(context);
	const newLocationId = locationValue(context, 'newLocationId');
	if (!newLocationId)
		throw new InputError('No new location given', 'Choose the location to move the lines to.');
	const lineItems = await fulfillmentOrderLines(context.client, id, text(context, 'lines'));
	const payload = await mutate(context, FULFILLMENT_ORDER_MOVE_MUTATION, 'fulfillmentOrderMove', {
		id,
		newLocationId,
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
