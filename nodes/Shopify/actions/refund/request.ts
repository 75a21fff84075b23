/** What Calculate and Create share: the fields of a refund, and reading them into a RefundRequest. */
import type { INodeProperties } from 'n8n-workflow';

import { toGid } from '../../../../core/shopify/ids';
import type { RefundRequest, RestockType } from '../../../../core/shopify/refunds';
import { linesField, locationField, orderIdField } from '../common.descriptions';
import { flag, locationValue, options, text, type OperationContext } from '../operation';

export const refundFields: INodeProperties[] = [
	orderIdField({
		description: 'The order: its ID, gid://shopify/Order/… or an item field holding it',
	}),
	linesField({
		placeholder: 'TSHIRT-RED-M=1, SOCKS-TRAIL-42=2',
		description:
			'SKU or line item ID = quantity, comma-separated (no quantity: all that is refundable). Empty refunds no lines.',
	}),
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
	},
	locationField({
		displayName: 'Restock Location',
		required: false,
		description: 'Where restocked units go (empty: where they were fulfilled from)',
		displayOptions: { show: { restockType: ['CANCEL', 'RETURN'] } },
	}),
	{
		displayName: 'Refund Shipping',
		name: 'refundShipping',
		type: 'boolean',
		default: false,
		description: 'Whether the shipping charges are refunded in full',
	},
];

export function refundRequest(context: OperationContext): RefundRequest {
	const { idempotencyKey, note, notify } = options(context);
	const restockType = text(context, 'restockType', 'NO_RESTOCK') as RestockType;
	return {
		orderId: toGid('Order', text(context, 'orderId')),
		lines: text(context, 'lines'),
		restockType,
		// Shown (and so readable) only when units go back into stock.
		locationId: restockType === 'NO_RESTOCK' ? undefined : locationValue(context, 'locationId'),
		refundShipping: flag(context, 'refundShipping'),
		returnMoney: flag(context, 'returnMoney', true),
		note: note ? String(note) : undefined,
		notify: Boolean(notify),
		idempotencyKey: idempotencyKey ? String(idempotencyKey).trim() : undefined,
	};
}
