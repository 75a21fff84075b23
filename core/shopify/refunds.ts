/**
 * Refunds: Shopify's suggested refund for chosen lines, and refundCreate under `@idempotent`.
 * The money to return comes from the suggestion's transactions (gateway, parent, presentment
 * amount), so the caller only says which lines, whether to restock and whether shipping goes back.
 * Without an explicit key, the key is derived from the order and the request as written: running
 * the same refund again (a retry, a replayed webhook) refunds once. Shopify's `@idempotent` only
 * replays a request with identical arguments, and the suggested transactions change once money
 * went back, so the key is also written into the refund's note and an existing refund carrying it
 * is returned instead of refunding again.
 */
import { createHash } from 'node:crypto';

import type { ShopifyAdminClient } from './client';
import {
	ORDER_REFUNDS_QUERY,
	REFUND_CREATE_MUTATION,
	SUGGESTED_REFUND_QUERY,
} from './documents/refunds';
import { parseLineSpec, resolveLines, LineSpecError } from './line-spec';
import { fetchOrder } from './orders';
import { assertNoUserErrors } from './user-errors';

type Json = Record<string, unknown>;

export type RestockType = 'NO_RESTOCK' | 'CANCEL' | 'RETURN';

export interface RefundRequest {
	orderId: string;
	/** `SKU=qty, …`; empty refunds no lines (shipping or nothing). */
	lines: string;
	restockType: RestockType;
	locationId?: string;
	refundShipping: boolean;
	note?: string;
	notify?: boolean;
	/** Move money back (the suggested transactions), or only record the refund. */
	returnMoney: boolean;
	idempotencyKey?: string;
}

interface OrderLine {
	id: string;
	sku: string | null;
	refundableQuantity: number;
}

async function refundLineItems(
	client: ShopifyAdminClient,
	request: RefundRequest,
): Promise<{ order: Json; lines: Json[] }> {
	const order = await fetchOrder(client, request.orderId);
	if (!order) throw new LineSpecError(`Shopify has no order ${request.orderId}`);
	if (request.lines.trim() === '') return { order, lines: [] };
	const candidates = ((order.lineItems as { nodes: OrderLine[] }).nodes ?? []).map((line) => ({
		id: line.id,
		sku: line.sku,
		available: line.refundableQuantity,
	}));
	const resolved = resolveLines(
		parseLineSpec(request.lines),
		candidates,
		`Order ${String(order.name)}`,
	);
	return {
		order,
		lines: resolved.map(({ id, quantity }) => ({
			lineItemId: id,
			quantity,
			restockType: request.restockType,
			...(request.restockType !== 'NO_RESTOCK' && request.locationId
				? { locationId: request.locationId }
				: {}),
		})),
	};
}

export async function suggestRefund(
	client: ShopifyAdminClient,
	request: RefundRequest,
): Promise<Json> {
	const { lines } = await refundLineItems(client, request);
	const { order } = await client.request<{ order: { suggestedRefund: Json } | null }>(
		SUGGESTED_REFUND_QUERY,
		{
			id: request.orderId,
			lines,
			refundShipping: request.refundShipping,
		},
	);
	if (!order) throw new LineSpecError(`Shopify has no order ${request.orderId}`);
	return { orderId: request.orderId, refundLineItems: lines, ...order.suggestedRefund };
}

export function refundIdempotencyKey(request: RefundRequest): string {
	const lines = parseLineSpec(request.lines).map(
		(line) => `${line.ref.toLowerCase()}=${line.quantity ?? 'all'}`,
	);
	const content = JSON.stringify([
		request.orderId,
		lines,
		request.restockType,
		request.refundShipping,
		request.returnMoney,
		request.note ?? '',
	]);
	return `orderflow-refund-${createHash('sha256').update(content).digest('hex').slice(0, 32)}`;
}

const KEY_MARKER = 'orderflow-key:';

/** A refund of the order already made under this key (its note carries the key). */
async function refundWithKey(
	client: ShopifyAdminClient,
	orderId: string,
	key: string,
): Promise<Json | undefined> {
	const { order } = await client.request<{ order: { refunds: Json[] } | null }>(
		ORDER_REFUNDS_QUERY,
		{ id: orderId },
	);
	return order?.refunds.find((refund) => String(refund.note ?? '').includes(`${KEY_MARKER}${key}`));
}

export async function createRefund(
	client: ShopifyAdminClient,
	request: RefundRequest,
): Promise<Json> {
	const key = request.idempotencyKey || refundIdempotencyKey(request);
	const existing = await refundWithKey(client, request.orderId, key);
	if (existing) return { ...existing, idempotencyKey: key, replayed: true };
	const { order, lines } = await refundLineItems(client, request);
	if (lines.length === 0 && !request.refundShipping) {
		throw new LineSpecError(
			'The refund has neither lines nor shipping: name the lines to refund or refund the shipping',
		);
	}
	const { order: suggested } = await client.request<{ order: { suggestedRefund: Json } }>(
		SUGGESTED_REFUND_QUERY,
		{
			id: request.orderId,
			lines,
			refundShipping: request.refundShipping,
		},
	);
	const suggestion = suggested.suggestedRefund as {
		shipping?: { amountSet?: { presentmentMoney?: { amount: string } } };
		suggestedTransactions?: Array<{
			gateway: string;
			kind: string;
			amountSet: { presentmentMoney: { amount: string } };
			parentTransaction?: { id: string } | null;
		}>;
	};
	const transactions = request.returnMoney
		? (suggestion.suggestedTransactions ?? [])
				.filter((transaction) => Number(transaction.amountSet.presentmentMoney.amount) > 0)
				.map((transaction) => ({
					orderId: request.orderId,
					gateway: transaction.gateway,
					kind: 'REFUND',
					amount: transaction.amountSet.presentmentMoney.amount,
					parentId: transaction.parentTransaction?.id ?? null,
				}))
		: [];
	const input: Json = {
		orderId: request.orderId,
		currency: order.presentmentCurrencyCode,
		note: [request.note, `${KEY_MARKER}${key}`].filter(Boolean).join(' '),
		notify: request.notify ?? false,
		refundLineItems: lines,
		transactions,
		...(request.refundShipping ? { shipping: { fullRefund: true } } : {}),
	};
	const result = await client.request<{ refundCreate: Json }>(REFUND_CREATE_MUTATION, {
		input,
		key,
	});
	const payload = assertNoUserErrors('refundCreate', result.refundCreate);
	return {
		...(payload.refund as Json),
		idempotencyKey: key,
		replayed: false,
		orderFinancialStatus: (payload.order as Json | null)?.displayFinancialStatus ?? null,
	};
}
