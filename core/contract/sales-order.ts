/**
 * A Shopify order as the canonical contract's sales order: money in minor units in shop and
 * presentment currency, discounts, taxes, shipping, gift cards, source channel, and the legal
 * entity chosen by routing rules. An order that cannot be mapped says why, item by item.
 */
import { isCurrencyCode, toMinorUnits } from '../money';
import {
	OrderShapeError,
	readShopifyOrder,
	type AmountPair,
	type OrderAddress,
	type OrderView,
} from './shopify-order';

export interface MoneyPair {
	shop: { amount: number; currency: string };
	presentment: { amount: number; currency: string };
}

export interface CanonicalAddress {
	name: string;
	company?: string | null;
	line1: string;
	line2?: string | null;
	city: string;
	region?: string | null;
	postalCode: string;
	country: string;
	phone?: string | null;
}

export interface SalesOrderInput {
	externalRef: string;
	entity: string;
	channel: string;
	orderNumber: string;
	orderedAt: string;
	sourceUpdatedAt: string;
	currency: string;
	presentmentCurrency: string;
	taxesIncluded: boolean;
	customer: {
		externalRef: string | null;
		name: string;
		email: string | null;
		phone: string | null;
	};
	shipTo: CanonicalAddress;
	billTo: CanonicalAddress | null;
	lines: Array<{
		lineRef: string;
		sku: string;
		description: string;
		quantity: number;
		unitPrice: MoneyPair;
		discount: MoneyPair;
		tax: MoneyPair;
		taxRate?: number;
		giftCard: boolean;
	}>;
	shipping: Array<{ code: string; title: string; amount: MoneyPair; tax: MoneyPair }>;
	payments: Array<{ gateway: string; amount: MoneyPair }>;
	totals: {
		subtotal: MoneyPair;
		discount: MoneyPair;
		shipping: MoneyPair;
		tax: MoneyPair;
		total: MoneyPair;
	};
	note: string | null;
	tags: string[];
}

/** Which legal entity books an order: the first rule that matches, else the default. */
export interface EntityRule {
	entity: string;
	shipToCountries?: string[];
	channels?: string[];
}

export interface MappingOptions {
	defaultEntity: string;
	rules?: EntityRule[];
	/** The ERP's SKU master: a line whose SKU is not in it cannot be booked. */
	knownSkus?: ReadonlySet<string>;
	/** Currencies the ERP books; empty or absent: any ISO 4217 currency. */
	currencies?: string[];
}

export type MappingResult =
	| { ok: true; salesOrder: SalesOrderInput; order: OrderView }
	| { ok: false; reasons: string[]; order?: OrderView };

export function externalRefOf(orderId: string): string {
	return `shopify:order:${orderId}`;
}

const zero = (shop: string, presentment: string): MoneyPair => ({
	shop: { amount: 0, currency: shop },
	presentment: { amount: 0, currency: presentment },
});

function minor(pair: AmountPair): MoneyPair {
	return {
		shop: {
			amount: toMinorUnits(pair.shop.amount, pair.shop.currency),
			currency: pair.shop.currency,
		},
		presentment: {
			amount: toMinorUnits(pair.presentment.amount, pair.presentment.currency),
			currency: pair.presentment.currency,
		},
	};
}

function add(a: MoneyPair, b: MoneyPair): MoneyPair {
	return {
		shop: { ...a.shop, amount: a.shop.amount + b.shop.amount },
		presentment: { ...a.presentment, amount: a.presentment.amount + b.presentment.amount },
	};
}

function subtract(a: MoneyPair, b: MoneyPair): MoneyPair {
	return {
		shop: { ...a.shop, amount: a.shop.amount - b.shop.amount },
		presentment: { ...a.presentment, amount: a.presentment.amount - b.presentment.amount },
	};
}

export function sum(pairs: MoneyPair[], shop: string, presentment: string): MoneyPair {
	return pairs.reduce(add, zero(shop, presentment));
}

function times(pair: MoneyPair, quantity: number): MoneyPair {
	return {
		shop: { ...pair.shop, amount: pair.shop.amount * quantity },
		presentment: { ...pair.presentment, amount: pair.presentment.amount * quantity },
	};
}

function address(source: OrderAddress | null): CanonicalAddress | null {
	if (!source || !source.line1 || !source.city || !source.country) return null;
	return { ...source };
}

export function routeEntity(
	order: { shipToCountry: string | null; channel: string },
	options: MappingOptions,
): string {
	const rule = (options.rules ?? []).find(
		(candidate) =>
			(!candidate.shipToCountries?.length ||
				(order.shipToCountry !== null &&
					candidate.shipToCountries.includes(order.shipToCountry))) &&
			(!candidate.channels?.length || candidate.channels.includes(order.channel)),
	);
	return rule?.entity ?? options.defaultEntity;
}

/** Why the order cannot be booked (empty when it can), and where it ships. */
function refusals(
	order: OrderView,
	options: MappingOptions,
): { reasons: string[]; shipTo: CanonicalAddress | null } {
	const reasons: string[] = [];
	for (const code of new Set([order.currency, order.presentmentCurrency])) {
		if (!isCurrencyCode(code)) reasons.push(`unknown currency ${code}`);
		else if (options.currencies?.length && !options.currencies.includes(code))
			reasons.push(`unsupported currency ${code} (the ERP books ${options.currencies.join(', ')})`);
	}
	if (!order.id) reasons.push('the order has no id');
	for (const line of order.lines) {
		if (!line.sku) reasons.push(`line "${line.title}" has no SKU`);
		else if (options.knownSkus && !options.knownSkus.has(line.sku))
			reasons.push(`unknown SKU ${line.sku} (not in the ERP's SKU master)`);
	}
	// An order of nothing to ship (gift cards) ships to its billing address.
	const shipTo =
		address(order.shippingAddress) ??
		(order.lines.every((line) => !line.requiresShipping) ? address(order.billingAddress) : null);
	if (!shipTo) {
		reasons.push(
			order.shippingAddress
				? 'the shipping address is incomplete (street, city and country are needed)'
				: 'missing shipping address',
		);
	}
	return { reasons, shipTo };
}

type Lines = SalesOrderInput['lines'];
type ShippingLines = SalesOrderInput['shipping'];

function canonicalLines(order: OrderView): Lines {
	const { currency, presentmentCurrency: presentment } = order;
	return order.lines.map((line) => ({
		lineRef: `shopify:line-item:${line.id}`,
		sku: line.sku as string,
		description: line.title,
		quantity: line.quantity,
		unitPrice: minor(line.unitPrice),
		discount: sum(line.discounts.map(minor), currency, presentment),
		tax: sum(
			line.taxes.map((tax) => minor(tax.amount)),
			currency,
			presentment,
		),
		...(line.taxes[0]?.rate !== null && line.taxes[0]?.rate !== undefined
			? { taxRate: line.taxes[0].rate }
			: {}),
		giftCard: line.giftCard,
	}));
}

function canonicalShipping(order: OrderView): ShippingLines {
	return order.shipping.map((line) => ({
		code: line.code,
		title: line.title,
		amount: minor(line.price),
		tax: sum(
			line.taxes.map((tax) => minor(tax.amount)),
			order.currency,
			order.presentmentCurrency,
		),
	}));
}

/** Totals recomputed from the lines in minor units, then checked against Shopify's own: a refusal when they differ. */
function recomputedTotals(
	order: OrderView,
	lines: Lines,
	shipping: ShippingLines,
): SalesOrderInput['totals'] | { refusal: string } {
	const { currency, presentmentCurrency: presentment } = order;
	const sumOf = (pairs: MoneyPair[]) => sum(pairs, currency, presentment);
	const subtotal = sumOf(
		lines.map((line) => subtract(times(line.unitPrice, line.quantity), line.discount)),
	);
	const discount = sumOf(lines.map((line) => line.discount));
	const shippingTotal = sumOf(shipping.map((line) => line.amount));
	const tax = sumOf([...lines.map((line) => line.tax), ...shipping.map((line) => line.tax)]);
	const total = add(
		add(subtotal, shippingTotal),
		order.taxesIncluded ? zero(currency, presentment) : tax,
	);
	if (order.totals.total) {
		const stated = minor(order.totals.total);
		if (stated.shop.amount !== total.shop.amount) {
			return {
				refusal: `the lines add up to ${total.shop.amount} minor units of ${currency} but Shopify's total is ${stated.shop.amount}`,
			};
		}
		total.presentment.amount = stated.presentment.amount; // FX rounding: Shopify's presentment total is the one the customer paid
	}
	return { subtotal, discount, shipping: shippingTotal, tax, total };
}

export function mapShopifyOrder(
	item: Record<string, unknown>,
	options: MappingOptions,
): MappingResult {
	let order: OrderView;
	try {
		order = readShopifyOrder(item);
	} catch (error) {
		if (error instanceof OrderShapeError) return { ok: false, reasons: [error.message] };
		throw error;
	}
	const { reasons, shipTo } = refusals(order, options);
	if (reasons.length || !shipTo) return { ok: false, reasons, order };
	try {
		const lines = canonicalLines(order);
		const shipping = canonicalShipping(order);
		const totals = recomputedTotals(order, lines, shipping);
		if ('refusal' in totals) return { ok: false, reasons: [totals.refusal], order };
		const salesOrder: SalesOrderInput = {
			externalRef: externalRefOf(order.id),
			entity: routeEntity({ shipToCountry: shipTo.country, channel: order.sourceName }, options),
			channel: order.sourceName,
			orderNumber: order.name,
			orderedAt: order.createdAt,
			sourceUpdatedAt: order.updatedAt,
			currency: order.currency,
			presentmentCurrency: order.presentmentCurrency,
			taxesIncluded: order.taxesIncluded,
			customer: {
				externalRef: order.customer?.id ? `shopify:customer:${order.customer.id}` : null,
				name: order.customer?.name || shipTo.name,
				email: order.customer?.email ?? order.email,
				phone: order.customer?.phone ?? null,
			},
			shipTo,
			billTo: address(order.billingAddress),
			lines,
			shipping,
			payments: order.payments.map((payment) => ({
				gateway: payment.gateway,
				amount: minor(payment.amount),
			})),
			totals,
			note: order.note,
			tags: order.tags,
		};
		return { ok: true, salesOrder, order };
	} catch (error) {
		return { ok: false, reasons: [(error as Error).message], order };
	}
}
