import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FULFILLMENT_REQUEST_MUTATION } from '../../../../core/shopify/documents/fulfillment-orders';
import { fulfillmentOrderLines } from '../../../../core/shopify/fulfillment-orders';
import { toGid } from '../../../../core/shopify/ids';
import { assertNoUserErrors } from '../../../../core/shopify/user-errors';
import { fulfillmentOrderIdField, linesField, notifyCustomerField } from '../common.descriptions';
import { flag, text, type OperationContext } from '../operation';

const properties: INodeProperties[] = [
	fulfillmentOrderIdField(),
	linesField({
		placeholder: 'TSHIRT-RED-M=2, TOTE-NAT=1',
		description:
			'SKU or fulfillment order line ID = quantity, comma-separated. Empty requests every line with all that remains.',
	}),
	{
		displayName: 'Message',
		name: 'requestMessage',
		type: 'string',
		default: '',
		description: 'A note for the fulfillment service',
	},
	notifyCustomerField({
		name: 'requestNotifyCustomer',
		description: 'Whether the customer is told once the fulfillment service ships',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['fulfillmentOrder'], operation: ['submitRequest'] } },
	properties,
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	const id = toGid('FulfillmentOrder', text(context, 'fulfillmentOrderId'));
	const lineItems = await fulfillmentOrderLines(context.client, id, text(context, 'lines'));
	const result = await context.client.request<{
		fulfillmentOrderSubmitFulfillmentRequest: Record<string, unknown>;
	}>(FULFILLMENT_REQUEST_MUTATION, {
		id,
		message: text(context, 'requestMessage') || null,
		notifyCustomer: flag(context, 'requestNotifyCustomer'),
		lineItems: lineItems ?? null,
	});
	const payload = assertNoUserErrors(
		'fulfillmentOrderSubmitFulfillmentRequest',
		result.fulfillmentOrderSubmitFulfillmentRequest,
	);
	return {
		...(payload.submittedFulfillmentOrder as IDataObject),
		originalFulfillmentOrder: payload.originalFulfillmentOrder,
		unsubmittedFulfillmentOrder: payload.unsubmittedFulfillmentOrder,
	} as IDataObject;
}
