/** Fields several ERP operations share; each operation scopes them with updateDisplayOptions. */
import type { INodeProperties } from 'n8n-workflow';

/** Return All / Limit of a list read. */
export const pageFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: true,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

/** The window of order dates of Sales Order and Credit Memo → Get Many, then Return All / Limit. */
export const orderWindowFields: INodeProperties[] = [
	{
		displayName: 'Ordered From',
		name: 'orderedFrom',
		type: 'dateTime',
		default: '',
		description: 'Only orders placed at or after this instant; empty: from the first',
		hint: 'The window counts when the order was placed in Shopify, not when the ERP booked it. For last night, from $now.minus(1, "day").startOf("day").',
	},
	{
		displayName: 'Ordered Before',
		name: 'orderedBefore',
		type: 'dateTime',
		default: '',
		description: 'Only orders placed before this instant; empty: up to now',
		hint: 'Not included, so consecutive windows (from midnight before midnight) neither overlap nor leave a gap',
	},
	...pageFields,
];
