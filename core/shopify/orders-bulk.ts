/**
 * Many orders at once: how many a search finds, and all of them through one bulk operation (the
 * JSONL nested back into the shape the paged read gives, so every caller reads them alike).
 */
import { nestBulkRows, runBulkQuery, type BulkRunOptions } from './bulk';
import type { ShopifyAdminClient } from './client';
import { ORDERS_COUNT_QUERY } from './documents/orders';
import { bulkOrdersQuery } from './documents/orders-bulk';

type Json = Record<string, unknown>;

/** Up to 10,000; `atLeast` when there are more. */
export async function countOrders(
	client: ShopifyAdminClient,
	query: string,
): Promise<{ count: number; atLeast: boolean }> {
	const { ordersCount } = await client.request<{
		ordersCount: { count: number; precision: string } | null;
	}>(ORDERS_COUNT_QUERY, { query });
	return { count: ordersCount?.count ?? 0, atLeast: ordersCount?.precision === 'AT_LEAST' };
}

/** An order as the bulk file nests it, in the paged read's shape: `lineItems.nodes`, `shippingLines.nodes`. */
function pagedShape(root: Json): Json {
	const { children, ...order } = root as Json & { children?: Record<string, Json[]> };
	// The bulk read asks for shipping lines' ids (a nested row needs one); the paged read has none.
	const shippingLines = (children?.ShippingLine ?? []).map((line) =>
		Object.fromEntries(Object.entries(line).filter(([key]) => key !== 'id')),
	);
	return {
		...order,
		lineItems: { nodes: children?.LineItem ?? [] },
		shippingLines: { nodes: shippingLines },
	};
}

export async function fetchOrdersInBulk(
	client: ShopifyAdminClient,
	query: string,
	options: BulkRunOptions,
): Promise<Json[]> {
	const { rows } = await runBulkQuery(client, bulkOrdersQuery(query), options);
	return nestBulkRows(rows).map(pagedShape);
}
