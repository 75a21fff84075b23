/** A contract sales order (as the ERP holds it, or as a shadow run would have sent it) as a row to compare. */
import type { MoneyPair } from '../contract/sales-order';
import type { FieldSpec } from './rules';
import type { Row } from './values';

export interface ContractSalesOrder {
	externalRef?: string;
	orderNumber?: string;
	entity?: string;
	totals?: { total?: MoneyPair };
	currency?: string;
	presentmentCurrency?: string;
	status?: string;
	lines?: Array<{ sku?: string | null; lineRef?: string; quantity: number }>;
}

const money = (pair: MoneyPair | undefined, side: 'shop' | 'presentment') =>
	pair ? { minor: pair[side].amount, currency: pair[side].currency } : undefined;

export const lineSet = (
	lines: Array<{ sku?: string | null; lineRef?: string; quantity: number }>,
) => lines.map((line) => `${line.sku || line.lineRef}×${line.quantity}`);

export function salesOrderRow(order: ContractSalesOrder): Row {
	return {
		externalRef: order.externalRef,
		orderNumber: order.orderNumber,
		entity: order.entity,
		total: money(order.totals?.total, 'shop'),
		presentmentTotal: money(order.totals?.total, 'presentment'),
		currency: order.currency,
		presentmentCurrency: order.presentmentCurrency,
		// The ERP closes orders Shopify keeps open until archived: both are "not cancelled".
		status: order.status === 'cancelled' ? 'cancelled' : 'open',
		lineCount: order.lines?.length,
		lines: lineSet(order.lines ?? []),
	};
}

/** The fields two sales orders are compared on; the legal entity too when both sides are bookings. */
export function salesOrderFields(
	toleranceMinor: number,
	options: { entity?: boolean } = {},
): FieldSpec[] {
	const field = (name: string, rule: FieldSpec['rule']): FieldSpec => ({
		name,
		pathA: name,
		pathB: name,
		rule,
	});
	return [
		field('total', { kind: 'money', toleranceMinor }),
		field('presentmentTotal', { kind: 'money', toleranceMinor }),
		field('currency', { kind: 'exact' }),
		field('presentmentCurrency', { kind: 'exact' }),
		...(options.entity ? [field('entity', { kind: 'exact' })] : []),
		field('status', { kind: 'exact' }),
		field('lineCount', { kind: 'number' }),
		field('lines', { kind: 'set' }),
	];
}
