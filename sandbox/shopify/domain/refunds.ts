/**
 * Refunds: what may still be refunded, Shopify's suggested refund, and creating a refund with
 * restocking and refund transactions in the presentment currency.
 */
import { convertMinorUnits, MoneyError, toMinorUnits } from '../../../core/money';
import { adjustInventory } from './inventory';
import {
	sumPairs,
	type LineItemRecord,
	type MoneyPair,
	type OrderRecord,
	type RefundRecord,
	type ShopifyStore,
	type TransactionRecord,
} from '../store';

export class RefundError extends Error {
	constructor(
		readonly field: string[],
		message: string,
	) {
		super(message);
	}
}

export interface RefundLineInput {
	lineItemId: string;
	quantity: number;
	restockType?: 'CANCEL' | 'RETURN' | 'NO_RESTOCK' | 'LEGACY_RESTOCK';
	locationId?: string | null;
}

export interface RefundInput {
	orderId: string;
	note?: string | null;
	currency?: string;
	refundLineItems?: RefundLineInput[];
	shipping?: { amount?: string; fullRefund?: boolean };
	transactions?: Array<{
		amount: string;
		gateway: string;
		kind: string;
		orderId: string;
		parentId?: string | null;
	}>;
	allowOverRefunding?: boolean;
}

const pairOf = (shop: number, presentment: number): MoneyPair => ({ shop, presentment });

export function refundedQuantity(store: ShopifyStore, line: LineItemRecord): number {
	return store.refunds
		.flatMap((refund) => refund.lines)
		.filter((refundLine) => refundLine.lineItemId === line.id)
		.reduce((sum, refundLine) => sum + refundLine.quantity, 0);
}

/** The line's price after discounts for `quantity` units, and its tax, pro rata. */
export function lineShare(
	line: LineItemRecord,
	quantity: number,
): { subtotal: MoneyPair; tax: MoneyPair } {
	const share = (total: number) => Math.round((total * quantity) / line.quantity);
	const discounted = (pick: 'shop' | 'presentment') =>
		line.unitPrice[pick] * line.quantity - line.discount[pick];
	const tax = (pick: 'shop' | 'presentment') =>
		line.taxLines.reduce((sum, taxLine) => sum + taxLine.price[pick], 0);
	return {
		subtotal: pairOf(share(discounted('shop')), share(discounted('presentment'))),
		tax: pairOf(share(tax('shop')), share(tax('presentment'))),
	};
}

function refundedOf(order: OrderRecord, kind: 'shop' | 'presentment', parentId?: string): number {
	return order.transactions
		.filter(
			(t) =>
				t.kind === 'REFUND' &&
				t.status === 'SUCCESS' &&
				(parentId === undefined || t.parentId === parentId),
		)
		.reduce((sum, t) => sum + t.amount[kind], 0);
}

/** Paid transactions that can take refunds, with what each can still take (presentment money). */
export function refundableTransactions(
	order: OrderRecord,
): Array<{ transaction: TransactionRecord; remaining: number }> {
	return order.transactions
		.filter((t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS')
		.map((transaction) => ({
			transaction,
			remaining: transaction.amount.presentment - refundedOf(order, 'presentment', transaction.id),
		}))
		.filter((entry) => entry.remaining > 0);
}

export interface SuggestedRefund {
	lines: Array<{
		line: LineItemRecord;
		quantity: number;
		restockType: string;
		subtotal: MoneyPair;
		tax: MoneyPair;
		locationId: string | null;
	}>;
	shipping: MoneyPair;
	maximumShipping: MoneyPair;
	subtotal: MoneyPair;
	tax: MoneyPair;
	amount: MoneyPair;
	maximumRefundable: MoneyPair;
	transactions: Array<{ transaction: TransactionRecord; amount: MoneyPair }>;
}

type SuggestedLine = SuggestedRefund['lines'][number];

/** The lines asked for (every unrefunded unit for a full refund), capped at what is left of each. */
function suggestedLines(
	store: ShopifyStore,
	order: OrderRecord,
	input: { refundLineItems?: RefundLineInput[]; suggestFullRefund?: boolean },
): SuggestedLine[] {
	const requested: RefundLineInput[] = input.suggestFullRefund
		? order.lineItems.map((line) => ({
				lineItemId: line.id,
				quantity: line.quantity - refundedQuantity(store, line),
			}))
		: (input.refundLineItems ?? []);
	return requested
		.filter((entry) => entry.quantity > 0)
		.map((entry) => {
			const line = order.lineItems.find((candidate) => candidate.id === entry.lineItemId);
			if (!line)
				throw new RefundError(
					['refundLineItems'],
					`Line item ${entry.lineItemId} is not part of ${order.name}`,
				);
			const quantity = Math.min(entry.quantity, line.quantity - refundedQuantity(store, line));
			return {
				line,
				quantity,
				restockType: entry.restockType ?? 'NO_RESTOCK',
				locationId: entry.locationId ?? null,
				...lineShare(line, quantity),
			};
		});
}

/** Shipping paid (with its tax) less the shipping earlier refunds gave back. */
function refundableShipping(store: ShopifyStore, order: OrderRecord): MoneyPair {
	const paid = sumPairs(
		order.shippingLines.map((line) => {
			const tax = sumPairs(line.taxLines.map((taxLine) => taxLine.price));
			return pairOf(line.price.shop + tax.shop, line.price.presentment + tax.presentment);
		}),
	);
	const refunded = sumPairs(
		store.refunds.filter((refund) => refund.orderId === order.id).map((refund) => refund.shipping),
	);
	return pairOf(paid.shop - refunded.shop, paid.presentment - refunded.presentment);
}

/** Splits an amount over the original payments: card first, gift card last. */
function allocateToPayments(
	order: OrderRecord,
	refundable: ReturnType<typeof refundableTransactions>,
	presentment: number,
): SuggestedRefund['transactions'] {
	let left = presentment;
	const ordered = [...refundable].sort(
		(a, b) =>
			Number(a.transaction.gateway === 'gift_card') - Number(b.transaction.gateway === 'gift_card'),
	);
	return ordered.flatMap((entry) => {
		const take = Math.min(left, entry.remaining);
		left -= take;
		return take > 0
			? [{ transaction: entry.transaction, amount: pairOf(toShop(order, take), take) }]
			: [];
	});
}

export function suggestRefund(
	store: ShopifyStore,
	order: OrderRecord,
	input: {
		refundLineItems?: RefundLineInput[];
		refundShipping?: boolean;
		suggestFullRefund?: boolean;
	},
): SuggestedRefund {
	const lines = suggestedLines(store, order, input);
	const maximumShipping = refundableShipping(store, order);
	const shipping = input.refundShipping || input.suggestFullRefund ? maximumShipping : pairOf(0, 0);
	const subtotal = sumPairs(lines.map((entry) => entry.subtotal));
	const tax = order.taxesIncluded ? pairOf(0, 0) : sumPairs(lines.map((entry) => entry.tax));
	const amount = pairOf(
		subtotal.shop + tax.shop + shipping.shop,
		subtotal.presentment + tax.presentment + shipping.presentment,
	);
	const refundable = refundableTransactions(order);
	const maximumRefundable = sumPairs(
		refundable.map((entry) =>
			pairOf(Math.round(entry.remaining / order.exchangeRate), entry.remaining),
		),
	);
	const transactions = allocateToPayments(
		order,
		refundable,
		Math.min(amount.presentment, maximumRefundable.presentment),
	);
	return {
		lines,
		shipping,
		maximumShipping,
		subtotal,
		tax,
		amount,
		maximumRefundable,
		transactions,
	};
}

function toShop(order: OrderRecord, presentment: number): number {
	return convertMinorUnits(
		presentment,
		order.presentmentCurrencyCode,
		order.currencyCode,
		1 / order.exchangeRate,
	);
}

/** The order refunded; an order paid in another currency is refunded in that one. */
function orderToRefund(store: ShopifyStore, input: RefundInput): OrderRecord {
	const order = store.order(input.orderId);
	if (!order) throw new RefundError(['orderId'], 'Order does not exist');
	if (
		order.presentmentCurrencyCode !== order.currencyCode &&
		input.currency !== order.presentmentCurrencyCode
	) {
		throw new RefundError(
			['currency'],
			`Currency must be ${order.presentmentCurrencyCode}, the currency the order was paid in`,
		);
	}
	return order;
}

function checkRefundableQuantities(
	store: ShopifyStore,
	order: OrderRecord,
	lines: RefundLineInput[],
): void {
	for (const entry of lines) {
		const line = order.lineItems.find((candidate) => candidate.id === entry.lineItemId)!;
		const refundable = line.quantity - refundedQuantity(store, line);
		if (entry.quantity > refundable) {
			throw new RefundError(
				['refundLineItems', 'quantity'],
				`Quantity cannot refund more items than were purchased (${refundable} left of ${line.sku ?? line.name})`,
			);
		}
	}
}

/** Shipping to refund (presentment minor units): all that is left, or an amount up to that. */
function shippingToRefund(
	input: RefundInput,
	order: OrderRecord,
	maximumShipping: MoneyPair,
): number {
	const presentment = input.shipping?.fullRefund
		? maximumShipping.presentment
		: input.shipping?.amount
			? parseAmount(input.shipping.amount, order.presentmentCurrencyCode, ['shipping', 'amount'])
			: 0;
	if (presentment > maximumShipping.presentment) {
		throw new RefundError(
			['shipping', 'amount'],
			'Shipping refund amount is more than the shipping that can be refunded',
		);
	}
	return presentment;
}

/** The REFUND transactions asked for, each within what its parent payment can still take. */
function refundTransactionsOf(
	store: ShopifyStore,
	order: OrderRecord,
	input: RefundInput,
	at: string,
): TransactionRecord[] {
	const refundable = refundableTransactions(order);
	return (input.transactions ?? []).map((requested, index) => {
		const field = ['transactions', String(index)];
		if (requested.kind !== 'REFUND')
			throw new RefundError([...field, 'kind'], 'Only REFUND transactions can be part of a refund');
		const amount = parseAmount(requested.amount, order.presentmentCurrencyCode, [
			...field,
			'amount',
		]);
		const parent = requested.parentId
			? refundable.find((entry) => entry.transaction.id === requested.parentId)
			: undefined;
		if (requested.parentId && !parent) {
			throw new RefundError([...field, 'parentId'], 'Parent transaction cannot take a refund');
		}
		if (parent && amount > parent.remaining && !input.allowOverRefunding) {
			throw new RefundError(
				[...field, 'amount'],
				`Amount exceeds what the parent transaction can refund (${parent.remaining} minor units)`,
			);
		}
		return {
			id: store.newGid('OrderTransaction'),
			kind: 'REFUND',
			status: 'SUCCESS',
			gateway: requested.gateway,
			processedAt: at,
			amount: pairOf(toShop(order, amount), amount),
			parentId: requested.parentId ?? null,
		};
	});
}

/** Lines returned or cancelled to a location go back into its available stock. */
function restockRefundLines(store: ShopifyStore, order: OrderRecord, refund: RefundRecord): void {
	for (const line of refund.lines) {
		const lineItem = order.lineItems.find((candidate) => candidate.id === line.lineItemId)!;
		const variant = store.variants.find((candidate) => candidate.id === lineItem.variantId);
		if (
			(line.restockType === 'RETURN' || line.restockType === 'CANCEL') &&
			line.locationId &&
			variant
		) {
			adjustInventory(store, variant.inventoryItemId, line.locationId, 'available', line.quantity);
			line.restocked = true;
		}
	}
}

export function createRefund(store: ShopifyStore, input: RefundInput): RefundRecord {
	const order = orderToRefund(store, input);
	const suggested = suggestRefund(store, order, { refundLineItems: input.refundLineItems });
	checkRefundableQuantities(store, order, input.refundLineItems ?? []);
	const shippingPresentment = shippingToRefund(input, order, suggested.maximumShipping);
	const at = store.timestamp();
	const newTransactions = refundTransactionsOf(store, order, input, at);
	const refund: RefundRecord = {
		id: store.newGid('Refund'),
		orderId: order.id,
		createdAt: at,
		note: input.note ?? null,
		lines: suggested.lines.map((entry) => ({
			id: store.newGid('RefundLineItem'),
			lineItemId: entry.line.id,
			quantity: entry.quantity,
			restockType: entry.restockType as RefundRecord['lines'][number]['restockType'],
			locationId: entry.locationId,
			restocked: false,
			subtotal: entry.subtotal,
			tax: entry.tax,
		})),
		shipping: pairOf(toShop(order, shippingPresentment), shippingPresentment),
		transactionIds: newTransactions.map((transaction) => transaction.id),
		returnId: null,
	};
	restockRefundLines(store, order, refund);
	order.transactions.push(...newTransactions);
	store.refunds.push(refund);
	store.announce('REFUNDS_CREATE', refund.id);
	store.touch(order);
	return refund;
}

function parseAmount(amount: string, currency: string, field: string[]): number {
	try {
		const minor = toMinorUnits(amount, currency);
		if (minor < 0) throw new MoneyError('negative');
		return minor;
	} catch (error) {
		throw new RefundError(
			field,
			`Amount ${amount} is not a valid ${currency} amount: ${(error as Error).message}`,
		);
	}
}
