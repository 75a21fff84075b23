/**
 * Where the usual dedupe keys live in what arrives from Shopify: the Orderflow Shopify trigger's
 * items ({ eventId, topic, payload }), raw webhook items ({ headers, body }), REST payloads and
 * GraphQL objects. Shopify signs a webhook's body only: the event id preset reads headers, so it
 * recognises Shopify's own retries but passes a replay with a changed X-Shopify-Event-Id; the
 * order and refund presets read the signed payload and are the ones to put in front of a write.
 */

export type KeyPreset = 'shopifyEventId' | 'shopifyOrderId' | 'shopifyRefundId';

export interface PresetKey {
	key: string;
	entity: string;
}

export class PresetKeyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PresetKeyError';
	}
}

type Json = Record<string, unknown>;

function source(json: Json): Json {
	for (const field of ['payload', 'body']) {
		const value = json[field];
		if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
	}
	return json;
}

function header(json: Json, name: string): string | undefined {
	const headers = json.headers as Record<string, unknown> | undefined;
	if (!headers) return undefined;
	const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
	return entry ? String(entry[1]) : undefined;
}

function gidNumber(value: unknown, type: string): string | undefined {
	const match =
		typeof value === 'string' ? new RegExp(`^gid://shopify/${type}/(\\d+)`).exec(value) : null;
	return match?.[1];
}

function numeric(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	if (typeof value === 'string' && /^\d+$/.test(value)) return value;
	return undefined;
}

/** The id of a Shopify resource of `type` in an item: its gid, or a REST id when the payload is that resource. */
function resourceId(
	json: Json,
	type: 'Order' | 'Refund',
	referenceField: string,
): string | undefined {
	const src = source(json);
	const fromGid =
		gidNumber(src.admin_graphql_api_id, type) ??
		gidNumber(src.id, type) ??
		gidNumber(json.id, type);
	if (fromGid) return fromGid;
	const ownGid =
		typeof src.admin_graphql_api_id === 'string' ? src.admin_graphql_api_id : undefined;
	if (ownGid && !ownGid.includes(`/${type}/`)) {
		// Another resource (a refund, a fulfillment …) that points at this one.
		return numeric(src[referenceField]) ?? gidNumber(src[referenceField], type);
	}
	return numeric(src[referenceField]) ?? numeric(src.id);
}

export function presetKey(preset: KeyPreset, json: Json): PresetKey {
	if (preset === 'shopifyEventId') {
		// Unsigned headers: good against duplicate deliveries, not against a replay.
		const id =
			(typeof json.eventId === 'string' && json.eventId) || header(json, 'x-shopify-event-id');
		if (!id)
			throw new PresetKeyError(
				'No Shopify event id: expected eventId (Orderflow Shopify trigger) or the X-Shopify-Event-Id header (Webhook node)',
			);
		const topic = (typeof json.topic === 'string' && json.topic) || header(json, 'x-shopify-topic');
		return { key: topic ? `${topic}:${id}` : id, entity: `shopify:event:${id}` };
	}
	if (preset === 'shopifyOrderId') {
		const id = resourceId(json, 'Order', 'order_id');
		if (!id)
			throw new PresetKeyError(
				'No Shopify order id: expected an order (id / admin_graphql_api_id) or a resource with order_id',
			);
		return { key: id, entity: `shopify:order:${id}` };
	}
	const id = resourceId(json, 'Refund', 'refund_id');
	if (!id)
		throw new PresetKeyError(
			'No Shopify refund id: expected a refund (id / admin_graphql_api_id, e.g. a refunds/create payload)',
		);
	return { key: id, entity: `shopify:refund:${id}` };
}

/** The entity a Shopify delivery is about, for the trail: its refund or order, else the event itself. */
export function deliveryEntity(delivery: {
	topic: string;
	eventId: string;
	payload: unknown;
}): string {
	const json = { payload: delivery.payload } as Json;
	const presets: KeyPreset[] = delivery.topic.startsWith('refunds/')
		? ['shopifyRefundId', 'shopifyOrderId']
		: ['shopifyOrderId'];
	return firstEntity(presets, json) ?? `shopify:event:${delivery.eventId}`;
}

function firstEntity(presets: KeyPreset[], json: Json): string | undefined {
	for (const preset of presets) {
		try {
			return presetKey(preset, json).entity;
		} catch {
			// Not this kind of resource: try the next.
		}
	}
	return undefined;
}

/** The Shopify order (or refund) an item is about, when it is one: for the exception queue. */
export function shopifyEntityOf(json: Json): string | undefined {
	return firstEntity(['shopifyOrderId', 'shopifyRefundId'], json);
}

/**
 * The version of a Shopify order as the order-sync flow claims it: its updated_at in epoch
 * milliseconds, plus one once it is cancelled (a cancellation stamped in the same second as the
 * last edit is still newer). Undefined when the item carries no readable updated_at.
 */
export function shopifyOrderVersion(json: Json): number | undefined {
	const order = source(json);
	const updatedAt = Date.parse(String(order.updated_at ?? order.updatedAt ?? ''));
	if (Number.isNaN(updatedAt)) return undefined;
	return updatedAt + ((order.cancelled_at ?? order.cancelledAt) ? 1 : 0);
}
