/**
 * What a refund of unshipped units means for the warehouse: the contract cancels whole shipment
 * requests only, so a request whose every unit the refund cancelled is cancelled, and a request
 * the refund only shrinks is named for a person to adjust (never silently left to ship). A
 * cancelled order cancels all of its requests not shipped yet.
 */
import { shopifyObjectOf } from '../shopify/item';
import { refundLinesOf } from './credit-memo';
import { quantityOf } from './shape';

export interface OpenShipmentRequest {
	id: string;
	externalRef: string;
	status: string;
	warehouse?: string | null;
	lines: Array<{ lineRef: string; sku: string; quantity: number }>;
}

export interface CancelledUnits {
	sku: string;
	quantity: number;
}

export interface ShrunkRequest {
	request: OpenShipmentRequest;
	/** Units of each SKU the refund cancelled out of this request, e.g. `SOCKS-TRAIL-42: 1 of 4`. */
	changes: Array<{ sku: string; requested: number; cancelled: number }>;
	/** The warehouse already shipped (some of) it: only a recall helps. */
	shipped?: boolean;
}

export interface UnshippedCancellationPlan {
	cancel: OpenShipmentRequest[];
	adjust: ShrunkRequest[];
}

/** Requests the warehouse has not started shipping: only these can be cancelled or shrunk. */
const NOT_SHIPPED = new Set(['received', 'picking']);

/**
 * Units cancelled by refunds of one order, against that order's shipment requests. Cancelled
 * units are taken from the newest request first (the one least likely to be picked already).
 */
export function planUnshippedCancellation(
	requests: OpenShipmentRequest[],
	cancelled: CancelledUnits[],
): UnshippedCancellationPlan {
	const left = new Map<string, number>();
	for (const units of cancelled) left.set(units.sku, (left.get(units.sku) ?? 0) + units.quantity);
	const plan: UnshippedCancellationPlan = { cancel: [], adjust: [] };
	for (const request of [...requests].reverse()) {
		if (!NOT_SHIPPED.has(request.status)) continue;
		const changes = request.lines
			.map((line) => {
				const take = Math.min(line.quantity, left.get(line.sku) ?? 0);
				left.set(line.sku, (left.get(line.sku) ?? 0) - take);
				return { sku: line.sku, requested: line.quantity, cancelled: take };
			})
			.filter((change) => change.cancelled > 0);
		if (changes.length === 0) continue;
		const whole = request.lines.every((line) =>
			changes.some((change) => change.sku === line.sku && change.cancelled === line.quantity),
		);
		if (whole) plan.cancel.push(request);
		else plan.adjust.push({ request, changes });
	}
	return plan;
}

/** A cancelled order: every request not shipped yet is cancelled; one already (partly) shipped is named. */
export function planOrderCancellation(requests: OpenShipmentRequest[]): UnshippedCancellationPlan {
	return {
		cancel: requests.filter((request) => NOT_SHIPPED.has(request.status)),
		adjust: requests
			.filter((request) => request.status === 'shipped' || request.status === 'partially_shipped')
			.map((request) => ({
				request,
				changes: request.lines.map((line) => ({
					sku: line.sku,
					requested: line.quantity,
					cancelled: line.quantity,
				})),
				shipped: true,
			})),
	};
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Shopify payloads are read field by field

/** The item is a cancelled order (orders/cancelled payload, trigger item or GraphQL order), not a refund. */
export function isCancelledOrder(item: Json): boolean {
	const source = shopifyObjectOf(item);
	return (
		Boolean(source.cancelled_at ?? source.cancelledAt) &&
		!(source.refund_line_items ?? source.refundLineItems)
	);
}

/** Units a Shopify refund cancelled before they shipped (restock type cancel), per SKU. */
export function cancelledUnitsOf(item: Json): CancelledUnits[] {
	const refund = shopifyObjectOf(item);
	return refundLinesOf(refund)
		.map(({ node: line, at }) => ({
			sku: line.line_item?.sku ?? line.lineItem?.sku,
			quantity: quantityOf(line.quantity, `${at}.quantity`),
			type: String(line.restock_type ?? line.restockType ?? '').toLowerCase(),
		}))
		.filter((line) => line.type === 'cancel' && line.sku && line.quantity > 0)
		.map((line) => ({ sku: String(line.sku), quantity: line.quantity }));
}
