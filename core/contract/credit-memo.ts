/**
 * A Shopify refund (refunds/create payload, or a refund read over GraphQL) as the canonical
 * contract's credit memo: refunded lines with their restock, shipping, and the total, in minor
 * units in shop and presentment currency.
 */
import { shopifyObjectOf } from '../shopify/item';
import { sum, type MoneyPair } from './sales-order';
import { connectionOf, minorUnitsAt, quantityOf, type ConnectionEntry } from './shape';

export interface CreditMemoInput {
	externalRef: string;
	salesOrderId: string;
	currency: string;
	presentmentCurrency: string;
	reason: string | null;
	refundedAt: string;
	lines: Array<{
		lineRef: string;
		sku: string;
		quantity: number;
		amount: MoneyPair;
		tax: MoneyPair;
		restock: boolean;
		restockLocation: string | null;
	}>;
	shipping: MoneyPair;
	total: MoneyPair;
}

export interface RefundView {
	refundId: string;
	orderId: string;
	createdAt: string;
	note: string | null;
	currency: string;
	presentmentCurrency: string;
	lines: CreditMemoInput['lines'];
	shipping: MoneyPair;
}

export type RefundMapping = { ok: true; refund: RefundView } | { ok: false; reasons: string[] };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Shopify payloads are read field by field and checked

const id = (value: unknown) =>
	typeof value === 'number'
		? String(value)
		: typeof value === 'string'
			? (/(\d+)$/.exec(value)?.[1] ?? '')
			: '';

/** A field by its REST or its GraphQL name (`subtotal_set` or `subtotalSet`), with the path it was read at, for errors. */
function fieldOf(
	object: Json | undefined,
	rest: string,
	graphql: string,
	at: string,
): { value: Json; at: string } | undefined {
	if (object?.[rest]) return { value: object[rest] as Json, at: `${at}.${rest}` };
	return object?.[graphql] ? { value: object[graphql] as Json, at: `${at}.${graphql}` } : undefined;
}

function pairOf(
	set: { value: Json; at: string } | undefined,
	shop: string,
	presentment: string,
): MoneyPair {
	const shopMoney = fieldOf(set?.value, 'shop_money', 'shopMoney', set?.at ?? '');
	const presentmentMoney =
		fieldOf(set?.value, 'presentment_money', 'presentmentMoney', set?.at ?? '') ?? shopMoney;
	const code = (money: typeof shopMoney, fallback: string) =>
		String(money?.value.currency_code ?? money?.value.currencyCode ?? fallback);
	const amount = (money: typeof shopMoney, fallback: string) =>
		money ? minorUnitsAt(money.value.amount, code(money, fallback), `${money.at}.amount`) : 0;
	return {
		shop: { amount: amount(shopMoney, shop), currency: code(shopMoney, shop) },
		presentment: {
			amount: amount(presentmentMoney, presentment),
			currency: code(presentmentMoney, presentment),
		},
	};
}

/** The refunded lines of a REST refund (`refund_line_items`) or a GraphQL one (`refundLineItems`). */
export function refundLinesOf(refund: Json): ConnectionEntry[] {
	return refund.refund_line_items != null
		? connectionOf(refund.refund_line_items, 'refund_line_items')
		: connectionOf(refund.refundLineItems, 'refundLineItems');
}

export function readShopifyRefund(item: Json): RefundMapping {
	const refund = shopifyObjectOf(item);
	const refundId = id(refund.admin_graphql_api_id ?? refund.id);
	const orderId = id(refund.order_id ?? refund.order?.id);
	if (!refundId || !/Refund|^\d+$/.test(String(refund.admin_graphql_api_id ?? refund.id)))
		return { ok: false, reasons: ['this is not a Shopify refund (no refund id)'] };
	if (!orderId)
		return { ok: false, reasons: ['the refund does not say which order it belongs to'] };
	const rawLines = refundLinesOf(refund);
	const firstSet = rawLines[0]?.node.subtotal_set ?? rawLines[0]?.node.subtotalSet;
	const shop = String(
		firstSet?.shop_money?.currency_code ??
			firstSet?.shopMoney?.currencyCode ??
			refund.currency ??
			'',
	);
	const presentment = String(
		firstSet?.presentment_money?.currency_code ?? firstSet?.presentmentMoney?.currencyCode ?? shop,
	);
	const reasons: string[] = [];
	if (!shop) reasons.push('the refund has no currency (it refunds no lines)');
	const lines = rawLines.map(({ node: line, at }) => {
		const sku = line.line_item?.sku ?? line.lineItem?.sku;
		if (!sku)
			reasons.push(`refunded line ${id(line.line_item_id ?? line.lineItem?.id)} has no SKU`);
		const restockType = String(line.restock_type ?? line.restockType ?? 'no_restock').toLowerCase();
		return {
			lineRef: `shopify:line-item:${id(line.line_item_id ?? line.lineItem?.id)}`,
			sku: String(sku ?? ''),
			quantity: quantityOf(line.quantity, `${at}.quantity`),
			amount: pairOf(fieldOf(line, 'subtotal_set', 'subtotalSet', at), shop, presentment),
			tax: pairOf(fieldOf(line, 'total_tax_set', 'totalTaxSet', at), shop, presentment),
			restock: restockType === 'return' || restockType === 'cancel',
			restockLocation: line.location_id
				? `shopify:location:${line.location_id}`
				: line.location?.id
					? `shopify:location:${id(line.location.id)}`
					: null,
		};
	});
	if (reasons.length) return { ok: false, reasons };
	const shipping = sum(
		connectionOf(refund.refund_shipping_lines, 'refund_shipping_lines').map(({ node: line, at }) =>
			pairOf(fieldOf(line, 'subtotal_amount_set', 'subtotalAmountSet', at), shop, presentment),
		),
		shop,
		presentment,
	);
	return {
		ok: true,
		refund: {
			refundId,
			orderId,
			createdAt: String(refund.created_at ?? refund.createdAt),
			note: refund.note ?? null,
			currency: shop,
			presentmentCurrency: presentment,
			lines,
			shipping,
		},
	};
}

export function creditMemoFor(refund: RefundView, salesOrderId: string): CreditMemoInput {
	const total = sum(
		[...refund.lines.flatMap((line) => [line.amount, line.tax]), refund.shipping],
		refund.currency,
		refund.presentmentCurrency,
	);
	return {
		externalRef: `shopify:refund:${refund.refundId}`,
		salesOrderId,
		currency: refund.currency,
		presentmentCurrency: refund.presentmentCurrency,
		reason: refund.note,
		refundedAt: refund.createdAt,
		lines: refund.lines,
		shipping: refund.shipping,
		total,
	};
}
