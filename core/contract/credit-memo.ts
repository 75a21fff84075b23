/**
 * A Shopify refund (refunds/create payload, or a refund read over GraphQL) as the canonical
 * contract's credit memo: refunded lines with their restock, shipping, and the total, in minor
 * units in shop and presentment currency.
 */
import { toMinorUnits } from '../money';
import { sum, type MoneyPair } from './sales-order';
import { shopifyObjectOf } from '../shopify/item';

export interface CreditMemoInput {
	externalRef: string;
	salesOrderId: string;
	currency: string;
	presentmentCurrency: string;
	reason: string | null;
	refundedAt: string;
	lines: Array<{ lineRef: string; sku: string; quantity: number; amount: MoneyPair; tax: MoneyPair; restock: boolean; restockLocation: string | null }>;
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

const id = (value: unknown) => (typeof value === 'number' ? String(value) : typeof value === 'string' ? (/(\d+)$/.exec(value)?.[1] ?? '') : '');

function pairOf(set: Json | undefined, shop: string, presentment: string): MoneyPair {
	const shopMoney = set?.shop_money ?? set?.shopMoney;
	const presentmentMoney = set?.presentment_money ?? set?.presentmentMoney ?? shopMoney;
	const code = (money: Json | undefined, fallback: string) => String(money?.currency_code ?? money?.currencyCode ?? fallback);
	return {
		shop: { amount: shopMoney ? toMinorUnits(String(shopMoney.amount), code(shopMoney, shop)) : 0, currency: code(shopMoney, shop) },
		presentment: { amount: presentmentMoney ? toMinorUnits(String(presentmentMoney.amount), code(presentmentMoney, presentment)) : 0, currency: code(presentmentMoney, presentment) },
	};
}

export function readShopifyRefund(item: Json): RefundMapping {
	const refund = shopifyObjectOf(item);
	const refundId = id(refund.admin_graphql_api_id ?? refund.id);
	const orderId = id(refund.order_id ?? refund.order?.id);
	const rawLines: Json[] = refund.refund_line_items ?? refund.refundLineItems?.nodes ?? [];
	if (!refundId || !/Refund|^\d+$/.test(String(refund.admin_graphql_api_id ?? refund.id))) return { ok: false, reasons: ['this is not a Shopify refund (no refund id)'] };
	if (!orderId) return { ok: false, reasons: ['the refund does not say which order it belongs to'] };
	const firstSet = rawLines[0]?.subtotal_set ?? rawLines[0]?.subtotalSet;
	const shop = String(firstSet?.shop_money?.currency_code ?? firstSet?.shopMoney?.currencyCode ?? refund.currency ?? '');
	const presentment = String(firstSet?.presentment_money?.currency_code ?? firstSet?.presentmentMoney?.currencyCode ?? shop);
	const reasons: string[] = [];
	if (!shop) reasons.push('the refund has no currency (it refunds no lines)');
	const lines = rawLines.map((line) => {
		const sku = line.line_item?.sku ?? line.lineItem?.sku;
		if (!sku) reasons.push(`refunded line ${id(line.line_item_id ?? line.lineItem?.id)} has no SKU`);
		const restockType = String(line.restock_type ?? line.restockType ?? 'no_restock').toLowerCase();
		return {
			lineRef: `shopify:line-item:${id(line.line_item_id ?? line.lineItem?.id)}`,
			sku: String(sku ?? ''),
			quantity: Number(line.quantity),
			amount: pairOf(line.subtotal_set ?? line.subtotalSet, shop, presentment),
			tax: pairOf(line.total_tax_set ?? line.totalTaxSet, shop, presentment),
			restock: restockType === 'return' || restockType === 'cancel',
			restockLocation: line.location_id ? `shopify:location:${line.location_id}` : line.location?.id ? `shopify:location:${id(line.location.id)}` : null,
		};
	});
	if (reasons.length) return { ok: false, reasons };
	const shipping = sum(
		(refund.refund_shipping_lines ?? []).map((line: Json) => pairOf(line.subtotal_amount_set ?? line.subtotalAmountSet, shop, presentment)),
		shop,
		presentment,
	);
	return { ok: true, refund: { refundId, orderId, createdAt: String(refund.created_at ?? refund.createdAt), note: refund.note ?? null, currency: shop, presentmentCurrency: presentment, lines, shipping } };
}

export function creditMemoFor(refund: RefundView, salesOrderId: string): CreditMemoInput {
	const total = sum([...refund.lines.flatMap((line) => [line.amount, line.tax]), refund.shipping], refund.currency, refund.presentmentCurrency);
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
