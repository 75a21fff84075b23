/** Reading orders with all their lines, one or many. */
import type { ShopifyAdminClient } from './client';
import { ORDER_LINE_ITEMS_QUERY, ORDER_QUERY, ORDERS_QUERY } from './documents/orders';
import { OrderPageSizer } from './order-pages';
import { collectPages, type Page, type PageInfo } from './pagination';

type Json = Record<string, unknown>;
interface LineItemsConnection {
	pageInfo: PageInfo;
	nodes: Json[];
}

/** Lines fetched with the order itself; the rest follow in pages of LINE_PAGE_SIZE. */
const FIRST_LINES = 50;
const LINE_PAGE_SIZE = 60;

/** Appends the lines beyond the first page so an order is never silently cut short. */
async function completeLineItems(client: ShopifyAdminClient, order: Json): Promise<Json> {
	const lines = order.lineItems as LineItemsConnection;
	const nodes = [...lines.nodes];
	let pageInfo = lines.pageInfo;
	while (pageInfo.hasNextPage) {
		const { order: page } = await client.request<{ order: { lineItems: LineItemsConnection } }>(
			ORDER_LINE_ITEMS_QUERY,
			{
				id: order.id,
				first: LINE_PAGE_SIZE,
				after: pageInfo.endCursor,
			},
		);
		nodes.push(...page.lineItems.nodes);
		pageInfo = page.lineItems.pageInfo;
	}
	return { ...order, lineItems: { nodes } };
}

export async function fetchOrder(client: ShopifyAdminClient, id: string): Promise<Json | null> {
	const { order } = await client.request<{ order: Json | null }>(ORDER_QUERY, {
		id,
		lineItemsFirst: FIRST_LINES,
	});
	return order ? await completeLineItems(client, order) : null;
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
			for (const order of data.orders.nodes) nodes.push(await completeLineItems(client, order));
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
