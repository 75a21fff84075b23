/**
 * The emulated shop's state. Money is kept in minor units per currency (shop and presentment);
 * resolvers turn records into Shopify's GraphQL shapes.
 */
import { convertMinorUnits, currencyExponent, toMinorUnits } from '../../core/money';
import { routeOrder } from './domain/fulfillment';
import {
	type CustomerRecord,
	type FulfillmentOrderRecord,
	type FulfillmentRecord,
	type InventoryItemRecord,
	type InventoryLevelRecord,
	type LineItemRecord,
	type LocationRecord,
	type MoneyPair,
	type OrderInput,
	type OrderRecord,
	type ProductRecord,
	QUANTITY_NAMES,
	type QuantityName,
	type RefundRecord,
	type ReturnRecord,
	type ShippingLineRecord,
	type ShopRecord,
	type StoreEvent,
	StoreInputError,
	type StoreState,
	type TaxLineRecord,
	type VariantRecord,
} from './records';

// The records are the store's vocabulary: callers import them from here as before.
export * from './records';

/** An order's money rules, made once per order. */
interface Pricing {
	shopCurrency: string;
	presentment: string;
	rate: number;
	taxesIncluded: boolean;
	pair(shopMinor: number): MoneyPair;
	taxOn(amount: number, taxRate: number | undefined): TaxLineRecord[];
}

export class ShopifyStore implements StoreState {
	shop: ShopRecord;
	locations: LocationRecord[];
	products: ProductRecord[] = [];
	variants: VariantRecord[] = [];
	inventoryItems: InventoryItemRecord[] = [];
	inventoryLevels: InventoryLevelRecord[] = [];
	customers: CustomerRecord[] = [];
	orders: OrderRecord[] = [];
	refunds: RefundRecord[] = [];
	fulfillmentOrders: FulfillmentOrderRecord[] = [];
	fulfillments: FulfillmentRecord[] = [];
	returns: ReturnRecord[] = [];
	private nextId = 1000;
	private nextOrderNumber = 1001;
	/** The clock the store stamps records with (tests move it). */
	now: () => Date = () => new Date();
	private readonly listeners: Array<(event: StoreEvent) => void> = [];

	subscribe(listener: (event: StoreEvent) => void): void {
		this.listeners.push(listener);
	}

	announce(topic: string, id: string): void {
		for (const listener of this.listeners) listener({ topic, id });
	}

	constructor(seed: Partial<Pick<ShopifyStore, 'shop' | 'locations'>> = {}) {
		this.shop = seed.shop ?? {
			id: 'gid://shopify/Shop/1',
			name: 'Orderflow Sandbox',
			email: 'ops@orderflow-sandbox.example',
			myshopifyDomain: 'orderflow-sandbox.myshopify.com',
			currencyCode: 'EUR',
			ianaTimezone: 'Europe/Berlin',
			enabledPresentmentCurrencies: ['EUR', 'USD', 'GBP', 'JPY'],
		};
		this.locations = seed.locations ?? [
			{
				id: 'gid://shopify/Location/1',
				name: 'Berlin Warehouse',
				isActive: true,
				fulfillsOnlineOrders: true,
				fulfillmentService: false,
			},
			{
				id: 'gid://shopify/Location/2',
				name: 'Rotterdam 3PL',
				isActive: true,
				fulfillsOnlineOrders: true,
				fulfillmentService: true,
			},
		];
	}

	/**
	 * New records (orders, their lines, refunds, …) and order numbers continue from `base`: a shop
	 * whose orders must not meet an earlier run's in a system that outlives the run (a staging ERP).
	 */
	continueIdsFrom(base: number): void {
		this.nextId = Math.max(this.nextId, Math.floor(base));
		this.nextOrderNumber = Math.max(this.nextOrderNumber, Math.floor(base / 1000));
	}

	/** A fresh numeric id for a new record of the given type, as a gid. */
	newGid(type: string): string {
		return `gid://shopify/${type}/${++this.nextId}`;
	}

	timestamp(): string {
		return this.now()
			.toISOString()
			.replace(/\.\d{3}Z$/, 'Z');
	}

	addProduct(input: {
		title: string;
		vendor?: string;
		productType?: string;
		variants: Array<{
			title?: string;
			sku: string;
			price: string;
			barcode?: string;
			isGiftCard?: boolean;
			tracked?: boolean;
		}>;
		/** SKU → location id → quantities. */
		stock?: Record<string, Record<string, Partial<Record<QuantityName, number>>>>;
	}): ProductRecord {
		const at = this.timestamp();
		const product: ProductRecord = {
			id: this.newGid('Product'),
			title: input.title,
			handle: input.title
				.toLowerCase()
				.replace(/[^a-z0-9]+/g, '-')
				.replace(/^-|-$/g, ''),
			vendor: input.vendor ?? this.shop.name,
			productType: input.productType ?? '',
			status: 'ACTIVE',
			createdAt: at,
			updatedAt: at,
			variantIds: [],
		};
		this.products.push(product);
		for (const variantInput of input.variants) {
			if (this.variantBySku(variantInput.sku))
				throw new StoreInputError(`SKU ${variantInput.sku} exists already`);
			const variant: VariantRecord = {
				id: this.newGid('ProductVariant'),
				productId: product.id,
				title: variantInput.title ?? 'Default Title',
				sku: variantInput.sku,
				barcode: variantInput.barcode ?? null,
				price: toMinorUnits(variantInput.price, this.shop.currencyCode),
				inventoryItemId: this.newGid('InventoryItem'),
				requiresShipping: !variantInput.isGiftCard,
				isGiftCard: variantInput.isGiftCard ?? false,
			};
			this.variants.push(variant);
			product.variantIds.push(variant.id);
			this.inventoryItems.push({
				id: variant.inventoryItemId,
				sku: variant.sku,
				tracked: variantInput.tracked ?? !variantInput.isGiftCard,
				variantId: variant.id,
			});
			for (const [locationId, quantities] of Object.entries(input.stock?.[variant.sku] ?? {})) {
				this.setQuantities(variant.inventoryItemId, locationId, quantities);
			}
		}
		return product;
	}

	variantBySku(sku: string): VariantRecord | undefined {
		return this.variants.find((variant) => variant.sku === sku);
	}

	inventoryLevel(inventoryItemId: string, locationId: string): InventoryLevelRecord | undefined {
		return this.inventoryLevels.find(
			(level) => level.inventoryItemId === inventoryItemId && level.locationId === locationId,
		);
	}

	/** Sets named quantities of an item at a location; on_hand follows available + committed + reserved… when not given. */
	setQuantities(
		inventoryItemId: string,
		locationId: string,
		quantities: Partial<Record<QuantityName, number>>,
	): InventoryLevelRecord {
		if (!this.locations.some((location) => location.id === locationId)) {
			throw new StoreInputError(`Unknown location ${locationId}`);
		}
		let level = this.inventoryLevel(inventoryItemId, locationId);
		if (!level) {
			level = {
				inventoryItemId,
				locationId,
				quantities: Object.fromEntries(QUANTITY_NAMES.map((name) => [name, 0])) as Record<
					QuantityName,
					number
				>,
				updatedAt: this.timestamp(),
			};
			this.inventoryLevels.push(level);
		}
		Object.assign(level.quantities, quantities);
		if (quantities.on_hand === undefined) {
			const q = level.quantities;
			q.on_hand =
				q.available + q.committed + q.reserved + q.damaged + q.quality_control + q.safety_stock;
		}
		level.updatedAt = this.timestamp();
		return level;
	}

	createOrder(input: OrderInput): OrderRecord {
		if (!input.lines.length) throw new StoreInputError('An order needs at least one line');
		const pricing = this.pricingFor(input);
		// Ids in the order Shopify's would grow: lines, shipping, customer, then the order.
		const lineItems = input.lines.map((line) => this.lineItemFor(line, pricing));
		const shippingLines = this.shippingLinesFor(input, pricing);
		const at = input.createdAt ?? this.timestamp();
		const customerId = this.customerFor(input, at);
		const order: OrderRecord = {
			id: this.newGid('Order'),
			name: `#${this.nextOrderNumber++}`,
			email: input.customer?.email ?? null,
			createdAt: at,
			updatedAt: at,
			processedAt: at,
			cancelledAt: null,
			cancelReason: null,
			closedAt: null,
			test: input.test ?? false,
			currencyCode: pricing.shopCurrency,
			presentmentCurrencyCode: pricing.presentment,
			exchangeRate: pricing.rate,
			taxesIncluded: pricing.taxesIncluded,
			sourceName: input.sourceName ?? 'web',
			tags: [...(input.tags ?? [])],
			note: input.note ?? null,
			customerId,
			shippingAddress: input.shippingAddress ?? null,
			billingAddress: input.billingAddress ?? input.shippingAddress ?? null,
			lineItems,
			shippingLines,
			transactions: [],
			metafields: [],
			discountCodes: input.discountCode ? [input.discountCode] : [],
		};
		if ((input.financialStatus ?? 'paid') === 'paid') this.pay(order, input, pricing, at);
		this.orders.push(order);
		routeOrder(this, order);
		this.announce('ORDERS_CREATE', order.id);
		if (order.transactions.length) this.announce('ORDERS_PAID', order.id);
		return order;
	}

	/** An order's money: shop and presentment amounts at its exchange rate, and its taxes. */
	private pricingFor(input: OrderInput): Pricing {
		const shopCurrency = this.shop.currencyCode;
		const presentment = input.presentmentCurrency ?? shopCurrency;
		currencyExponent(presentment);
		const rate = presentment === shopCurrency ? 1 : input.exchangeRate;
		if (!rate)
			throw new StoreInputError(
				`An order in ${presentment} needs an exchangeRate from ${shopCurrency}`,
			);
		const taxesIncluded = input.taxesIncluded ?? false;
		const pair = (shopMinor: number): MoneyPair => ({
			shop: shopMinor,
			presentment: convertMinorUnits(shopMinor, shopCurrency, presentment, rate),
		});
		const taxOn = (amount: number, taxRate: number | undefined): TaxLineRecord[] => {
			if (!taxRate) return [];
			const tax = taxesIncluded
				? amount - Math.round(amount / (1 + taxRate))
				: Math.round(amount * taxRate);
			return [{ title: 'VAT', rate: taxRate, price: pair(tax) }];
		};
		return { shopCurrency, presentment, rate, taxesIncluded, pair, taxOn };
	}

	private lineItemFor(
		line: OrderInput['lines'][number],
		{ shopCurrency, pair, taxOn }: Pricing,
	): LineItemRecord {
		const variant = this.variantBySku(line.sku);
		if (!variant) throw new StoreInputError(`No variant with SKU ${line.sku}`);
		if (!Number.isInteger(line.quantity) || line.quantity < 1) {
			throw new StoreInputError(`Quantity of ${line.sku} must be a positive whole number`);
		}
		const product = this.products.find((candidate) => candidate.id === variant.productId);
		const unit = line.price === undefined ? variant.price : toMinorUnits(line.price, shopCurrency);
		const discount = line.discount === undefined ? 0 : toMinorUnits(line.discount, shopCurrency);
		return {
			id: this.newGid('LineItem'),
			variantId: variant.id,
			sku: variant.sku,
			name:
				variant.title === 'Default Title'
					? (product?.title ?? variant.sku)
					: `${product?.title} - ${variant.title}`,
			quantity: line.quantity,
			isGiftCard: variant.isGiftCard,
			requiresShipping: variant.requiresShipping,
			unitPrice: pair(unit),
			discount: pair(discount),
			taxLines: variant.isGiftCard ? [] : taxOn(unit * line.quantity - discount, line.taxRate),
		};
	}

	private shippingLinesFor(
		input: OrderInput,
		{ shopCurrency, pair, taxOn }: Pricing,
	): ShippingLineRecord[] {
		const shipping = input.shipping === undefined ? [] : [input.shipping].flat();
		return shipping.map((line) => {
			const price = toMinorUnits(line.price, shopCurrency);
			return {
				id: this.newGid('ShippingLine'),
				title: line.title,
				code: line.code ?? line.title.toUpperCase().replace(/\W+/g, '_'),
				source: 'shopify',
				price: pair(price),
				taxLines: taxOn(price, line.taxRate),
			};
		});
	}

	/** The order's customer: found by email, else created. */
	private customerFor(input: OrderInput, at: string): string | null {
		if (!input.customer) return null;
		const existing = this.customers.find((customer) => customer.email === input.customer!.email);
		if (existing) return existing.id;
		const customer: CustomerRecord = {
			id: this.newGid('Customer'),
			firstName: input.customer.firstName,
			lastName: input.customer.lastName,
			email: input.customer.email,
			phone: input.customer.phone ?? null,
			createdAt: at,
			updatedAt: at,
		};
		this.customers.push(customer);
		return customer.id;
	}

	/** A paid order's sale transactions: the gift card's part first, the rest by card. */
	private pay(
		order: OrderRecord,
		input: OrderInput,
		{ shopCurrency, pair }: Pricing,
		at: string,
	): void {
		const total = orderTotals(order).total.shop;
		const giftCard = input.giftCardPayment
			? Math.min(total, toMinorUnits(input.giftCardPayment, shopCurrency))
			: 0;
		const payments: Array<[string, number]> = [
			['gift_card', giftCard],
			['shopify_payments', total - giftCard],
		];
		for (const [gateway, amount] of payments.filter(([, amount]) => amount > 0)) {
			order.transactions.push({
				id: this.newGid('OrderTransaction'),
				kind: 'SALE',
				status: 'SUCCESS',
				gateway,
				processedAt: at,
				amount: pair(amount),
				parentId: null,
			});
		}
	}

	order(id: string): OrderRecord | undefined {
		return this.orders.find((order) => order.id === id);
	}

	/** Marks an order changed now (Shopify bumps updated_at on every change). */
	touch(order: OrderRecord): void {
		order.updatedAt = this.timestamp();
		this.announce('ORDERS_UPDATED', order.id);
	}
}

export function sumPairs(pairs: MoneyPair[]): MoneyPair {
	return pairs.reduce(
		(sum, pair) => ({
			shop: sum.shop + pair.shop,
			presentment: sum.presentment + pair.presentment,
		}),
		{
			shop: 0,
			presentment: 0,
		},
	);
}

export interface OrderTotals {
	subtotal: MoneyPair;
	discounts: MoneyPair;
	shipping: MoneyPair;
	tax: MoneyPair;
	total: MoneyPair;
	received: MoneyPair;
	refunded: MoneyPair;
}

/** Totals the way Shopify reports them: subtotal after discounts, total with shipping and (unless included) tax. */
export function orderTotals(order: OrderRecord): OrderTotals {
	const times = (pair: MoneyPair, n: number): MoneyPair => ({
		shop: pair.shop * n,
		presentment: pair.presentment * n,
	});
	const lineTotals = order.lineItems.map((line) => times(line.unitPrice, line.quantity));
	const discounts = sumPairs(order.lineItems.map((line) => line.discount));
	const gross = sumPairs(lineTotals);
	const subtotal = {
		shop: gross.shop - discounts.shop,
		presentment: gross.presentment - discounts.presentment,
	};
	const shipping = sumPairs(order.shippingLines.map((line) => line.price));
	const tax = sumPairs(
		[...order.lineItems, ...order.shippingLines].flatMap((line) =>
			line.taxLines.map((t) => t.price),
		),
	);
	const total = order.taxesIncluded
		? {
				shop: subtotal.shop + shipping.shop,
				presentment: subtotal.presentment + shipping.presentment,
			}
		: {
				shop: subtotal.shop + shipping.shop + tax.shop,
				presentment: subtotal.presentment + shipping.presentment + tax.presentment,
			};
	const successful = order.transactions.filter((transaction) => transaction.status === 'SUCCESS');
	const received = sumPairs(
		successful.filter((t) => t.kind === 'SALE' || t.kind === 'CAPTURE').map((t) => t.amount),
	);
	const refunded = sumPairs(successful.filter((t) => t.kind === 'REFUND').map((t) => t.amount));
	return { subtotal, discounts, shipping, tax, total, received, refunded };
}

/** financial_status as REST payloads and order search name it (GraphQL's displayFinancialStatus differs). */
export function financialStatus(
	totals: OrderTotals,
): 'paid' | 'pending' | 'refunded' | 'partially_refunded' {
	if (totals.refunded.shop > 0)
		return totals.refunded.shop >= totals.total.shop ? 'refunded' : 'partially_refunded';
	return totals.received.shop >= totals.total.shop ? 'paid' : 'pending';
}
