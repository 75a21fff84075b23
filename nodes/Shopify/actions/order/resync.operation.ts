import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	DEFAULT_BULK,
	resyncDeliveries,
	type ResyncRequest,
} from '../../../../core/shopify/resync';
import { list, text, type OperationContext } from '../operation';

const fields: INodeProperties[] = [
	{
		displayName: 'Re-Sync',
		name: 'resyncBy',
		description: 'Which orders to send through the order sync path again',
		type: 'options',
		options: [
			{
				name: 'Orders Changed in a Time Range',
				value: 'updatedRange',
				description: 'Every order updated from From until To',
			},
			{
				name: 'Orders Placed in a Time Range',
				value: 'createdRange',
				description: 'Every order created from From until To',
			},
			{
				name: 'Named Orders',
				value: 'orders',
				description: 'A list of orders by name, number or ID',
			},
		],
		default: 'updatedRange',
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'Start of the range (included)',
		displayOptions: { show: { resyncBy: ['updatedRange', 'createdRange'] } },
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'End of the range (not included)',
		displayOptions: { show: { resyncBy: ['updatedRange', 'createdRange'] } },
	},
	{
		displayName: 'Orders',
		name: 'orders',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: '#1001, #1002, 1003',
		description:
			'Order names (#1001), numbers or IDs, separated by commas or new lines; one Shopify has not got stops the re-sync before anything runs',
		displayOptions: { show: { resyncBy: ['orders'] } },
	},
	{
		displayName: 'Use a Bulk Operation Above',
		name: 'bulkAbove',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 250,
		description:
			'A range with more orders than this is read by one Shopify bulk operation instead of page by page (0: always)',
		hint: 'Shopify counts the range first; a bulk read spares the rate limit on a large backfill',
		displayOptions: { show: { resyncBy: ['updatedRange', 'createdRange'] } },
	},
	{
		displayName: 'Max Wait for the Bulk Operation (Minutes)',
		name: 'bulkMaxWaitMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description:
			'How long to wait for Shopify to finish the bulk read before failing (it keeps running at Shopify)',
		displayOptions: { show: { resyncBy: ['updatedRange', 'createdRange'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['resync'] } },
	fields,
);

/**
 * The orders as the deliveries the order sync path takes (topic, event id `backfill:…`, payload),
 * to run through the same Dedupe Gate and idempotent writes as webhooks and the poll.
 */
export async function execute(context: OperationContext): Promise<IDataObject[]> {
	const by = text(context, 'resyncBy', 'updatedRange');
	const request: ResyncRequest =
		by === 'orders'
			? { by: 'orders', orders: list(text(context, 'orders')) }
			: {
					by: 'range',
					field: by === 'createdRange' ? 'created_at' : 'updated_at',
					from: text(context, 'from'),
					to: text(context, 'to'),
					bulk: {
						above: number(context, 'bulkAbove', DEFAULT_BULK.above),
						maxWaitMs:
							number(context, 'bulkMaxWaitMinutes', DEFAULT_BULK.maxWaitMs / 60_000) * 60_000,
					},
				};
	const credentials = await context.fns.getCredentials('shopifyAdminApi');
	const { deliveries, readBy } = await resyncDeliveries(context.client, request, {
		shopDomain: String(credentials.shopDomain ?? ''),
		apiVersion: context.client.apiVersion,
	});
	return deliveries.map(
		(delivery) => ({ ...delivery, source: 'backfill', readBy }) as unknown as IDataObject,
	);
}

function number(context: OperationContext, name: string, fallback: number): number {
	const value = Number(context.fns.getNodeParameter(name, context.itemIndex, fallback));
	return Number.isFinite(value) && value >= 0 ? value : fallback;
}
