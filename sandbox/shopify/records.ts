/**
 * The emulated shop's records, and the state domain code works on (StoreState): apart from the
 * store, so the domain modules the store calls do not import it back.
 */
export interface ShopRecord {
	id: string;
	name: string;
	email: string;
	myshopifyDomain: string;
	currencyCode: string;
	ianaTimezone: string;
	enabledPresentmentCurrencies: string[];
}

export interface LocationRecord {
	id: string;
	name: string;
	isActive: boolean;
	fulfillsOnlineOrders: boolean;
	/** A fulfillment service's location (a 3PL): its fulfillment orders take fulfillment requests. */
	fulfillmentService: boolean;
}

export interface VariantRecord {
	id: string;
	productId: string;
	title: string;
	sku: string;
	barcode: string | null;
	/** Shop currency, minor units. */
	price: number;
	inventoryItemId: string;
	requiresShipping: boolean;
	isGiftCard: boolean;
}

export interface ProductRecord {
	id: string;
	title: string;
	handle: string;
	vendor: string;
	productType: string;
	status: 'ACTIVE' | 'DRAFT' | 'ARCHIVED';
	createdAt: string;
	updatedAt: string;
	variantIds: string[];
}

export interface InventoryItemRecord {
	id: string;
	sku: string;
	tracked: boolean;
	variantId: string;
}

export const QUANTITY_NAMES = [
	'available',
	'on_hand',
	'committed',
	'incoming',
	'reserved',
	'safety_stock',
	'damaged',
	'quality_control',
] as const;
export type QuantityName = (typeof QUANTITY_NAMES)[number];

export interface InventoryLevelRecord {
	inventoryItemId: string;
	locationId: string;
	quantities: Record<QuantityName, number>;
	updatedAt: string;
}

export interface AddressRecord {
	firstName?: string;
	lastName?: string;
	company?: string | null;
	address1: string;
	address2?: string | null;
	city: string;
	province?: string | null;
	provinceCode?: string | null;
	zip: string;
	countryCodeV2: string;
	phone?: string | null;
}

export interface CustomerRecord {
	id: string;
	firstName: string;
	lastName: string;
	email: string;
	phone: string | null;
	createdAt: string;
	updatedAt: string;
}

/** An amount in the shop currency and in the customer's (presentment) currency, minor units. */
export interface MoneyPair {
	shop: number;
	presentment: number;
}

export interface TaxLineRecord {
	title: string;
	rate: number;
	price: MoneyPair;
}

export interface LineItemRecord {
	id: string;
	variantId: string | null;
	sku: string | null;
	name: string;
	quantity: number;
	isGiftCard: boolean;
	requiresShipping: boolean;
	unitPrice: MoneyPair;
	/** The line's total discount. */
	discount: MoneyPair;
	taxLines: TaxLineRecord[];
}

export interface ShippingLineRecord {
	id: string;
	title: string;
	code: string;
	source: string;
	price: MoneyPair;
	taxLines: TaxLineRecord[];
}

export interface TransactionRecord {
	id: string;
	kind: 'SALE' | 'AUTHORIZATION' | 'CAPTURE' | 'REFUND' | 'VOID';
	status: 'SUCCESS' | 'PENDING' | 'FAILURE';
	gateway: string;
	processedAt: string;
	amount: MoneyPair;
	parentId: string | null;
}

export interface MetafieldRecord {
	id: string;
	namespace: string;
	key: string;
	type: string;
	value: string;
	updatedAt: string;
}

export interface RefundLineRecord {
	id: string;
	lineItemId: string;
	quantity: number;
	restockType: 'CANCEL' | 'RETURN' | 'NO_RESTOCK' | 'LEGACY_RESTOCK';
	locationId: string | null;
	restocked: boolean;
	subtotal: MoneyPair;
	tax: MoneyPair;
}

export interface RefundRecord {
	id: string;
	orderId: string;
	createdAt: string;
	note: string | null;
	lines: RefundLineRecord[];
	shipping: MoneyPair;
	transactionIds: string[];
	returnId: string | null;
}

export interface FulfillmentOrderLineRecord {
	id: string;
	lineItemId: string;
	totalQuantity: number;
	remainingQuantity: number;
}

export type FulfillmentOrderStatus =
	| 'OPEN'
	| 'IN_PROGRESS'
	| 'CLOSED'
	| 'CANCELLED'
	| 'ON_HOLD'
	| 'SCHEDULED'
	| 'INCOMPLETE';

export interface FulfillmentOrderRecord {
	id: string;
	orderId: string;
	assignedLocationId: string;
	status: FulfillmentOrderStatus;
	requestStatus:
		| 'UNSUBMITTED'
		| 'SUBMITTED'
		| 'ACCEPTED'
		| 'REJECTED'
		| 'CANCELLATION_REQUESTED'
		| 'CANCELLATION_ACCEPTED'
		| 'CLOSED';
	lines: FulfillmentOrderLineRecord[];
	holds: Array<{ reason: string; reasonNotes: string | null }>;
	createdAt: string;
	updatedAt: string;
}

export interface FulfillmentRecord {
	id: string;
	orderId: string;
	name: string;
	status: 'SUCCESS' | 'CANCELLED';
	createdAt: string;
	tracking: Array<{ company: string | null; number: string | null; url: string | null }>;
	lines: Array<{ id: string; lineItemId: string; quantity: number; fulfillmentOrderId: string }>;
	notifyCustomer: boolean;
}

export interface ReturnLineRecord {
	id: string;
	fulfillmentLineItemId: string;
	lineItemId: string;
	quantity: number;
	processedQuantity: number;
	returnReasonNote: string;
	/** The matching reverse fulfillment order line, where dispositions are recorded. */
	reverseLineId: string;
	dispositions: Array<{ quantity: number; type: string; locationId: string | null }>;
}

export interface ReturnRecord {
	id: string;
	orderId: string;
	name: string;
	status: 'OPEN' | 'CLOSED' | 'CANCELED' | 'DECLINED' | 'REQUESTED';
	lines: ReturnLineRecord[];
	reverseFulfillmentOrderId: string;
	refundIds: string[];
	createdAt: string;
	closedAt: string | null;
}

export interface OrderRecord {
	id: string;
	name: string;
	email: string | null;
	createdAt: string;
	updatedAt: string;
	processedAt: string;
	cancelledAt: string | null;
	cancelReason: string | null;
	closedAt: string | null;
	test: boolean;
	currencyCode: string;
	presentmentCurrencyCode: string;
	/** Presentment units per shop unit. */
	exchangeRate: number;
	taxesIncluded: boolean;
	sourceName: string;
	tags: string[];
	note: string | null;
	customerId: string | null;
	shippingAddress: AddressRecord | null;
	billingAddress: AddressRecord | null;
	lineItems: LineItemRecord[];
	shippingLines: ShippingLineRecord[];
	transactions: TransactionRecord[];
	metafields: MetafieldRecord[];
	discountCodes: string[];
}

export interface OrderLineInput {
	sku: string;
	quantity: number;
	/** Unit price in the shop currency; default: the variant's price. */
	price?: string;
	/** The line's total discount in the shop currency. */
	discount?: string;
	taxRate?: number;
}

export interface ShippingInput {
	title: string;
	price: string;
	taxRate?: number;
	code?: string;
}

export interface OrderInput {
	lines: OrderLineInput[];
	presentmentCurrency?: string;
	/** Presentment units per one shop unit, e.g. 1.0753 USD per EUR. */
	exchangeRate?: number;
	/** One shipping line, or several (an order may carry more than one). */
	shipping?: ShippingInput | ShippingInput[];
	customer?: { firstName: string; lastName: string; email: string; phone?: string };
	shippingAddress?: AddressRecord;
	billingAddress?: AddressRecord;
	sourceName?: string;
	tags?: string[];
	note?: string;
	test?: boolean;
	taxesIncluded?: boolean;
	/** Part of the total paid with a gift card, shop currency. */
	giftCardPayment?: string;
	financialStatus?: 'paid' | 'pending';
	discountCode?: string;
	createdAt?: string;
}

/** A change the store announces; the emulator turns these into webhooks. */
export interface StoreEvent {
	/** Webhook topic enum, e.g. ORDERS_CREATE. */
	topic: string;
	/** The record the event is about: an order, refund, fulfillment order, fulfillment or inventory level. */
	id: string;
}

export class StoreInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'StoreInputError';
	}
}

/** What the domain modules (routing, refunds, returns, inventory) work on: the shop's state and its helpers. */
export interface StoreState {
	shop: ShopRecord;
	locations: LocationRecord[];
	products: ProductRecord[];
	variants: VariantRecord[];
	inventoryItems: InventoryItemRecord[];
	inventoryLevels: InventoryLevelRecord[];
	customers: CustomerRecord[];
	orders: OrderRecord[];
	refunds: RefundRecord[];
	fulfillmentOrders: FulfillmentOrderRecord[];
	fulfillments: FulfillmentRecord[];
	returns: ReturnRecord[];
	now: () => Date;
	announce(topic: string, id: string): void;
	newGid(type: string): string;
	timestamp(): string;
	variantBySku(sku: string): VariantRecord | undefined;
	inventoryLevel(inventoryItemId: string, locationId: string): InventoryLevelRecord | undefined;
	setQuantities(
		inventoryItemId: string,
		locationId: string,
		quantities: Partial<Record<QuantityName, number>>,
	): InventoryLevelRecord;
	order(id: string): OrderRecord | undefined;
	touch(order: OrderRecord): void;
}
