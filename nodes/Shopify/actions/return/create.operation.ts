import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { toGid } from '../../../../core/shopify/ids';
import { createReturn } from '../../../../core/shopify/returns';
import { linesField, notifyCustomerField, orderIdField } from '../common.descriptions';
import { flag, text, type OperationContext } from '../operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['return'], operation: ['create'] } },
	[
		orderIdField({
			description: 'The order: its ID, gid://shopify/Order/… or an item field holding it',
		}),
		linesField({
			description: 'SKU or line ID = quantity, comma-separated; empty returns every line in full',
		}),
		{
			displayName: 'Reason Note',
			name: 'reasonNote',
			description: 'What the customer said about the return',
			type: 'string',
			default: '',
		},
		notifyCustomerField(),
	],
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	return (await createReturn(context.client, {
		orderId: toGid('Order', text(context, 'orderId')),
		lines: text(context, 'lines'),
		reasonNote: text(context, 'reasonNote') || undefined,
		notifyCustomer: flag(context, 'notifyCustomer'),
	})) as IDataObject;
}
