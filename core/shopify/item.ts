/**
 * The Shopify object an n8n item carries: a trigger item's `payload`, a Webhook node item's
 * `body`, or the item itself (a REST payload or a GraphQL object read by the Shopify node).
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Shopify objects are read field by field and checked

export function shopifyObjectOf(item: Json): Json {
	if (item.payload && typeof item.payload === 'object') return item.payload as Json;
	if (item.body && typeof item.body === 'object') return item.body as Json;
	return item;
}
