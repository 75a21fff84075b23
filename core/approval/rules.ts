/**
 * Which items need a person's decision. Each rule looks at one item and says whether it fires
 * and why, in words the decision page shows. Amounts are compared in minor units of their own
 * currency: a threshold is given per currency, and an amount in a currency without a threshold
 * needs a decision (never silently passes).
 */
import { toMinorUnits } from '../money';
import { splitList } from '../lists';
import { shopifyObjectOf } from '../shopify/item';
import { looksLikeRefund, money, type RefundAmountRead } from './refund-amount';

export type RuleName =
	| 'refundAbove'
	| 'addressChangedAfterDispatch'
	| 'belowSafetyStock'
	| 'moneyMoved'
	| 'custom';

export interface FiredRule {
	rule: RuleName;
	reason: string;
}

/** `EUR 500, USD 550, JPY 80000` → minor units per currency. */
export function parseThresholds(text: string): Map<string, number> {
	const thresholds = new Map<string, number>();
	for (const entry of splitList(text)) {
		const match =
			/^([A-Za-z]{3})\s+(\d+(?:\.\d+)?)$/.exec(entry) ??
			/^(\d+(?:\.\d+)?)\s+([A-Za-z]{3})$/.exec(entry)?.slice(0, 3).reverse();
		if (!match)
			throw new Error(
				`"${entry}" is not a threshold: write it as currency and amount, e.g. EUR 500`,
			);
		const currency = (
			match.length === 3 && /^[A-Za-z]{3}$/.test(match[1]) ? match[1] : match[2]
		).toUpperCase();
		const amount = /^[A-Za-z]{3}$/.test(match[1]) ? match[2] : match[1];
		thresholds.set(currency, toMinorUnits(amount, currency));
	}
	return thresholds;
}

type Json = Record<string, unknown>;

/**
 * Fires above the currency's threshold, for a currency without one, and for a refund whose amount
 * could not be read; a difference between the money moved and the refund's own lines is named.
 */
export function refundAboveThreshold(
	read: RefundAmountRead,
	thresholds: Map<string, number>,
): FiredRule | undefined {
	if (!read.ok)
		return { rule: 'refundAbove', reason: `could not read the refund amount: ${read.reason}` };
	const { amount, discrepancy } = read;
	const also = discrepancy ? ` (${discrepancy})` : '';
	const limit = thresholds.get(amount.currency);
	if (limit === undefined)
		return {
			rule: 'refundAbove',
			reason: `refund of ${amount.display}: no threshold is set for ${amount.currency}${also}`,
		};
	if (amount.minor > limit)
		return {
			rule: 'refundAbove',
			reason: `refund of ${amount.display} is above ${money(limit, amount.currency).display}${also}`,
		};
	return discrepancy
		? { rule: 'refundAbove', reason: `the refund's amounts disagree: ${discrepancy}` }
		: undefined;
}

function addressText(address: unknown): string {
	if (!address || typeof address !== 'object') return '';
	const a = address as Json;
	return [
		a.address1 ?? a.line1,
		a.address2 ?? a.line2,
		a.zip ?? a.postalCode,
		a.city,
		a.country_code ?? a.countryCodeV2 ?? a.country,
	]
		.map((part) =>
			String(part ?? '')
				.trim()
				.toLowerCase()
				.replace(/\s+/g, ' '),
		)
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

/** Fires when a dispatched order's address differs from where it went, or either cannot be read. */
export function addressChangedAfterDispatch(
	dispatched: boolean,
	current: unknown,
	dispatchedTo: unknown,
): FiredRule | undefined {
	if (!dispatched) return undefined;
	const now = addressText(current);
	const then = addressText(dispatchedTo);
	if (!now || !then) {
		return {
			rule: 'addressChangedAfterDispatch',
			reason: `the order was dispatched, but ${!then ? 'the address it went to' : 'its current address'} could not be read`,
		};
	}
	return now !== then
		? {
				rule: 'addressChangedAfterDispatch',
				reason: 'the shipping address changed after the order was dispatched',
			}
		: undefined;
}

const number = (value: unknown) =>
	typeof value === 'number'
		? value
		: typeof value === 'string' && value.trim() !== ''
			? Number(value)
			: NaN;

/** Fires below the safety stock, and when either quantity is missing or not a number. */
export function belowSafetyStock(available: unknown, safetyStock: unknown): FiredRule | undefined {
	const quantity = number(available);
	const safety = number(safetyStock);
	if (!Number.isFinite(quantity))
		return {
			rule: 'belowSafetyStock',
			reason: `could not read the available stock (${JSON.stringify(available ?? null)})`,
		};
	if (!Number.isFinite(safety))
		return {
			rule: 'belowSafetyStock',
			reason: `could not read the safety stock (${JSON.stringify(safetyStock ?? null)})`,
		};
	return quantity < safety
		? {
				rule: 'belowSafetyStock',
				reason: `available ${quantity} is below the safety stock of ${safety}`,
			}
		: undefined;
}

const MONEY_KINDS = new Set(['refund', 'capture', 'sale', 'void', 'change', 'authorization']);

/**
 * Any refund, capture or transaction moves money: a refund-shaped item, a transaction of a money
 * kind, an item carrying transactions, or a transaction whose kind is unknown all fire.
 */
export function moneyMoved(item: Json): FiredRule | undefined {
	const source = shopifyObjectOf(item);
	if (looksLikeRefund(item)) return { rule: 'moneyMoved', reason: 'a refund moves money' };
	const transactions =
		(source.transactions as { nodes?: unknown[] } | undefined)?.nodes ?? source.transactions;
	if (Array.isArray(transactions) && transactions.length > 0)
		return { rule: 'moneyMoved', reason: `the item carries ${transactions.length} transaction(s)` };
	if (source.kind === undefined) return undefined;
	const kind = String(source.kind).toLowerCase();
	if (MONEY_KINDS.has(kind))
		return { rule: 'moneyMoved', reason: `a ${kind} transaction moves money` };
	return {
		rule: 'moneyMoved',
		reason: `could not tell whether a "${kind}" transaction moves money`,
	};
}
