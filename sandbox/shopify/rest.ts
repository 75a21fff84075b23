/**
 * REST-style (snake_case) resources, the shape webhook payloads carry even for subscriptions
 * made through GraphQL: numeric ids, `admin_graphql_api_id`, amounts as fixed-decimal strings.
 */
import { formatFixedDecimal } from '../../core/money';
import { orderTotals, type AddressRecord, type MoneyPair, type OrderRecord, type ShopifyStore, type TaxLineRecord } from './store';
import { legacyId } from './views';

type Json = Record<string, unknown>;

function numericId(gid: string): number {
	return Number(legacyId(gid));
}

function priceSet(pair: MoneyPair, order: OrderRecord): Json {
	return {
		shop_money: { amount: formatFixedDecimal(pair.shop, order.currencyCode), currency_code: order.currencyCode },
		presentment_money: {
			amount: formatFixedDecimal(pair.presentment, order.presentmentCurrencyCode),
			currency_code: order.presentmentCurrencyCode,
		},
	};
}

function taxLine(tax: TaxLineRecord, order: OrderRecord): Json {
	return {
		title: tax.title,
		rate: tax.rate,
		price: formatFixedDecimal(tax.price.shop, order.currencyCode),
		price_set: priceSet(tax.price, order),
		channel_liable: false,
	};
}

function address(record: AddressRecord | null): Json | null {
	if (!record) return null;
	return {
		first_name: record.firstName ?? null,
		last_name: record.lastName ?? null,
		name: [record.firstName, record.lastName].filter(Boolean).join(' '),
		company: record.company ?? null,
		address1: record.address1,
		address2: record.address2 ?? null,
		city: record.city,
		province: record.province ?? null,
		province_code: record.provinceCode ?? null,
		zip: record.zip,
		country_code: record.countryCodeV2,
		phone: record.phone ?? null,
	};
}

export function restOrder(store: ShopifyStore, order: OrderRecord): Json {
	const totals = orderTotals(order);
	const amount = (minor: number) => formatFixedDecimal(minor, order.currencyCode);
	const customer = store.customers.find((candidate) => candidate.id === order.customerId);
	const refunded = totals.refunded.shop;
	return {
		id: numericId(order.id),
		admin_graphql_api_id: order.id,
		name: order.name,
		order_number: Number(order.name.replace(/\D/g, '')),
		email: order.email,
		created_at: order.createdAt,
		updated_at: order.updatedAt,
		processed_at: order.processedAt,
		cancelled_at: order.cancelledAt,
		cancel_reason: order.cancelReason?.toLowerCase() ?? null,
		closed_at: order.closedAt,
		test: order.test,
		currency: order.currencyCode,
		presentment_currency: order.presentmentCurrencyCode,
		taxes_included: order.taxesIncluded,
		source_name: order.sourceName,
		tags: order.tags.join(', '),
		note: order.note,
		financial_status:
			refunded > 0
				? refunded >= totals.total.shop
					? 'refunded'
					: 'partially_refunded'
				: totals.received.shop >= totals.total.shop
					? 'paid'
					: 'pending',
		fulfillment_status: null,
		payment_gateway_names: [...new Set(order.transactions.map((transaction) => transaction.gateway))],
		subtotal_price: amount(totals.subtotal.shop),
		subtotal_price_set: priceSet(totals.subtotal, order),
		total_discounts: amount(totals.discounts.shop),
		total_discounts_set: priceSet(totals.discounts, order),
		total_shipping_price_set: priceSet(totals.shipping, order),
		total_tax: amount(totals.tax.shop),
		total_tax_set: priceSet(totals.tax, order),
		total_price: amount(totals.total.shop),
		total_price_set: priceSet(totals.total, order),
		current_total_price: amount(totals.total.shop - totals.refunded.shop),
		discount_codes: order.discountCodes.map((code) => ({ code, amount: amount(totals.discounts.shop), type: 'fixed_amount' })),
		customer: customer
			? {
					id: numericId(customer.id),
					admin_graphql_api_id: customer.id,
					first_name: customer.firstName,
					last_name: customer.lastName,
					email: customer.email,
					phone: customer.phone,
				}
			: null,
		shipping_address: address(order.shippingAddress),
		billing_address: address(order.billingAddress),
		line_items: order.lineItems.map((line) => {
			const variant = store.variants.find((candidate) => candidate.id === line.variantId);
			return {
				id: numericId(line.id),
				admin_graphql_api_id: line.id,
				variant_id: variant ? numericId(variant.id) : null,
				product_id: variant ? numericId(variant.productId) : null,
				sku: line.sku,
				name: line.name,
				title: line.name,
				quantity: line.quantity,
				current_quantity: line.quantity,
				fulfillable_quantity: line.requiresShipping ? line.quantity : 0,
				price: amount(line.unitPrice.shop),
				price_set: priceSet(line.unitPrice, order),
				total_discount: amount(line.discount.shop),
				total_discount_set: priceSet(line.discount, order),
				gift_card: line.isGiftCard,
				requires_shipping: line.requiresShipping,
				taxable: line.taxLines.length > 0,
				tax_lines: line.taxLines.map((tax) => taxLine(tax, order)),
			};
		}),
		shipping_lines: order.shippingLines.map((line) => ({
			id: numericId(line.id),
			title: line.title,
			code: line.code,
			source: line.source,
			price: amount(line.price.shop),
			price_set: priceSet(line.price, order),
			tax_lines: line.taxLines.map((tax) => taxLine(tax, order)),
		})),
		refunds: [],
	};
}
