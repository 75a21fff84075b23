import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fetchOrders, sinceQuery, type OrderSortKey } from '../../../../core/shopify/orders';
import { flag, InputError, options, text, type OperationContext } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Filter By',
		name: 'filterBy',
		description: 'Which orders to read',
		type: 'options',
		options: [
			{
				name: 'Updated Since',
				value: 'updatedSince',
				description: 'Orders changed at or after a time',
			},
			{
				name: 'Created Since',
				value: 'createdSince',
				description: 'Orders placed at or after a time',
			},
			{ name: 'Search Query', value: 'query', description: "Shopify's order search syntax" },
		],
		default: 'updatedSince',
	},
	{
		displayName: 'Since',
		name: 'since',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'The earliest time (ISO 8601, e.g. 2026-11-01T00:00:00Z)',
		displayOptions: { show: { filterBy: ['updatedSince', 'createdSince'] } },
	},
	{
		displayName: 'Search Query',
		name: 'query',
		type: 'string',
		required: true,
		default: '',
		placeholder: "financial_status:paid tag:wholesale updated_at:>='2026-11-01'",
		description: "Shopify's order search syntax",
		displayOptions: { show: { filterBy: ['query'] } },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Reverse',
				name: 'reverse',
				type: 'boolean',
				default: false,
				description: 'Whether to return the newest first',
			},
			{
				displayName: 'Sort By',
				name: 'sortKey',
				description: 'The order the orders come in',
				type: 'options',
				options: [
					{ name: 'Created At', value: 'CREATED_AT' },
					{ name: 'ID', value: 'ID' },
					{ name: 'Order Number', value: 'ORDER_NUMBER' },
					{ name: 'Processed At', value: 'PROCESSED_AT' },
					{ name: 'Updated At', value: 'UPDATED_AT' },
				],
				default: 'UPDATED_AT',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Any', value: 'any' },
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Closed', value: 'closed' },
					{ name: 'Open', value: 'open' },
				],
				default: 'any',
				description: 'Which orders to include (for Updated Since and Created Since)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getMany'] } },
	properties,
);

export async function execute(context: OperationContext): Promise<IDataObject[]> {
	const filterBy = text(context, 'filterBy', 'updatedSince');
	const { sortKey, reverse, status } = options(context) as {
		sortKey?: OrderSortKey;
		reverse?: boolean;
		status?: string;
	};
	let query: string;
	if (filterBy === 'query') {
		query = text(context, 'query');
		if (!query)
			throw new InputError(
				'The search query is empty',
				'Write a search query, or filter by Updated Since.',
			);
	} else {
		const since = text(context, 'since');
		if (Number.isNaN(Date.parse(since)))
			throw new InputError(
				`"${since}" is not a date and time`,
				'Set Since to an ISO 8601 time, e.g. 2026-11-01T00:00:00Z.',
			);
		query = sinceQuery(
			filterBy === 'createdSince' ? 'created_at' : 'updated_at',
			new Date(since).toISOString(),
			`status:${status ?? 'any'}`,
		);
	}
	const limit = flag(context, 'returnAll')
		? undefined
		: Number(context.fns.getNodeParameter('limit', context.itemIndex, 50));
	return (await fetchOrders(context.client, {
		query,
		sortKey: sortKey ?? 'UPDATED_AT',
		reverse,
		limit,
	})) as IDataObject[];
}
