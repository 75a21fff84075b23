/**
 * Which items need a person's decision. Each rule looks at one item and says whether it fires
 * and why, in words the decision page shows. Amounts are compared in minor units of their own
 * currency: a threshold is given per currency, and an amount in a currency without a threshold
 * needs a decision (never silently passes).
 */
import { readShopifyRefund, creditMemoFor } from '../contract/credit-memo';
import { formatFixedDecimal, toMinorUnits } from '../money';
import { shopifyObjectOf } from '../shopify/item';

export type RuleName = 'refundAbove' | 'addressChangedAfterDispatch' | 'belowSafetyStock' | 'moneyMoved' | 'custom';

export interface FiredRule {
	rule: RuleName;
	reason: string;
}

/** `EUR 500, USD 550, JPY 80000` → minor units per currency. */
export function parseThresholds(text: string): Map<string, number> {
	const thresholds = new Map<string, number>();
	for (const entry of text.split(/[,;\n]/).map((part) => part.trim()).filter(Boolean)) {
		const match = /^([A-Za-z]{3})\s+(\d+(?:\.\d+)?)$/.exec(entry) ?? /^(\d+(?:\.\d+)?)\s+([A-Za-z]{3})$/.exec(entry)?.slice(0, 3).reverse();
		if (!match) throw new Error(`"${entry}" is not a threshold: write it as currency and amount, e.g. EUR 500`);
		const currency = (match.length === 3 && /^[A-Za-z]{3}$/.test(match[1]) ? match[1] : match[2]).toUpperCase();
		const amount = /^[A-Za-z]{3}$/.test(match[1]) ? match[2] : match[1];
		thresholds.set(currency, toMinorUnits(amount, currency));
	}
	return thresholds;
}

export interface RefundAmount {
	minor: number;
	currency: string;
	display: string;
}

type Json = Record<string, unknown>;

/** The refunded total of a refund item (Shopify refund payload or GraphQL refund), in shop currency. */
export function refundAmount(item: Json): RefundAmount | undefined {
	const read = readShopifyRefund(item);
	if (!read.ok) return undefined;
	const total = creditMemoFor(read.refund, '').total.shop;
	return { minor: total.amount, currency: total.currency, display: `${formatFixedDecimal(total.amount, total.currency)} ${total.currency}` };
}

export function refundAboveThreshold(amount: RefundAmount | undefined, thresholds: Map<string, number>): FiredRule | undefined {
	if (!amount) return undefined;
	const limit = thresholds.get(amount.currency);
	if (limit === undefined) return { rule: 'refundAbove', reason: `refund of ${amount.display}: no threshold is set for ${amount.currency}` };
	return amount.minor > limit ? { rule: 'refundAbove', reason: `refund of ${amount.display} is above ${formatFixedDecimal(limit, amount.currency)} ${amount.currency}` } : undefined;
}

function addressText(address: unknown): string {
	if (!address || typeof address !== 'object') return '';
	const a = address as Json;
	return [a.address1 ?? a.line1, a.address2 ?? a.line2, a.zip ?? a.postalCode, a.city, a.country_code ?? a.countryCodeV2 ?? a.country]
		.map((part) => String(part ?? '').trim().toLowerCase().replace(/\s+/g, ' '))
		.join('|');
}

/** Shopify says (part of) the order left: fulfillment status in a webhook payload or a GraphQL order. */
export function isDispatched(item: Json): boolean {
	const source = shopifyObjectOf(item);
	return (
		item.dispatched === true ||
		['fulfilled', 'partial'].includes(String(source.fulfillment_status ?? '')) ||
		['FULFILLED', 'PARTIALLY_FULFILLED'].includes(String(source.displayFulfillmentStatus ?? ''))
	);
}

export function addressChangedAfterDispatch(dispatched: boolean, current: unknown, dispatchedTo: unknown): FiredRule | undefined {
	if (!dispatched || !dispatchedTo) return undefined;
	return addressText(current) !== addressText(dispatchedTo)
		? { rule: 'addressChangedAfterDispatch', reason: 'the shipping address changed after the order was dispatched' }
		: undefined;
}

export function belowSafetyStock(available: unknown, safetyStock: unknown): FiredRule | undefined {
	const quantity = Number(available);
	const safety = Number(safetyStock);
	if (available === '' || safetyStock === '' || available === undefined || safetyStock === undefined || Number.isNaN(quantity) || Number.isNaN(safety)) return undefined;
	return quantity < safety ? { rule: 'belowSafetyStock', reason: `available ${quantity} is below the safety stock of ${safety}` } : undefined;
}

const MONEY_KINDS = new Set(['refund', 'capture', 'sale', 'void', 'change']);

/** Any refund, capture or transaction moves money. */
export function moneyMoved(item: Json): FiredRule | undefined {
	const source = shopifyObjectOf(item);
	if (readShopifyRefund(item).ok) return { rule: 'moneyMoved', reason: 'a refund moves money' };
	const kind = String(source.kind ?? '').toLowerCase();
	if (MONEY_KINDS.has(kind)) return { rule: 'moneyMoved', reason: `a ${kind} transaction moves money` };
	return undefined;
}
