/**
 * Webhook subscriptions and at-least-once delivery, signed as Shopify signs them: base64
 * HMAC-SHA256 of the raw body with the app's client secret. Fault modes make delivery hostile
 * on demand: duplicates, reordering and delays; non-2xx answers are retried with backoff.
 */
import { createHmac, randomUUID } from 'node:crypto';

import { filterBySearch } from './search';

export interface WebhookSubscriptionRecord {
	id: string;
	/** GraphQL enum name, e.g. ORDERS_CREATE. */
	topic: string;
	uri: string;
	format: 'JSON';
	includeFields: string[];
	filter: string | null;
	name: string | null;
	apiVersion: string;
	createdAt: string;
	updatedAt: string;
}

export interface DeliveryFaults {
	/** Extra copies of every delivery, same event and webhook id (Shopify's at-least-once). */
	duplicates?: number;
	/** Hold deliveries until `flush()`, then send them newest first. */
	reorder?: boolean;
	/** Wait before each delivery attempt. */
	delayMs?: number;
}

export interface DeliveryAttempt {
	at: string;
	status?: number;
	error?: string;
}

export interface DeliveryRecord {
	webhookId: string;
	eventId: string;
	topic: string;
	uri: string;
	body: string;
	headers: Record<string, string>;
	attempts: DeliveryAttempt[];
	delivered: boolean;
}

const RESOURCE_PREFIXES = [
	'FULFILLMENT_ORDERS',
	'FULFILLMENT_EVENTS',
	'FULFILLMENT_HOLDS',
	'INVENTORY_LEVELS',
	'INVENTORY_ITEMS',
	'BULK_OPERATIONS',
	'FULFILLMENTS',
	'ORDERS',
	'REFUNDS',
	'RETURNS',
	'PRODUCTS',
	'CUSTOMERS',
];

/** ORDERS_CREATE → orders/create, FULFILLMENT_ORDERS_SPLIT → fulfillment_orders/split. */
export function topicPath(topic: string): string {
	const prefix = RESOURCE_PREFIXES.find((candidate) => topic.startsWith(`${candidate}_`));
	if (!prefix) throw new Error(`Unknown webhook topic ${topic}`);
	return `${prefix.toLowerCase()}/${topic.slice(prefix.length + 1).toLowerCase()}`;
}

export function signWebhook(rawBody: string | Buffer, secret: string): string {
	return createHmac('sha256', secret).update(rawBody).digest('base64');
}

export interface WebhookDispatcherOptions {
	shopDomain: string;
	secret: string;
	/** Delay before retry n (1-based) is retryBaseMs × 2^(n-1); Shopify retries 8 times over 4 hours. */
	retryBaseMs?: number;
	maxAttempts?: number;
	timeoutMs?: number;
}

export class WebhookDispatcher {
	subscriptions: WebhookSubscriptionRecord[] = [];
	faults: DeliveryFaults = {};
	readonly deliveries: DeliveryRecord[] = [];
	private readonly held: DeliveryRecord[] = [];
	private readonly pending = new Set<Promise<void>>();
	private stopped = false;

	/** No more attempts after the current ones (the emulator is shutting down). */
	stop(): void {
		this.stopped = true;
	}

	constructor(private readonly options: WebhookDispatcherOptions) {}

	/** Sends an event to every subscription of its topic whose filter it passes. */
	emit(topic: string, payload: Record<string, unknown>, triggeredAt = new Date()): string {
		const eventId = randomUUID();
		for (const subscription of this.subscriptions.filter(
			(candidate) => candidate.topic === topic,
		)) {
			if (
				subscription.filter &&
				filterBySearch([payload], subscription.filter, fieldAccessors(payload)).length === 0
			) {
				continue;
			}
			const body = JSON.stringify(trim(payload, subscription.includeFields));
			const delivery: DeliveryRecord = {
				webhookId: randomUUID(),
				eventId,
				topic: topicPath(topic),
				uri: subscription.uri,
				body,
				headers: {
					'Content-Type': 'application/json',
					'X-Shopify-Topic': topicPath(topic),
					'X-Shopify-Hmac-Sha256': signWebhook(body, this.options.secret),
					'X-Shopify-Shop-Domain': this.options.shopDomain,
					'X-Shopify-API-Version': subscription.apiVersion,
					'X-Shopify-Webhook-Id': '',
					'X-Shopify-Event-Id': eventId,
					'X-Shopify-Triggered-At': triggeredAt.toISOString(),
					...(subscription.name ? { 'X-Shopify-Name': subscription.name } : {}),
				},
				attempts: [],
				delivered: false,
			};
			delivery.headers['X-Shopify-Webhook-Id'] = delivery.webhookId;
			this.deliveries.push(delivery);
			for (let copy = 0; copy <= (this.faults.duplicates ?? 0); copy++) {
				if (this.faults.reorder) this.held.push(delivery);
				else this.track(this.deliver(delivery));
			}
		}
		return eventId;
	}

	/** Sends held deliveries newest first (the reorder fault). */
	flush(): void {
		const batch = this.held.splice(0).reverse();
		for (const delivery of batch) this.track(this.deliver(delivery));
	}

	/** Resolves once nothing is in flight or waiting for a retry. */
	async idle(): Promise<void> {
		while (this.pending.size) await Promise.all([...this.pending]);
	}

	private track(promise: Promise<void>): void {
		this.pending.add(promise);
		void promise.finally(() => this.pending.delete(promise));
	}

	private async deliver(delivery: DeliveryRecord): Promise<void> {
		const maxAttempts = this.options.maxAttempts ?? 8;
		for (let attempt = 1; attempt <= maxAttempts && !this.stopped; attempt++) {
			if (this.faults.delayMs) await sleep(this.faults.delayMs);
			const record: DeliveryAttempt = { at: new Date().toISOString() };
			delivery.attempts.push(record);
			try {
				const response = await fetch(delivery.uri, {
					method: 'POST',
					headers: delivery.headers,
					body: delivery.body,
					signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
				});
				record.status = response.status;
				await response.arrayBuffer();
				if (response.ok) {
					delivery.delivered = true;
					return;
				}
			} catch (error) {
				record.error = (error as Error).message;
			}
			if (attempt < maxAttempts)
				await sleep((this.options.retryBaseMs ?? 1000) * 2 ** (attempt - 1));
		}
	}
}

function trim(payload: Record<string, unknown>, fields: string[]): Record<string, unknown> {
	if (!fields.length) return payload;
	return Object.fromEntries(Object.entries(payload).filter(([key]) => fields.includes(key)));
}

function fieldAccessors(payload: Record<string, unknown>) {
	return Object.fromEntries(
		Object.keys(payload).map((key) => [
			key,
			(record: Record<string, unknown>) => {
				const value = record[key];
				if (key === 'tags' && typeof value === 'string')
					return value.split(',').map((tag) => tag.trim());
				return typeof value === 'object'
					? JSON.stringify(value)
					: (value as string | number | null);
			},
		]),
	);
}

async function sleep(ms: number): Promise<void> {
	// unref: a pending retry must not keep a finished process alive.
	await new Promise((resolve) => setTimeout(resolve, ms).unref());
}
