/**
 * A Shopify order as the mapping reads it, from either shape it arrives in: a REST webhook
 * payload (snake_case, `*_set.shop_money`) or a GraphQL order (camelCase, `*Set.shopMoney`).
 * Amounts stay decimal strings with their currency; the mapping turns them into minor units.
 */
import { shopifyObjectOf } from '../shopify/item';
import { splitList } from '../lists';
import { connectionOf, listOf, quantityOf } from './shape';

export interface Amount {
	amount: string;
	currency: string;
}

export interface AmountPair {
	shop: Amount;
	presentment: Amount;
}

export interface OrderAddress {
	name: string;
	company: string | null;
	line1: string;
	line2: string | null;
	city: string;
	region: string | null;
	postalCode: string;
	country: string;
	phone: string | null;
}

export interface OrderLine {
	id: string;
	sku: string | null;
	title: string;
	quantity: number;
	unitPrice: AmountPair;
	/** Discounts on the line (summed by the mapping, in minor units). */
	discounts: AmountPair[];
	taxes: Array<{ amount: AmountPair; rate: number | null }>;
	giftCard: boolean;
	requiresShipping: boolean;
}

export interface OrderView {
	/** Numeric order id. */
	id: string;
	name: string;
	createdAt: string;
	updatedAt: string;
	cancelledAt: string | null;
	currency: string;
	presentmentCurrency: string;
	taxesIncluded: boolean;
	sourceName: string;
	tags: string[];
	note: string | null;
	customer: { id: string | null; name: string; email: string | null; phone: string | null } | null;
	email: string | null;
	shippingAddress: OrderAddress | null;
	billingAddress: OrderAddress | null;
	lines: OrderLine[];
	shipping: Array<{
		code: string;
		title: string;
		price: AmountPair;
		taxes: Array<{ amount: AmountPair; rate: number | null }>;
	}>;
	payments: Array<{ gateway: string; amount: AmountPair }>;
	totals: {
		subtotal: AmountPair | null;
		discount: AmountPair | null;
		shipping: AmountPair | null;
		tax: AmountPair | null;
		total: AmountPair | null;
	};
}

export class OrderShapeError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'OrderShapeError';
	}
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Shopify payloads are read field by field and checked

function numericId(value: unknown): string | null {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') return null;
	const gid = /^gid:\/\/shopify\/\w+\/(\d+)/.exec(value);
	return gid ? gid[1] : /^\d+$/.test(value) ? value : null;
}

function restPair(set: Json | undefined): AmountPair | null {
	if (!set?.shop_money) return null;
	return {
		shop: { amount: String(set.shop_money.amount), currency: String(set.shop_money.currency_code) },
		presentment: {
			amount: String((set.presentment_money ?? set.shop_money).amount),
			currency: String((set.presentment_money ?? set.shop_money).currency_code),
		},
	};
}

function graphqlPair(set: Json | undefined): AmountPair | null {
	if (!set?.shopMoney) return null;
	return {
		shop: { amount: String(set.shopMoney.amount), currency: String(set.shopMoney.currencyCode) },
		presentment: {
			amount: String((set.presentmentMoney ?? set.shopMoney).amount),
			currency: String((set.presentmentMoney ?? set.shopMoney).currencyCode),
		},
	};
}

function restAddress(address: Json | null | undefined): OrderAddress | null {
	if (!address) return null;
	return {
		name: String(address.name ?? [address.first_name, address.last_name].filter(Boolean).join(' ')),
		company: address.company ?? null,
		line1: String(address.address1 ?? ''),
		line2: address.address2 ?? null,
		city: String(address.city ?? ''),
		region: address.province_code ?? address.province ?? null,
		postalCode: String(address.zip ?? ''),
		country: String(address.country_code ?? ''),
		phone: address.phone ?? null,
	};
}

function graphqlAddress(address: Json | null | undefined): OrderAddress | null {
	if (!address) return null;
	return {
		name: String(address.name ?? [address.firstName, address.lastName].filter(Boolean).join(' ')),
		company: address.company ?? null,
		line1: String(address.address1 ?? ''),
		line2: address.address2 ?? null,
		city: String(address.city ?? ''),
		region: address.provinceCode ?? address.province ?? null,
		postalCode: String(address.zip ?? ''),
		country: String(address.countryCodeV2 ?? address.countryCode ?? ''),
		phone: address.phone ?? null,
	};
}

function fromRest(order: Json): OrderView {
	const pair = (set: Json | undefined, name: string) => {
		const value = restPair(set);
		if (!value) throw new OrderShapeError(`The order has no ${name}`);
		return value;
	};
	return {
		id: numericId(order.id) ?? numericId(order.admin_graphql_api_id) ?? '',
		name: String(order.name ?? ''),
		createdAt: String(order.created_at),
		updatedAt: String(order.updated_at ?? order.created_at),
		cancelledAt: order.cancelled_at ?? null,
		currency: String(order.currency),
		presentmentCurrency: String(order.presentment_currency ?? order.currency),
		taxesIncluded: Boolean(order.taxes_included),
		sourceName: String(order.source_name ?? 'web'),
		tags: typeof order.tags === 'string' ? splitList(order.tags) : (order.tags ?? []),
		note: order.note ?? null,
		customer: order.customer
			? {
					id: numericId(order.customer.id),
					name: [order.customer.first_name, order.customer.last_name].filter(Boolean).join(' '),
					email: order.customer.email ?? null,
					phone: order.customer.phone ?? null,
				}
			: null,
		email: order.email ?? order.customer?.email ?? null,
		shippingAddress: restAddress(order.shipping_address),
		billingAddress: restAddress(order.billing_address),
		lines: listOf(order.line_items, 'line_items').map((line, index) => ({
			id: numericId(line.id) ?? String(line.id),
			sku: line.sku || null,
			title: String(line.name ?? line.title ?? ''),
			quantity: quantityOf(line.quantity, `line_items[${index}].quantity`),
			unitPrice: pair(line.price_set, `price for line ${line.id}`),
			discounts: [restPair(line.total_discount_set)].filter(
				(pair): pair is AmountPair => pair !== null,
			),
			taxes: listOf(line.tax_lines, `line_items[${index}].tax_lines`).map((tax) => ({
				amount: pair(tax.price_set, 'tax amount'),
				rate: tax.rate ?? null,
			})),
			giftCard: Boolean(line.gift_card),
			requiresShipping: line.requires_shipping !== false,
		})),
		shipping: listOf(order.shipping_lines, 'shipping_lines').map((line, index) => ({
			code: String(line.code ?? line.title ?? 'shipping'),
			title: String(line.title ?? ''),
			price: pair(line.price_set, 'shipping price'),
			taxes: listOf(line.tax_lines, `shipping_lines[${index}].tax_lines`).map((tax) => ({
				amount: pair(tax.price_set, 'tax amount'),
				rate: tax.rate ?? null,
			})),
		})),
		payments: [],
		totals: {
			subtotal: restPair(order.subtotal_price_set),
			discount: restPair(order.total_discounts_set),
			shipping: restPair(order.total_shipping_price_set),
			tax: restPair(order.total_tax_set),
			total: restPair(order.total_price_set),
		},
	};
}

function fromGraphql(order: Json): OrderView {
	const pair = (set: Json | undefined, name: string) => {
		const value = graphqlPair(set);
		if (!value) throw new OrderShapeError(`The order has no ${name}`);
		return value;
	};
	const customer = order.customer as Json | null | undefined;
	return {
		id: numericId(order.id) ?? numericId(order.legacyResourceId) ?? '',
		name: String(order.name ?? ''),
		createdAt: String(order.createdAt),
		updatedAt: String(order.updatedAt ?? order.createdAt),
		cancelledAt: order.cancelledAt ?? null,
		currency: String(order.currencyCode),
		presentmentCurrency: String(order.presentmentCurrencyCode ?? order.currencyCode),
		taxesIncluded: Boolean(order.taxesIncluded),
		sourceName: String(order.sourceName ?? 'web'),
		tags: order.tags ?? [],
		note: order.note ?? null,
		customer: customer
			? {
					id: numericId(customer.id),
					name: String(
						customer.displayName ??
							[customer.firstName, customer.lastName].filter(Boolean).join(' '),
					),
					email: customer.defaultEmailAddress?.emailAddress ?? customer.email ?? null,
					phone: customer.defaultPhoneNumber?.phoneNumber ?? customer.phone ?? null,
				}
			: null,
		email: order.email ?? customer?.defaultEmailAddress?.emailAddress ?? null,
		shippingAddress: graphqlAddress(order.shippingAddress),
		billingAddress: graphqlAddress(order.billingAddress),
		lines: connectionOf(order.lineItems, 'lineItems').map(({ node: line, at }) => ({
			id: numericId(line.id) ?? String(line.id),
			sku: line.sku || null,
			title: String(line.name ?? line.title ?? ''),
			quantity: quantityOf(line.quantity, `${at}.quantity`),
			unitPrice: pair(line.originalUnitPriceSet, `price for line ${line.id}`),
			discounts: line.totalDiscountSet
				? [pair(line.totalDiscountSet, 'discount')]
				: listOf(line.discountAllocations, `${at}.discountAllocations`).map((allocation) =>
						pair(allocation.allocatedAmountSet, 'discount'),
					),
			taxes: connectionOf(line.taxLines, `${at}.taxLines`).map(({ node: tax }) => ({
				amount: pair(tax.priceSet, 'tax amount'),
				rate: tax.rate ?? null,
			})),
			giftCard: Boolean(line.isGiftCard),
			requiresShipping: line.requiresShipping !== false,
		})),
		shipping: connectionOf(order.shippingLines, 'shippingLines').map(({ node: line, at }) => ({
			code: String(line.code ?? line.title ?? 'shipping'),
			title: String(line.title ?? ''),
			price: pair(line.originalPriceSet ?? line.discountedPriceSet, 'shipping price'),
			taxes: connectionOf(line.taxLines, `${at}.taxLines`).map(({ node: tax }) => ({
				amount: pair(tax.priceSet, 'tax amount'),
				rate: tax.rate ?? null,
			})),
		})),
		payments: connectionOf(order.transactions, 'transactions')
			.map(({ node }) => node)
			.filter(
				(transaction) =>
					['SALE', 'CAPTURE'].includes(String(transaction.kind)) &&
					transaction.status === 'SUCCESS',
			)
			.map((transaction) => ({
				gateway: String(transaction.gateway),
				amount: pair(transaction.amountSet, 'payment amount'),
			})),
		totals: {
			subtotal: graphqlPair(order.subtotalPriceSet),
			discount: graphqlPair(order.totalDiscountsSet),
			shipping: graphqlPair(order.totalShippingPriceSet),
			tax: graphqlPair(order.totalTaxSet),
			total: graphqlPair(order.totalPriceSet),
		},
	};
}

/** Reads an order from a trigger item ({payload}), a Webhook node item ({body}), a REST payload or a GraphQL order. */
export function readShopifyOrder(item: Json): OrderView {
	const source = shopifyObjectOf(item);
	if ('line_items' in source) return fromRest(source);
	if ('lineItems' in source) return fromGraphql(source);
	throw new OrderShapeError(
		'This is not a Shopify order: it has neither line_items (webhook payload) nor lineItems (GraphQL order)',
	);
}
