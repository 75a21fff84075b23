/**
 * A Shopify fulfillment order (as the Shopify node reads it over GraphQL) as the canonical
 * contract's shipment request: the 3PL ships what remains of it to the order's destination.
 */
import { connectionOf, quantityOf } from './shape';

export interface ShipmentRequestInput {
	externalRef: string;
	orderRef: string;
	warehouse?: string | null;
	service?: string | null;
	shipTo: {
		name: string;
		company?: string | null;
		line1: string;
		line2?: string | null;
		city: string;
		region?: string | null;
		postalCode: string;
		country: string;
		phone?: string | null;
	};
	lines: Array<{ lineRef: string; sku: string; quantity: number }>;
}

export type ShipmentMapping =
	| { ok: true; request: ShipmentRequestInput }
	| { ok: false; reasons: string[] };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- GraphQL objects are read field by field and checked

const numeric = (value: unknown) =>
	typeof value === 'string' ? (/(\d+)(\?.*)?$/.exec(value)?.[1] ?? value) : String(value ?? '');

/** Accepts a canonical shipment request as it is, or maps a Shopify fulfillment order. */
export function mapShipmentRequest(
	item: Json,
	options: { warehouse?: string; service?: string } = {},
): ShipmentMapping {
	if (
		typeof item.externalRef === 'string' &&
		typeof item.orderRef === 'string' &&
		Array.isArray(item.lines)
	) {
		return { ok: true, request: item as ShipmentRequestInput };
	}
	const reasons: string[] = [];
	if (!item.id || !String(item.id).includes('FulfillmentOrder'))
		reasons.push(
			'this is neither a canonical shipment request nor a Shopify fulfillment order (gid://shopify/FulfillmentOrder/…)',
		);
	const orderId = item.orderId ?? item.order?.id;
	if (!orderId)
		reasons.push('the fulfillment order does not say which order it belongs to (orderId)');
	const destination = item.destination as Json | null | undefined;
	if (
		!destination?.address1 ||
		!destination.city ||
		!(destination.countryCode ?? destination.countryCodeV2)
	)
		reasons.push('the fulfillment order has no complete destination address');
	const lines = connectionOf(item.lineItems, 'lineItems')
		.map(({ node: line, at }) => ({
			lineRef: `shopify:fulfillment-order-line:${numeric(line.id)}`,
			sku: line.sku ?? line.variant?.sku ?? null,
			quantity:
				line.remainingQuantity != null
					? quantityOf(line.remainingQuantity, `${at}.remainingQuantity`)
					: quantityOf(line.totalQuantity, `${at}.totalQuantity`),
		}))
		.filter((line) => line.quantity > 0);
	for (const line of lines) if (!line.sku) reasons.push(`line ${line.lineRef} has no SKU`);
	if (!lines.length) reasons.push('nothing remains to ship on this fulfillment order');
	if (reasons.length) return { ok: false, reasons };
	return {
		ok: true,
		request: {
			externalRef: `shopify:fulfillment-order:${numeric(item.id)}`,
			orderRef: `shopify:order:${numeric(orderId)}`,
			warehouse: options.warehouse || null,
			service: options.service || null,
			shipTo: {
				name: String(
					destination!.name ??
						[destination!.firstName, destination!.lastName].filter(Boolean).join(' '),
				),
				company: destination!.company ?? null,
				line1: String(destination!.address1),
				line2: destination!.address2 ?? null,
				city: String(destination!.city),
				region: destination!.province ?? null,
				postalCode: String(destination!.zip ?? ''),
				country: String(destination!.countryCode ?? destination!.countryCodeV2),
				phone: destination!.phone ?? null,
			},
			lines: lines as ShipmentRequestInput['lines'],
		},
	};
}
