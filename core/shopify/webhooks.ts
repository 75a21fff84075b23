/**
 * Receiving Shopify webhooks: HMAC verification over the raw body (a strict header, timing-safe),
 * the topics the trigger offers, and the delivery headers a workflow needs. Shopify signs the
 * body only: the topic, event id and the other headers are facts a replay can change, good for
 * routing and for recognising Shopify's own retries, never for deciding a write.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Topics the trigger can subscribe to, as Shopify writes them in X-Shopify-Topic. */
export const WEBHOOK_TOPICS = [
	'orders/create',
	'orders/updated',
	'orders/paid',
	'orders/cancelled',
	'refunds/create',
	'fulfillment_orders/order_routing_complete',
	'fulfillment_orders/split',
	'fulfillment_orders/moved',
	'fulfillment_orders/placed_on_hold',
	'fulfillment_orders/hold_released',
	'fulfillment_orders/fulfillment_request_submitted',
	'fulfillment_orders/cancelled',
	'fulfillments/create',
	'returns/request',
	'returns/approve',
	'returns/process',
	'returns/close',
	'returns/decline',
	'returns/cancel',
	'inventory_levels/update',
] as const;

export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

/** `orders/create` → `ORDERS_CREATE`, the GraphQL WebhookSubscriptionTopic. */
export function topicEnum(topic: string): string {
	return topic.replace('/', '_').toUpperCase();
}

/** `ORDERS_CREATE` → `orders/create`. */
export function topicPath(topicEnumValue: string): string {
	const known = WEBHOOK_TOPICS.find((topic) => topicEnum(topic) === topicEnumValue);
	return known ?? topicEnumValue.toLowerCase();
}

/** Base64 of a SHA-256 digest: 43 characters and one `=` (32 bytes). */
const DIGEST_HEADER = /^[A-Za-z0-9+/]{43}=$/;

/**
 * The digest an X-Shopify-Hmac-Sha256 header carries, or undefined unless it is exactly one
 * canonical base64 SHA-256. Node's decoder skips what it cannot read (a second digest after a
 * comma, whitespace, junk) and ignores padding bits, so the spelling is checked before and after.
 */
export function parseHmacHeader(value: unknown): Buffer | undefined {
	if (typeof value !== 'string' || !DIGEST_HEADER.test(value)) return undefined;
	const digest = Buffer.from(value, 'base64');
	return digest.length === 32 && digest.toString('base64') === value ? digest : undefined;
}

/** True when `hmacHeader` is the base64 HMAC-SHA256 of exactly these bytes under `secret`. */
export function verifyWebhookHmac(rawBody: Buffer, hmacHeader: unknown, secret: string): boolean {
	// Computed even without a secret or a readable header: a refusal takes as long either way.
	const expected = createHmac('sha256', secret || randomBytes(32))
		.update(rawBody)
		.digest();
	const received = parseHmacHeader(hmacHeader);
	return secret !== '' && received !== undefined && timingSafeEqual(received, expected);
}

export interface WebhookDelivery {
	topic: string;
	shopDomain: string;
	apiVersion: string;
	webhookId: string;
	eventId: string;
	triggeredAt: string;
	payload: unknown;
}

/** The item a webhook becomes: delivery headers plus the payload as Shopify sent it. */
export function webhookDelivery(
	headers: Record<string, string | string[] | undefined>,
	payload: unknown,
): WebhookDelivery {
	const header = (name: string) => {
		const value = headers[name] ?? headers[name.toLowerCase()];
		return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
	};
	const webhookId = header('x-shopify-webhook-id');
	return {
		topic: header('x-shopify-topic'),
		shopDomain: header('x-shopify-shop-domain'),
		apiVersion: header('x-shopify-api-version'),
		webhookId,
		// Older deliveries carry only the webhook id; it is stable across retries too (unsigned, like every header).
		eventId: header('x-shopify-event-id') || webhookId,
		triggeredAt: header('x-shopify-triggered-at'),
		payload,
	};
}
