/**
 * Re-sync (backfill): orders of a time range, or named ones, as the deliveries the order sync
 * path takes (the poll's shape, event id `backfill:<order>@<version>`), so they run through the
 * same Dedupe Gate and idempotent writes: an order already booked at that version is skipped,
 * a newer version replaces the ERP's, and running the same re-sync twice books nothing twice.
 * A large range is read by one bulk operation rather than thousands of pages.
 */
import type { ShopifyAdminClient } from './client';
import { fetchOrders } from './orders';
import { countOrders, fetchOrdersInBulk } from './orders-bulk';
import { orderDelivery } from './poll';
import type { WebhookDelivery } from './webhooks';

export type ResyncRequest =
	| { by: 'range'; field: 'updated_at' | 'created_at'; from: string; to: string; bulk?: BulkChoice }
	| { by: 'orders'; orders: string[] };

/** A range of more than `above` orders is read by one bulk operation (waiting up to `maxWaitMs`), a smaller one page by page. */
export interface BulkChoice {
	above: number;
	maxWaitMs: number;
}

export const DEFAULT_BULK: BulkChoice = { above: 250, maxWaitMs: 30 * 60_000 };

export interface ResyncResult {
	deliveries: WebhookDelivery[];
	/** How Shopify was read: page by page, or one bulk operation. */
	readBy: 'pages' | 'bulk';
}

export class ResyncInputError extends Error {
	constructor(
		message: string,
		readonly fix: string,
	) {
		super(message);
	}
}

/** Orders per search: Shopify's query string stays short. */
const NAMES_PER_QUERY = 25;

/** `#1001`, `1001` (an order number or ID) or a gid, as a search term for that one order. */
function orderTerm(handle: string): string {
	const gid = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(handle);
	if (gid) return `id:${gid[1]}`;
	if (/^#?[\w-]+$/.test(handle))
		return handle.startsWith('#') ? `name:${handle}` : `name:#${handle} OR id:${handle}`;
	throw new ResyncInputError(
		`"${handle}" is not an order name, number or ID`,
		'List orders as #1001, 1001 or gid://shopify/Order/…, separated by commas or new lines.',
	);
}

function matches(order: Record<string, unknown>, handle: string): boolean {
	const numeric = String(order.id).split('/').pop();
	const name = String(order.name);
	return (
		handle === String(order.id) || handle === numeric || handle === name || `#${handle}` === name
	);
}

function rangeQuery(request: Extract<ResyncRequest, { by: 'range' }>): string {
	for (const [label, value] of [
		['From', request.from],
		['To', request.to],
	]) {
		if (Number.isNaN(Date.parse(value)))
			throw new ResyncInputError(
				`${label} "${value}" is not a date and time`,
				'Give From and To as ISO 8601 times, e.g. 2026-11-01T00:00:00Z.',
			);
	}
	const [from, to] = [new Date(request.from).toISOString(), new Date(request.to).toISOString()];
	if (from >= to)
		throw new ResyncInputError(
			`From (${from}) is not before To (${to})`,
			'Give a From earlier than To.',
		);
	return `${request.field}:>='${from}' ${request.field}:<'${to}' status:any`;
}

/** Oldest change first, as the paged read sorts them (a bulk file keeps no order). */
function byField(field: 'updated_at' | 'created_at') {
	const key = field === 'created_at' ? 'createdAt' : 'updatedAt';
	return (a: Record<string, unknown>, b: Record<string, unknown>) =>
		String(a[key]).localeCompare(String(b[key])) ||
		Number(a.legacyResourceId) - Number(b.legacyResourceId);
}

async function rangeOrders(
	client: ShopifyAdminClient,
	request: Extract<ResyncRequest, { by: 'range' }>,
): Promise<{ orders: Array<Record<string, unknown>>; readBy: ResyncResult['readBy'] }> {
	const query = rangeQuery(request);
	const bulk = request.bulk ?? DEFAULT_BULK;
	const { count } = await countOrders(client, query);
	if (count > bulk.above)
		return {
			orders: (await fetchOrdersInBulk(client, query, { maxWaitMs: bulk.maxWaitMs })).sort(
				byField(request.field),
			),
			readBy: 'bulk',
		};
	return {
		orders: await fetchOrders(client, {
			query,
			sortKey: request.field === 'created_at' ? 'CREATED_AT' : 'UPDATED_AT',
		}),
		readBy: 'pages',
	};
}

export async function resyncDeliveries(
	client: ShopifyAdminClient,
	request: ResyncRequest,
	shop: { shopDomain: string; apiVersion: string },
): Promise<ResyncResult> {
	if (request.by === 'range') {
		const { orders, readBy } = await rangeOrders(client, request);
		return { deliveries: orders.map((order) => orderDelivery(order, 'backfill', shop)), readBy };
	}
	const handles = [...new Set(request.orders.map((handle) => handle.trim()).filter(Boolean))];
	if (!handles.length)
		throw new ResyncInputError(
			'No orders were named',
			'List the orders to re-sync: #1001, #1002 …',
		);
	const found: Array<Record<string, unknown>> = [];
	for (let start = 0; start < handles.length; start += NAMES_PER_QUERY) {
		const chunk = handles.slice(start, start + NAMES_PER_QUERY);
		found.push(
			...(await fetchOrders(client, {
				query: chunk.map(orderTerm).join(' OR '),
				sortKey: 'UPDATED_AT',
			})),
		);
	}
	const missing = handles.filter((handle) => !found.some((order) => matches(order, handle)));
	if (missing.length)
		throw new ResyncInputError(
			`Shopify has no order ${missing.join(', ')}; nothing was re-synced`,
			'Check the names (as #1001) or IDs, or leave those out and run the re-sync again.',
		);
	const unique = [...new Map(found.map((order) => [String(order.id), order])).values()];
	return {
		deliveries: unique.map((order) => orderDelivery(order, 'backfill', shop)),
		readBy: 'pages',
	};
}
