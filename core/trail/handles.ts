/**
 * What support may have in hand for an item about a Shopify order or refund: its name (#1025),
 * number, numeric id and gid, and the SKUs on its lines (a customer or a warehouse names the
 * product). Remembered as trail handles for the entity the item is about.
 */
type Json = Record<string, unknown>;

const handle = (value: unknown): string | undefined =>
	typeof value === 'string' || typeof value === 'number'
		? String(value).trim() || undefined
		: undefined;

/** The SKUs of an order's or a refund's lines, in REST (line_items, refund_line_items) or GraphQL (lineItems) shape. */
function skusOf(source: Json): unknown[] {
	const lines = [source.line_items, source.lineItems, source.refund_line_items].flatMap((list) =>
		Array.isArray(list) ? list : [],
	);
	return lines.map((line) =>
		line && typeof line === 'object'
			? ((line as Json).sku ?? ((line as Json).line_item as Json | undefined)?.sku)
			: undefined,
	);
}

export function shopifyHandles(
	json: Json,
	entity: string,
): Array<{ handle: string; entity: string }> {
	const source = (json.payload && typeof json.payload === 'object' ? json.payload : json) as Json;
	const values = [
		source.name,
		source.order_number ?? source.orderNumber,
		source.id,
		source.admin_graphql_api_id,
		source.order_name,
		...skusOf(source),
	];
	return [...new Set(values.map(handle).filter((value): value is string => !!value))].map(
		(value) => ({ handle: value, entity }),
	);
}
