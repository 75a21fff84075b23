import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createRefund } from '../../../../core/shopify/refunds';
import { idempotencyKeyField, notifyCustomerField, staffNoteField } from '../common.descriptions';
import type { OperationContext } from '../operation';
import { refundFields, refundRequest } from './request';

const properties: INodeProperties[] = [
	...refundFields,
	{
		displayName: 'Return Money',
		name: 'returnMoney',
		type: 'boolean',
		default: true,
		description:
			"Whether to send the money back through the order's payment gateways (off: record the refund and restock only)",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			idempotencyKeyField({
				description:
					"Shopify refunds at most once per key. Empty: derived from the order and the refund's content, so a re-run never refunds twice; set one (e.g. the credit memo number) when two identical refunds are meant.",
			}),
			staffNoteField(),
			notifyCustomerField({ name: 'notify' }),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['refund'], operation: ['create'] } },
	properties,
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	return (await createRefund(context.client, refundRequest(context))) as IDataObject;
}
