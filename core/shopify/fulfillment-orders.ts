/**
 * Fulfillment orders read whole (every line, however many), and their lines chosen by SKU or
 * id, resolved against what remains to fulfil.
 */
import type { ShopifyAdminClient } from './client';
import {
	FULFILLMENT_ORDER_LINES_QUERY,
	FULFILLMENT_ORDER_QUERY,
	FULFILLMENT_ORDERS_QUERY,
} from './documents/fulfillment-orders';
import { LineSpecError, parseLineSpec, resolveLines } from './line-spec';
import { collectPages, type Page } from './pagination';

type Json = Record<string, unknown>;

interface FulfillmentOrderLine {
	id: string;
	sku: string | null;
	remainingQuantity: number;
}

export async function fetchFulfillmentOrder(client: ShopifyAdminClient, id: string): Promise<Json> {
	const { fulfillmentOrder } = await client.request<{ fulfillmentOrder: Json | null }>(
		FULFILLMENT_ORDER_QUERY,
		{ id },
	);
	if (!fulfillmentOrder) throw new LineSpecError(`Shopify has no fulfillment order ${id}`);
	const lines = fulfillmentOrder.lineItems as Page<Json>;
	const nodes = [...lines.nodes];
	let pageInfo = lines.pageInfo;
	while (pageInfo.hasNextPage) {
		const { fulfillmentOrder: more } = await client.request<{
			fulfillmentOrder: { lineItems: Page<Json> };
		}>(FULFILLMENT_ORDER_LINES_QUERY, {
			id,
			first: 100,
			after: pageInfo.endCursor,
		});
		nodes.push(...more.lineItems.nodes);
		pageInfo = more.lineItems.pageInfo;
	}
	return { ...fulfillmentOrder, lineItems: { nodes } };
}

/** An order's fulfillment orders, each with all its lines; null when there is no such order. */
export async function fetchFulfillmentOrdersOfOrder(
	client: ShopifyAdminClient,
	orderId: string,
): Promise<Json[] | null> {
	let missing = false;
	const ids = await collectPages<{ id: string }>(
		async (first, after) => {
			const { order } = await client.request<{
				order: { fulfillmentOrders: Page<{ id: string }> } | null;
			}>(FULFILLMENT_ORDERS_QUERY, { id: orderId, first, after });
			if (!order) {
				missing = true;
				return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
			}
			return order.fulfillmentOrders;
		},
		{ initialPageSize: 50 },
	);
	if (missing) return null;
	const fulfillmentOrders: Json[] = [];
	for (const { id } of ids) fulfillmentOrders.push(await fetchFulfillmentOrder(client, id));
	return fulfillmentOrders;
}

/** `[{ id, quantity }]` for FulfillmentOrderLineItemInput; undefined (all lines) when the spec is empty. */
export async function fulfillmentOrderLines(
	client: ShopifyAdminClient,
	fulfillmentOrderId: string,
	spec: string,
): Promise<Array<{ id: string; quantity: number }> | undefined> {
	if (spec.trim() === '') return undefined;
	const fulfillmentOrder = await fetchFulfillmentOrder(client, fulfillmentOrderId);
	const lines = ((fulfillmentOrder.lineItems as { nodes: FulfillmentOrderLine[] }).nodes ?? []).map(
		(line) => ({
			id: line.id,
			sku: line.sku,
			available: line.remainingQuantity,
		}),
	);
	return resolveLines(parseLineSpec(spec), lines, `Fulfillment order ${fulfillmentOrderId}`);
}
