/**
 * REST-style (snake_case) resources, the shape webhook payloads carry even for subscriptions
 * made through GraphQL: numeric ids, `admin_graphql_api_id`, amounts as fixed-decimal strings.
 */
import { formatFixedDecimal } from '../../core/money';
import { displayFulfillmentStatus } from './domain/fulfillment';
import {
	financialStatus,
	orderTotals,
	type AddressRecord,
	type LineItemRecord,
	type MoneyPair,
	type OrderRecord,
	type OrderTotals,
	type ShippingLineRecord,
	type ShopifyStore,
	type StoreEvent,
	type TaxLineRecord,
} from './store';
import { legacyId } from './views';

type Json = Record<string, unknown>;

function numericId(gid: string): number {
	return Number(legacyId(gid));
}

function priceSet(pair: MoneyPair, order: OrderRecord): Json {
	return {
		shop_money: {
			amount: formatFixedDecimal(pair.shop, order.currencyCode),
			currency_code: order.currencyCode,
		},
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

/** Amounts of an order's currency as REST writes them ("12.50"). */
function shopAmount(order: OrderRecord): (minor: number) => string {
	return (minor) => formatFixedDecimal(minor, order.currencyCode);
}

/** The order's prices: subtotal, discounts, shipping, tax, total, each as an amount and a price set. */
function restOrderPrices(order: OrderRecord, totals: OrderTotals): Json {
	const amount = shopAmount(order);
	return {
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
		discount_codes: order.discountCodes.map((code) => ({
			code,
			amount: amount(totals.discounts.shop),
			type: 'fixed_amount',
		})),
	};
}

function restCustomer(store: ShopifyStore, order: OrderRecord): Json | null {
	const customer = store.customers.find((candidate) => candidate.id === order.customerId);
	if (!customer) return null;
	return {
		id: numericId(customer.id),
		admin_graphql_api_id: customer.id,
		first_name: customer.firstName,
		last_name: customer.lastName,
		email: customer.email,
		phone: customer.phone,
	};
}

function restLineItem(store: ShopifyStore, order: OrderRecord, line: LineItemRecord): Json {
	const amount = shopAmount(order);
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
}

function restShippingLine(order: OrderRecord, line: ShippingLineRecord): Json {
	return {
		id: numericId(line.id),
		title: line.title,
		code: line.code,
		source: line.source,
		price: shopAmount(order)(line.price.shop),
		price_set: priceSet(line.price, order),
		tax_lines: line.taxLines.map((tax) => taxLine(tax, order)),
	};
}

export function restOrder(store: ShopifyStore, order: OrderRecord): Json {
	const totals = orderTotals(order);
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
		financial_status: financialStatus(totals),
		fulfillment_status:
			{ FULFILLED: 'fulfilled', PARTIALLY_FULFILLED: 'partial' }[
				displayFulfillmentStatus(store, order)
			] ?? null,
		payment_gateway_names: [
			...new Set(order.transactions.map((transaction) => transaction.gateway)),
		],
		...restOrderPrices(order, totals),
		customer: restCustomer(store, order),
		shipping_address: address(order.shippingAddress),
		billing_address: address(order.billingAddress),
		line_items: order.lineItems.map((line) => restLineItem(store, order, line)),
		shipping_lines: order.shippingLines.map((line) => restShippingLine(order, line)),
		refunds: store.refunds
			.filter((refund) => refund.orderId === order.id)
			.map((refund) => restRefund(store, refund.id)),
	};
}

export function restRefund(store: ShopifyStore, refundId: string): Json {
	const refund = store.refunds.find((candidate) => candidate.id === refundId)!;
	const order = store.order(refund.orderId)!;
	const amount = (minor: number) => formatFixedDecimal(minor, order.currencyCode);
	return {
		id: numericId(refund.id),
		admin_graphql_api_id: refund.id,
		order_id: numericId(order.id),
		created_at: refund.createdAt,
		processed_at: refund.createdAt,
		note: refund.note,
		restock: refund.lines.some((line) => line.restocked),
		refund_line_items: refund.lines.map((line) => {
			const lineItem = order.lineItems.find((candidate) => candidate.id === line.lineItemId)!;
			return {
				id: numericId(line.id),
				line_item_id: numericId(line.lineItemId),
				quantity: line.quantity,
				location_id: line.locationId ? numericId(line.locationId) : null,
				restock_type: line.restockType.toLowerCase(),
				subtotal: Number(amount(line.subtotal.shop)),
				subtotal_set: priceSet(line.subtotal, order),
				total_tax: Number(amount(line.tax.shop)),
				total_tax_set: priceSet(line.tax, order),
				line_item: {
					id: numericId(lineItem.id),
					sku: lineItem.sku,
					quantity: lineItem.quantity,
					price: amount(lineItem.unitPrice.shop),
					gift_card: lineItem.isGiftCard,
				},
			};
		}),
		refund_shipping_lines: [],
		transactions: order.transactions
			.filter((transaction) => refund.transactionIds.includes(transaction.id))
			.map((transaction) => ({
				id: numericId(transaction.id),
				admin_graphql_api_id: transaction.id,
				order_id: numericId(order.id),
				kind: transaction.kind.toLowerCase(),
				gateway: transaction.gateway,
				status: transaction.status.toLowerCase(),
				amount: formatFixedDecimal(transaction.amount.presentment, order.presentmentCurrencyCode),
				currency: order.presentmentCurrencyCode,
				parent_id: transaction.parentId ? numericId(transaction.parentId) : null,
				processed_at: transaction.processedAt,
			})),
	};
}

function restFulfillmentOrder(store: ShopifyStore, id: string): Json {
	const record = store.fulfillmentOrders.find((candidate) => candidate.id === id)!;
	return {
		fulfillment_order: {
			id: record.id,
			status: record.status.toLowerCase(),
			request_status: record.requestStatus.toLowerCase(),
			order_id: record.orderId,
			assigned_location_id: record.assignedLocationId,
		},
	};
}

function restFulfillment(store: ShopifyStore, id: string): Json {
	const record = store.fulfillments.find((candidate) => candidate.id === id)!;
	const order = store.order(record.orderId)!;
	return {
		id: numericId(record.id),
		admin_graphql_api_id: record.id,
		order_id: numericId(order.id),
		name: record.name,
		status: record.status.toLowerCase(),
		created_at: record.createdAt,
		tracking_company: record.tracking[0]?.company ?? null,
		tracking_number: record.tracking[0]?.number ?? null,
		tracking_numbers: record.tracking.map((tracking) => tracking.number),
		tracking_urls: record.tracking.map((tracking) => tracking.url),
		line_items: record.lines.map((line) => {
			const lineItem = order.lineItems.find((candidate) => candidate.id === line.lineItemId)!;
			return { id: numericId(lineItem.id), sku: lineItem.sku, quantity: line.quantity };
		}),
	};
}

function restInventoryLevel(store: ShopifyStore, key: string): Json {
	const [itemId, locationId] = key.split('|');
	const level = store.inventoryLevel(itemId, locationId)!;
	return {
		inventory_item_id: numericId(itemId),
		location_id: numericId(locationId),
		available: level.quantities.available,
		updated_at: level.updatedAt,
		admin_graphql_api_id: `gid://shopify/InventoryLevel/${legacyId(locationId)}?inventory_item_id=${legacyId(itemId)}`,
	};
}

/** The REST payload a webhook of this event carries. */
export function restPayload(store: ShopifyStore, event: StoreEvent): Json | undefined {
	if (event.topic.startsWith('ORDERS_')) {
		const order = store.order(event.id);
		return order ? restOrder(store, order) : undefined;
	}
	if (event.topic === 'REFUNDS_CREATE') return restRefund(store, event.id);
	if (event.topic.startsWith('FULFILLMENT_ORDERS_')) return restFulfillmentOrder(store, event.id);
	if (event.topic.startsWith('FULFILLMENTS_')) return restFulfillment(store, event.id);
	if (event.topic === 'INVENTORY_LEVELS_UPDATE') return restInventoryLevel(store, event.id);
	if (event.topic.startsWith('RETURNS_')) {
		const record = store.returns.find((candidate) => candidate.id === event.id)!;
		return {
			id: numericId(record.id),
			admin_graphql_api_id: record.id,
			order_id: numericId(record.orderId),
			name: record.name,
			status: record.status.toLowerCase(),
			total_return_line_items: record.lines.length,
			return_line_items: record.lines.map((line) => ({
				id: numericId(line.id),
				quantity: line.quantity,
				fulfillment_line_item_id: numericId(line.fulfillmentLineItemId),
			})),
		};
	}
	return undefined;
}
