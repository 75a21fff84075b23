/** Shipment Request → Get Many: the requests of one order, or every request changed since a moment. */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readPages } from '../../../shared/contract-client';
import type { ContractContext, OperationResult } from '../../../shared/contract-operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		description:
			'The shipment requests of one order, or every request changed since a moment (for shipment sync)',
		options: [
			{ name: 'Order', value: 'order' },
			{ name: 'Updated Since', value: 'updatedSince' },
		],
		default: 'order',
	},
	{
		displayName: 'Order Reference',
		name: 'orderRef',
		type: 'string',
		default: '={{ $json.orderRef ?? ("shopify:order:" + ($json.payload?.id ?? $json.id)) }}',
		description: 'The order the requests were made for, as shopify:order:&lt;ID&gt;',
		hint: 'The numeric Shopify order ID, not the #1001 name: one order may have several requests, one per fulfillment order',
		displayOptions: { show: { findBy: ['order'] } },
	},
	{
		displayName: 'Updated Since',
		name: 'updatedSince',
		type: 'dateTime',
		default: '',
		description: 'Requests the warehouse changed at or after this moment (shipped, cancelled, …)',
		hint: 'For a shipment sync, the start of the last run that succeeded: the moment itself is included, so nothing changed in between is missed',
		displayOptions: { show: { findBy: ['updatedSince'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['shipmentRequest'], operation: ['getMany'] } },
	properties,
);

export async function execute({ fns, client }: ContractContext): Promise<OperationResult[]> {
	const results: OperationResult[] = [];
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		const findBy = fns.getNodeParameter('findBy', itemIndex) as string;
		const query: Record<string, string> =
			findBy === 'order'
				? { orderRef: String(fns.getNodeParameter('orderRef', itemIndex)) }
				: {
						updatedSince: new Date(
							String(fns.getNodeParameter('updatedSince', itemIndex)),
						).toISOString(),
					};
		results.push({
			itemIndex,
			items: await readPages(fns, client, '/shipment-requests', query, itemIndex),
		});
	}
	return results;
}
