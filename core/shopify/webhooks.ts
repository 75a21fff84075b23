/**
 * Receiving Shopify webhooks: HMAC verification over the raw body (timing-safe), the topics the
 * trigger offers, and the delivery headers a workflow needs (the event id makes duplicates
 * recognisable downstream).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

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

/** True when `hmacHeader` is the base64 HMAC-SHA256 of exactly these bytes under `secret`. */
export function verifyWebhookHmac(rawBody: Buffer, hmacHeader: string | undefined, secret: string): boolean {
	if (!hmacHeader || !secret) return false;
	const expected = createHmac('sha256', secret).update(rawBody).digest();
	let received: Buffer;
	try {
		received = Buffer.from(hmacHeader.trim(), 'base64');
	} catch {
		return false;
	}
	return received.length === expected.length && timingSafeEqual(received, expected);
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
export function webhookDelivery(headers: Record<string, string | string[] | undefined>, payload: unknown): WebhookDelivery {
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
		// Older deliveries carry only the webhook id; it is stable across retries too.
		eventId: header('x-shopify-event-id') || webhookId,
		triggeredAt: header('x-shopify-triggered-at'),
		payload,
	};
}
