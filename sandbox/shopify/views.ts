/**
 * Store records in Shopify's GraphQL shapes. Fields that take arguments (connections, lists
 * with `first`) are functions; the emulator's field resolver calls them with the arguments.
 */
import { formatDecimal } from '../../core/money';
import { connection, type ConnectionArgs } from './connection';
import { displayFulfillmentStatus, fulfilledQuantity } from './domain/fulfillment';
import { refundedQuantity, suggestRefund, type RefundLineInput } from './domain/refunds';
import {
	orderTotals,
	QUANTITY_NAMES,
	type InventoryItemRecord,
	type InventoryLevelRecord,
	type LineItemRecord,
	type MoneyPair,
	type OrderRecord,
	type ProductRecord,
	type ShopifyStore,
	type TransactionRecord,
	type VariantRecord,
} from './store';
import { fulfillmentOrderView, fulfillmentView, suggestedRefundView } from './views-fulfillment';
import { refundView } from './views-refund';
import { returnView } from './views-returns';
import {
	addressView,
	legacyId,
	list,
	locationView,
	metafieldView,
	moneyBag,
	taxLineView,
	type RecordViews,
	type View,
} from './views-common';

// The helpers were first defined here: their callers keep importing them from views.ts.
export { legacyId, list, locationView, metafieldView, moneyBag, type View } from './views-common';

/** An order's own fields and statuses. */
function orderFields(order: OrderRecord): View {
	const totals = orderTotals(order);
	const refunded = totals.refunded.shop;
	const received = totals.received.shop;
	const paid = received >= totals.total.shop ? 'PAID' : received > 0 ? 'PARTIALLY_PAID' : 'PENDING';
	const refundStatus = refunded >= totals.total.shop ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
	return {
		__typename: 'Order',
		id: order.id,
		legacyResourceId: legacyId(order.id),
		name: order.name,
		email: order.email,
		createdAt: order.createdAt,
		updatedAt: order.updatedAt,
		processedAt: order.processedAt,
		cancelledAt: order.cancelledAt,
		cancelReason: order.cancelReason,
		closedAt: order.closedAt,
		closed: order.closedAt !== null,
		customAttributes: [],
		cancellable: order.cancelledAt === null,
		test: order.test,
		confirmed: true,
		displayFinancialStatus: refunded > 0 ? refundStatus : paid,
		currencyCode: order.currencyCode,
		presentmentCurrencyCode: order.presentmentCurrencyCode,
		taxesIncluded: order.taxesIncluded,
		sourceName: order.sourceName,
		tags: order.tags,
		note: order.note,
		discountCodes: order.discountCodes,
		paymentGatewayNames: [...new Set(order.transactions.map((transaction) => transaction.gateway))],
	};
}

/** An order's money sets, in shop and presentment currency. */
function orderMoney(order: OrderRecord): View {
	const totals = orderTotals(order);
	const outstanding = {
		shop: totals.total.shop - totals.received.shop + totals.refunded.shop,
		presentment:
			totals.total.presentment - totals.received.presentment + totals.refunded.presentment,
	};
	const current = {
		shop: totals.total.shop - totals.refunded.shop,
		presentment: totals.total.presentment - totals.refunded.presentment,
	};
	return {
		subtotalPriceSet: moneyBag(totals.subtotal, order),
		totalDiscountsSet: moneyBag(totals.discounts, order),
		totalShippingPriceSet: moneyBag(totals.shipping, order),
		totalTaxSet: moneyBag(totals.tax, order),
		totalPriceSet: moneyBag(totals.total, order),
		totalReceivedSet: moneyBag(totals.received, order),
		totalRefundedSet: moneyBag(totals.refunded, order),
		totalOutstandingSet: moneyBag(outstanding, order),
		currentTotalPriceSet: moneyBag(current, order),
	};
}

function orderMetafields(order: OrderRecord): View {
	return {
		metafield: ({ namespace, key }: { namespace?: string; key: string }) => {
			const found = order.metafields.find(
				(m) => m.key === key && (namespace === undefined || m.namespace === namespace),
			);
			return found ? metafieldView(found, 'ORDER') : null;
		},
		metafields: (args: ConnectionArgs & { namespace?: string }) =>
			connection(
				order.metafields
					.filter((m) => !args.namespace || m.namespace === args.namespace)
					.map((m) => metafieldView(m, 'ORDER')),
				args,
			),
	};
}

export class Views implements RecordViews {
	constructor(private readonly store: ShopifyStore) {}

	variant(variant: VariantRecord): View {
		const store = this.store;
		return {
			__typename: 'ProductVariant',
			id: variant.id,
			legacyResourceId: legacyId(variant.id),
			title: variant.title,
			displayName: `${this.productOf(variant)?.title ?? ''} - ${variant.title}`,
			sku: variant.sku,
			barcode: variant.barcode,
			price: formatDecimal(variant.price, store.shop.currencyCode),
			updatedAt: this.productOf(variant)?.updatedAt ?? store.timestamp(),
			inventoryItem: () =>
				this.inventoryItem(
					store.inventoryItems.find((item) => item.id === variant.inventoryItemId)!,
				),
			product: () => this.product(this.productOf(variant)!),
			inventoryQuantity: store.inventoryLevels
				.filter((level) => level.inventoryItemId === variant.inventoryItemId)
				.reduce((sum, level) => sum + level.quantities.available, 0),
		};
	}

	product(product: ProductRecord): View {
		const variants = () =>
			this.store.variants.filter((variant) => variant.productId === product.id);
		return {
			__typename: 'Product',
			...product,
			legacyResourceId: legacyId(product.id),
			variants: (args: ConnectionArgs) =>
				connection(
					variants().map((variant) => this.variant(variant)),
					args,
				),
			totalInventory: variants().reduce(
				(sum, variant) => sum + (this.variant(variant).inventoryQuantity as number),
				0,
			),
		};
	}

	inventoryItem(item: InventoryItemRecord): View {
		const levels = () =>
			this.store.inventoryLevels.filter((level) => level.inventoryItemId === item.id);
		return {
			__typename: 'InventoryItem',
			id: item.id,
			legacyResourceId: legacyId(item.id),
			sku: item.sku,
			tracked: item.tracked,
			requiresShipping: true,
			variant: () =>
				this.variant(this.store.variants.find((variant) => variant.id === item.variantId)!),
			inventoryLevels: (args: ConnectionArgs) =>
				connection(
					levels().map((level) => this.inventoryLevel(level)),
					args,
				),
			inventoryLevel: ({ locationId }: { locationId: string }) => {
				const level = this.store.inventoryLevel(item.id, locationId);
				return level ? this.inventoryLevel(level) : null;
			},
		};
	}

	inventoryLevel(level: InventoryLevelRecord): View {
		return {
			__typename: 'InventoryLevel',
			id: `gid://shopify/InventoryLevel/${legacyId(level.locationId)}?inventory_item_id=${legacyId(level.inventoryItemId)}`,
			updatedAt: level.updatedAt,
			canDeactivate: true,
			location: () =>
				locationView(this.store.locations.find((location) => location.id === level.locationId)!),
			item: () =>
				this.inventoryItem(
					this.store.inventoryItems.find((item) => item.id === level.inventoryItemId)!,
				),
			quantities: ({ names }: { names: string[] }) =>
				names.map((name) => {
					if (!(QUANTITY_NAMES as readonly string[]).includes(name)) {
						throw new Error(`The quantity name "${name}" is not valid`);
					}
					return {
						__typename: 'InventoryQuantity',
						name,
						quantity: level.quantities[name as keyof typeof level.quantities],
						updatedAt: level.updatedAt,
					};
				}),
		};
	}

	lineItem(line: LineItemRecord, order: OrderRecord): View {
		const perUnit = (pair: MoneyPair): MoneyPair => ({
			shop: Math.round(pair.shop / line.quantity),
			presentment: Math.round(pair.presentment / line.quantity),
		});
		const total = {
			shop: line.unitPrice.shop * line.quantity,
			presentment: line.unitPrice.presentment * line.quantity,
		};
		const discounted = {
			shop: total.shop - line.discount.shop,
			presentment: total.presentment - line.discount.presentment,
		};
		const variant = this.store.variants.find((candidate) => candidate.id === line.variantId);
		const refunded = refundedQuantity(this.store, line);
		const fulfilled = fulfilledQuantity(this.store, line.id);
		return {
			__typename: 'LineItem',
			id: line.id,
			sku: line.sku,
			name: line.name,
			title: line.name,
			quantity: line.quantity,
			currentQuantity: line.quantity - refunded,
			refundableQuantity: line.quantity - refunded,
			unfulfilledQuantity: line.requiresShipping
				? Math.max(0, line.quantity - fulfilled - refunded)
				: 0,
			nonFulfillableQuantity: 0,
			isGiftCard: line.isGiftCard,
			requiresShipping: line.requiresShipping,
			taxable: line.taxLines.length > 0,
			vendor: variant ? this.productOf(variant)?.vendor : null,
			variant: variant ? () => this.variant(variant) : null,
			product: variant ? () => this.product(this.productOf(variant)!) : null,
			originalUnitPriceSet: moneyBag(line.unitPrice, order),
			discountedUnitPriceSet: moneyBag(perUnit(discounted), order),
			discountedUnitPriceAfterAllDiscountsSet: moneyBag(perUnit(discounted), order),
			originalTotalSet: moneyBag(total, order),
			discountedTotalSet: moneyBag(discounted, order),
			totalDiscountSet: moneyBag(line.discount, order),
			discountAllocations: line.discount.shop
				? [{ __typename: 'DiscountAllocation', allocatedAmountSet: moneyBag(line.discount, order) }]
				: [],
			taxLines: list(line.taxLines.map((tax) => taxLineView(tax, order))),
			customAttributes: [],
		};
	}

	order(order: OrderRecord): View {
		return {
			...orderFields(order),
			displayFulfillmentStatus: displayFulfillmentStatus(this.store, order),
			...orderMoney(order),
			customer: this.customerOf(order),
			shippingAddress: addressView(order.shippingAddress),
			billingAddress: addressView(order.billingAddress),
			...this.orderLines(order),
			...this.afterTheSale(order),
			...orderMetafields(order),
		};
	}

	private customerOf(order: OrderRecord): View | null {
		const customer = this.store.customers.find((candidate) => candidate.id === order.customerId);
		if (!customer) return null;
		return {
			__typename: 'Customer',
			...customer,
			legacyResourceId: legacyId(customer.id),
			displayName: `${customer.firstName} ${customer.lastName}`,
			defaultEmailAddress: { emailAddress: customer.email },
			defaultPhoneNumber: customer.phone ? { phoneNumber: customer.phone } : null,
		};
	}

	/** What was sold: the lines, the shipping lines, the payments. */
	private orderLines(order: OrderRecord): View {
		return {
			lineItems: (args: ConnectionArgs) =>
				connection(
					order.lineItems.map((line) => this.lineItem(line, order)),
					args,
				),
			shippingLines: (args: ConnectionArgs) =>
				connection(
					order.shippingLines.map((line) => ({
						__typename: 'ShippingLine',
						id: line.id,
						title: line.title,
						code: line.code,
						source: line.source,
						originalPriceSet: moneyBag(line.price, order),
						discountedPriceSet: moneyBag(line.price, order),
						taxLines: list(line.taxLines.map((tax) => taxLineView(tax, order))),
					})),
					args,
				),
			transactions: list(
				order.transactions.map((transaction) => this.transaction(transaction, order)),
			),
		};
	}

	/** What happened after the sale: refunds, fulfillments, fulfillment orders, returns, the refund Shopify suggests. */
	private afterTheSale(order: OrderRecord): View {
		const store = this.store;
		const returns = store.returns.filter((record) => record.orderId === order.id);
		return {
			refunds: list(
				store.refunds
					.filter((refund) => refund.orderId === order.id)
					.map((refund) => refundView(store, this, refund)),
			),
			fulfillments: list(
				store.fulfillments
					.filter((fulfillment) => fulfillment.orderId === order.id)
					.map((fulfillment) => fulfillmentView(store, this, fulfillment)),
			),
			fulfillmentOrders: (args: ConnectionArgs & { displayable?: boolean }) =>
				connection(
					store.fulfillmentOrders
						.filter(
							(record) =>
								record.orderId === order.id && (!args.displayable || record.status !== 'CANCELLED'),
						)
						.map((record) => fulfillmentOrderView(store, this, record)),
					args,
				),
			returns: (args: ConnectionArgs) =>
				connection(
					returns.map((record) => returnView(store, this, record)),
					args,
				),
			returnStatus: returns.some((record) => record.status === 'OPEN')
				? 'IN_PROGRESS'
				: returns.length
					? 'RETURNED'
					: 'NO_RETURN',
			suggestedRefund: (args: {
				refundLineItems?: RefundLineInput[];
				refundShipping?: boolean;
				suggestFullRefund?: boolean;
			}) => suggestedRefundView(suggestRefund(store, order, args), order, this),
		};
	}

	transaction(transaction: TransactionRecord, order: OrderRecord): View {
		const parent = transaction.parentId
			? order.transactions.find((candidate) => candidate.id === transaction.parentId)
			: undefined;
		return {
			__typename: 'OrderTransaction',
			id: transaction.id,
			kind: transaction.kind,
			status: transaction.status,
			gateway: transaction.gateway,
			processedAt: transaction.processedAt,
			createdAt: transaction.processedAt,
			test: order.test,
			parentTransaction: parent ? this.transaction(parent, order) : null,
			amountSet: moneyBag(transaction.amount, order),
		};
	}

	private productOf(variant: VariantRecord): ProductRecord | undefined {
		return this.store.products.find((product) => product.id === variant.productId);
	}
}
