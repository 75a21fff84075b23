/** Fulfillment-order lines chosen by SKU or id, resolved against what remains to fulfil. */
import type { ShopifyAdminClient } from './client';
import { FULFILLMENT_ORDER_QUERY } from './documents/fulfillment-orders';
import { parseLineSpec, resolveLines, LineSpecError } from './line-spec';

type Json = Record<string, unknown>;

interface FulfillmentOrderLine {
	id: string;
	sku: string | null;
	remainingQuantity: number;
}

export async function fetchFulfillmentOrder(client: ShopifyAdminClient, id: string): Promise<Json> {
	const { fulfillmentOrder } = await client.request<{ fulfillmentOrder: Json | null }>(FULFILLMENT_ORDER_QUERY, { id });
	if (!fulfillmentOrder) throw new LineSpecError(`Shopify has no fulfillment order ${id}`);
	return fulfillmentOrder;
}

/** `[{ id, quantity }]` for FulfillmentOrderLineItemInput; undefined (all lines) when the spec is empty. */
export async function fulfillmentOrderLines(
	client: ShopifyAdminClient,
	fulfillmentOrderId: string,
	spec: string,
): Promise<Array<{ id: string; quantity: number }> | undefined> {
	if (spec.trim() === '') return undefined;
	const fulfillmentOrder = await fetchFulfillmentOrder(client, fulfillmentOrderId);
	const lines = ((fulfillmentOrder.lineItems as { nodes: FulfillmentOrderLine[] }).nodes ?? []).map((line) => ({
		id: line.id,
		sku: line.sku,
		available: line.remainingQuantity,
	}));
	return resolveLines(parseLineSpec(spec), lines, `Fulfillment order ${fulfillmentOrderId}`);
}
