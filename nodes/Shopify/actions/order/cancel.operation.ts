import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { ORDER_CANCEL_MUTATION } from '../../../../core/shopify/documents/orders';
import { toGid } from '../../../../core/shopify/ids';
import { assertNoUserErrors } from '../../../../core/shopify/user-errors';
import { notifyCustomerField, orderIdField } from '../common.descriptions';
import { flag, options, text, type OperationContext } from '../operation';

const properties: INodeProperties[] = [
	orderIdField(),
	{
		displayName: 'Reason',
		name: 'reason',
		description: 'The reason Shopify records',
		type: 'options',
		options: [
			{ name: 'Customer', value: 'CUSTOMER' },
			{ name: 'Declined', value: 'DECLINED' },
			{ name: 'Fraud', value: 'FRAUD' },
			{ name: 'Inventory', value: 'INVENTORY' },
			{ name: 'Other', value: 'OTHER' },
			{ name: 'Staff', value: 'STAFF' },
		],
		default: 'CUSTOMER',
	},
	{
		displayName: 'Restock',
		name: 'restock',
		type: 'boolean',
		default: true,
		description: 'Whether to put the unfulfilled quantities back into stock',
	},
	{
		displayName: 'Refund to Original Payment',
		name: 'refund',
		type: 'boolean',
		default: false,
		description: 'Whether to refund what was paid to the original payment methods',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			notifyCustomerField(),
			{
				displayName: 'Staff Note',
				name: 'staffNote',
				description: 'A note for staff, kept on the order’s timeline',
				type: 'string',
				default: '',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['cancel'] } },
	properties,
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	const orderId = toGid('Order', text(context, 'orderId'));
	const { notifyCustomer, staffNote } = options(context);
	const result = await context.client.request<{ orderCancel: Record<string, unknown> }>(
		ORDER_CANCEL_MUTATION,
		{
			orderId,
			reason: text(context, 'reason', 'CUSTOMER'),
			restock: flag(context, 'restock', true),
			notifyCustomer: Boolean(notifyCustomer),
			staffNote: staffNote ? String(staffNote) : null,
			refundMethod: flag(context, 'refund') ? { originalPaymentMethodsRefund: true } : null,
		},
	);
	const { job } = assertNoUserErrors('orderCancel', result.orderCancel) as { job: IDataObject };
	return { orderId, cancelled: true, job };
}
