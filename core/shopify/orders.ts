/** Reading orders with all their lines, one or many. */
import type { ShopifyAdminClient } from './client';
import {
	ORDER_LINE_ITEMS_QUERY,
	ORDER_QUERY,
	ORDER_SHIPPING_LINES_QUERY,
	ORDERS_QUERY,
} from './documents/orders';
import { OrderPageSizer } from './order-pages';
import { collectPages, type Page, type PageInfo } from './pagination';

type Json = Record<string, unknown>;
interface NodesConnection {
	pageInfo: PageInfo;
	nodes: Json[];
}

/** Lines fetched with the order itself; the rest follow in pages of LINE_PAGE_SIZE. */
const FIRST_LINES = 50;
const LINE_PAGE_SIZE = 60;
/** Shipping lines beyond the order's own five follow in pages of this many. */
const SHIPPING_LINE_PAGE_SIZE = 50;

/**
 * Appends the nodes of an order's connection beyond its first page, read with `query` (which
 * asks for `order.<field>` by `$id`, `$first`, `$after`).
 */
async function completeConnection(
	client: ShopifyAdminClient,
	order: Json,
	field: 'lineItems' | 'shippingLines',
	query: string,
	pageSize: number,
): Promise<Json> {
	const connection = order[field] as NodesConnection;
	const nodes = [...connection.nodes];
	let pageInfo = connection.pageInfo;
	while (pageInfo.hasNextPage) {
		const { order: page } = await client.request<{ order: Record<string, NodesConnection> }>(
			query,
			{ id: order.id, first: pageSize, after: pageInfo.endCursor },
		);
		nodes.push(...page[field].nodes);
		pageInfo = page[field].pageInfo;
	}
	return { ...order, [field]: { nodes } };
}

/** The order with every line and shipping line, so an order is never silently cut short. */
async function completeOrder(client: ShopifyAdminClient, order: Json): Promise<Json> {
	const withLines = await completeConnection(
		client,
		order,
		'lineItems',
		ORDER_LINE_ITEMS_QUERY,
		LINE_PAGE_SIZE,
	);
	return await completeConnection(
		client,
		withLines,
		'shippingLines',
		ORDER_SHIPPING_LINES_QUERY,
		SHIPPING_LINE_PAGE_SIZE,
	);
}

export async function fetchOrder(client: ShopifyAdminClient, id: string): Promise<Json | null> {
	const { order } = await client.request<{ order: Json | null }>(ORDER_QUERY, {
		id,
		lineItemsFirst: FIRST_LINES,
	});
	return order ? await completeOrder(client, order) : null;
}

export type OrderSortKey = 'PROCESSED_AT' | 'CREATED_AT' | 'UPDATED_AT' | 'ID' | 'ORDER_NUMBER';

export interface OrderSearch {
	/** Shopify search syntax, e.g. `updated_at:>'2026-11-01T00:00:00Z' status:any`. */
	query?: string;
	sortKey?: OrderSortKey;
	reverse?: boolean;
	/** At most this many orders; all when undefined. */
	limit?: number;
	/**
	 * Lines fetched per order on the list page (more are fetched per order when needed); learned
	 * from the orders read when undefined (see OrderPageSizer).
	 */
	lineItemsFirst?: number;
}

export async function fetchOrders(
	client: ShopifyAdminClient,
	search: OrderSearch,
): Promise<Json[]> {
	const sizer = new OrderPageSizer(search.lineItemsFirst);
	return await collectPages<Json>(
		async (first, after) => {
			const lineItemsFirst = sizer.lineItemsFirst();
			const { data, cost } = await client.requestWithCost<{ orders: Page<Json> }>(
				ORDERS_QUERY,
				{
					first,
					after,
					query: search.query || null,
					sortKey: search.sortKey ?? 'UPDATED_AT',
					reverse: search.reverse ?? false,
					lineItemsFirst,
				},
				sizer.expectedCost(first, lineItemsFirst),
			);
			// Completed page by page, so the lines learned size the next page.
			const nodes: Json[] = [];
			for (const order of data.orders.nodes) nodes.push(await completeOrder(client, order));
			sizer.observe({
				first,
				lineItemsFirst,
				lineCounts: nodes.map((order) => (order.lineItems as { nodes: Json[] }).nodes.length),
				requestedCost: cost?.requestedQueryCost,
				throttleStatus: cost?.throttleStatus,
			});
			return { ...data.orders, nodes };
		},
		{ initialPageSize: 5, limit: search.limit, sizeAfter: () => sizer.pageSize() },
	);
}

/** Shopify search syntax for "changed (or created) since", quoting the timestamp. */
export function sinceQuery(
	field: 'updated_at' | 'created_at',
	since: string,
	extra?: string,
): string {
	return [`${field}:>='${since}'`, extra?.trim()].filter(Boolean).join(' ');
}
