/**
 * How much a refund is, read so that a rule can never pass on what it could not read. The money
 * that moved is the refund's successful or pending refund transactions; it is compared with what
 * the refund says it refunds (lines, their tax, shipping). The larger of the two is held against
 * the thresholds, and a difference between them is shown to the approver. A refund whose amount
 * cannot be read at all is reported as such, so the rule asks a person instead of passing.
 */
import { formatFixedDecimal, toMinorUnits } from '../money';
import { shopifyObjectOf } from '../shopify/item';

export interface RefundAmount {
	minor: number;
	currency: string;
	display: string;
}

export type RefundAmountRead =
	| {
			ok: true;
			amount: RefundAmount;
			moved: RefundAmount | null;
			itemised: RefundAmount | null;
			discrepancy: string | null;
	  }
	| { ok: false; reason: string };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Shopify payloads are read field by field and checked

const MOVED_STATUSES = new Set(['success', 'pending']);

export function money(minor: number, currency: string): RefundAmount {
	return { minor, currency, display: `${formatFixedDecimal(minor, currency)} ${currency}` };
}

class Unreadable extends Error {}

function list(value: unknown, what: string): Json[] {
	const items = Array.isArray(value)
		? value
		: value && typeof value === 'object' && Array.isArray((value as Json).nodes)
			? (value as Json).nodes
			: value === undefined || value === null
				? []
				: undefined;
	if (!items) throw new Unreadable(`${what} is not a list`);
	return items as Json[];
}

function amountOf(value: unknown, currency: unknown, what: string): RefundAmount {
	const code = String(currency ?? '').toUpperCase();
	if (!/^[A-Z]{3}$/.test(code)) throw new Unreadable(`${what} has no currency`);
	if (typeof value !== 'string' && typeof value !== 'number')
		throw new Unreadable(`${what} has no amount`);
	try {
		return money(toMinorUnits(value, code), code);
	} catch (error) {
		throw new Unreadable(`${what}: ${(error as Error).message}`);
	}
}

/** The money a refund transaction moved, REST (`amount`, `currency`) or GraphQL (`amountSet`). */
function transactionAmount(transaction: Json, index: number): RefundAmount | undefined {
	const kind = String(transaction.kind ?? '').toLowerCase();
	const status = String(transaction.status ?? '').toLowerCase();
	if (kind !== 'refund' || !MOVED_STATUSES.has(status)) return undefined;
	const set = transaction.amountSet?.presentmentMoney ?? transaction.amountSet?.shopMoney;
	return set
		? amountOf(set.amount, set.currencyCode, `transaction ${index + 1}`)
		: amountOf(transaction.amount, transaction.currency, `transaction ${index + 1}`);
}

/** A money set in the wanted currency: its presentment or its shop side. */
function setAmount(set: Json | undefined, currency: string, what: string): number {
	if (set === undefined || set === null) return 0;
	const sides = [
		set.presentment_money ?? set.presentmentMoney,
		set.shop_money ?? set.shopMoney,
	].filter(Boolean) as Json[];
	const side = sides.find(
		(candidate) =>
			String(candidate.currency_code ?? candidate.currencyCode ?? '').toUpperCase() === currency,
	);
	if (!side) throw new Unreadable(`${what} has no amount in ${currency}`);
	return amountOf(side.amount, currency, what).minor;
}

function itemisedAmount(refund: Json, currency: string): RefundAmount | null {
	const lines = list(refund.refund_line_items ?? refund.refundLineItems, 'refund_line_items');
	const shipping = list(
		refund.refund_shipping_lines ?? refund.refundShippingLines,
		'refund_shipping_lines',
	);
	if (lines.length === 0 && shipping.length === 0) return null;
	let total = 0;
	lines.forEach((line, index) => {
		total += setAmount(
			line.subtotal_set ?? line.subtotalSet,
			currency,
			`refunded line ${index + 1}`,
		);
		total += setAmount(
			line.total_tax_set ?? line.totalTaxSet,
			currency,
			`tax of refunded line ${index + 1}`,
		);
	});
	shipping.forEach(
		(line, index) =>
			(total += setAmount(
				line.subtotal_amount_set ?? line.subtotalAmountSet,
				currency,
				`refunded shipping line ${index + 1}`,
			)),
	);
	return money(total, currency);
}

function sameCurrency(amounts: RefundAmount[]): string {
	const currencies = [...new Set(amounts.map((amount) => amount.currency))];
	if (currencies.length > 1)
		throw new Unreadable(`its transactions are in several currencies (${currencies.join(', ')})`);
	return currencies[0];
}

function lineCurrency(refund: Json): string {
	const lines = list(refund.refund_line_items ?? refund.refundLineItems, 'refund_line_items');
	const set = lines[0]?.subtotal_set ?? lines[0]?.subtotalSet;
	const side = set?.presentment_money ?? set?.presentmentMoney ?? set?.shop_money ?? set?.shopMoney;
	const code = String(
		side?.currency_code ?? side?.currencyCode ?? refund.currency ?? '',
	).toUpperCase();
	if (!/^[A-Z]{3}$/.test(code))
		throw new Unreadable('it has no refund transactions and no currency');
	return code;
}

export function looksLikeRefund(item: Json): boolean {
	const source = shopifyObjectOf(item);
	return (
		[
			'refund_line_items',
			'refundLineItems',
			'totalRefundedSet',
			'order_adjustments',
			'refund_shipping_lines',
		].some((key) => key in source) ||
		/\/Refund\//.test(String(source.admin_graphql_api_id ?? source.id ?? ''))
	);
}

/** A refund not made yet, as Shopify suggests it (Refund → Calculate): its total is what would move. */
function proposedAmount(refund: Json): RefundAmountRead | undefined {
	if (!('suggestedTransactions' in refund)) return undefined;
	const set = refund.amountSet?.presentmentMoney ?? refund.amountSet?.shopMoney;
	if (!set) throw new Unreadable('the suggested refund has no amount');
	const amount = amountOf(set.amount, set.currencyCode, 'the suggested refund');
	return { ok: true, amount, moved: null, itemised: amount, discrepancy: null };
}

export function readRefundAmount(item: Json): RefundAmountRead {
	const refund = shopifyObjectOf(item);
	if (!looksLikeRefund(item))
		return {
			ok: false,
			reason: 'the item is not a Shopify refund (no refund lines, shipping or transactions)',
		};
	try {
		const proposed = proposedAmount(refund);
		if (proposed) return proposed;
		const moves = list(refund.transactions, 'transactions')
			.map(transactionAmount)
			.filter((amount): amount is RefundAmount => amount !== undefined);
		const currency = moves.length ? sameCurrency(moves) : lineCurrency(refund);
		const moved = moves.length
			? money(
					moves.reduce((total, amount) => total + amount.minor, 0),
					currency,
				)
			: null;
		const itemised = itemisedAmount(refund, currency);
		if (!moved && !itemised)
			return {
				ok: false,
				reason: 'it has no refund transactions and no refunded lines or shipping',
			};
		const amount = !moved
			? itemised!
			: !itemised || moved.minor >= itemised.minor
				? moved
				: itemised;
		const discrepancy =
			moved && itemised && moved.minor !== itemised.minor
				? `Shopify moved ${moved.display}, but the refunded lines, tax and shipping add up to ${itemised.display}`
				: null;
		return { ok: true, amount, moved, itemised, discrepancy };
	} catch (error) {
		if (error instanceof Unreadable) return { ok: false, reason: error.message };
		throw error;
	}
}
