/**
 * The polling fallback: each poll asks for what changed since the high-water mark minus an
 * overlap (a record written just before the last poll, but indexed after it, is not lost), and
 * emits items shaped like webhook deliveries with a synthetic event id. What the overlap brings
 * back again is recognised by the ids remembered from the window and not emitted twice; a
 * Dedupe Gate downstream then makes webhook + poll overlap safe.
 */
import type { ShopifyAdminClient } from './client';
import { ORDER_REFUNDS_QUERY } from './documents/refunds';
import { fetchOrders, sinceQuery } from './orders';
import type { WebhookDelivery } from './webhooks';

type Json = Record<string, unknown>;

export type PollResource = 'orders' | 'refunds';

export interface PollState {
	/** The newest `updatedAt` (ISO) seen so far. */
	highWaterMark?: string;
	/** Event ids emitted within the overlap window, with the time they refer to (ms). */
	recent?: Record<string, number>;
}

export interface PollOptions {
	resource: PollResource;
	overlapMs: number;
	/** Where the first poll starts (the trigger's activation time when unset). */
	startAt: string;
	now: number;
	shopDomain: string;
	apiVersion: string;
	/** Extra Shopify search terms (e.g. `status:any`, `tag:wholesale`). */
	filter?: string;
}

export interface PollResult {
	deliveries: WebhookDelivery[];
	state: PollState;
}

/** The search lower bound of this poll. */
export function pollSince(
	state: PollState,
	options: Pick<PollOptions, 'overlapMs' | 'startAt'>,
): string {
	const mark = state.highWaterMark ?? options.startAt;
	return new Date(Date.parse(mark) - options.overlapMs).toISOString();
}

function delivery(
	topic: string,
	eventId: string,
	triggeredAt: string,
	payload: Json,
	options: Pick<PollOptions, 'shopDomain' | 'apiVersion'>,
): WebhookDelivery {
	return {
		topic,
		shopDomain: options.shopDomain,
		apiVersion: options.apiVersion,
		webhookId: '',
		eventId,
		triggeredAt,
		payload,
	};
}

/**
 * An order as the delivery its current state would have come as: cancelled, created (never
 * changed since) or updated; the event id names where it came from and the version.
 */
export function orderDelivery(
	order: Json,
	source: 'poll' | 'backfill',
	options: Pick<PollOptions, 'shopDomain' | 'apiVersion'>,
): WebhookDelivery {
	const updatedAt = String(order.updatedAt);
	const topic = order.cancelledAt
		? 'orders/cancelled'
		: order.createdAt === order.updatedAt
			? 'orders/create'
			: 'orders/updated';
	return delivery(topic, `${source}:${String(order.id)}@${updatedAt}`, updatedAt, order, options);
}

/** One poll: what changed since the mark, without what the previous polls already emitted. */
export async function pollChanges(
	client: ShopifyAdminClient,
	state: PollState,
	options: PollOptions,
): Promise<PollResult> {
	const since = pollSince(state, options);
	const orders = await fetchOrders(client, {
		query: sinceQuery('updated_at', since, options.filter ?? 'status:any'),
		sortKey: 'UPDATED_AT',
	});
	const candidates: Array<{ id: string; at: number; make: () => WebhookDelivery }> = [];
	for (const order of orders) {
		const updatedAt = String(order.updatedAt);
		if (options.resource === 'orders') {
			const made = orderDelivery(order, 'poll', options);
			candidates.push({ id: made.eventId, at: Date.parse(updatedAt), make: () => made });
			continue;
		}
		const { order: withRefunds } = await client.request<{ order: { refunds: Json[] } | null }>(
			ORDER_REFUNDS_QUERY,
			{ id: order.id },
		);
		for (const refund of withRefunds?.refunds ?? []) {
			const createdAt = String(refund.createdAt);
			if (Date.parse(createdAt) < Date.parse(since)) continue;
			const id = `poll:${String(refund.id)}`;
			candidates.push({
				id,
				at: Date.parse(createdAt),
				make: () => delivery('refunds/create', id, createdAt, refund, options),
			});
		}
	}

	const recent = { ...(state.recent ?? {}) };
	const deliveries = candidates
		.filter((candidate) => recent[candidate.id] === undefined)
		.map((candidate) => candidate.make());
	for (const candidate of candidates) recent[candidate.id] = candidate.at;

	const newest = orders.reduce(
		(max, order) => Math.max(max, Date.parse(String(order.updatedAt))),
		Date.parse(state.highWaterMark ?? options.startAt),
	);
	const highWaterMark = new Date(Math.min(newest, options.now)).toISOString();
	// Only ids the next overlap can bring back are worth remembering.
	const keepFrom = Date.parse(highWaterMark) - options.overlapMs;
	for (const [id, at] of Object.entries(recent)) if (at < keepFrom) delete recent[id];
	return { deliveries, state: { highWaterMark, recent } };
}
