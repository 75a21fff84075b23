/**
 * Shadow run vs legacy bookings: what a flow run in shadow would have sent to the ERP (Orderflow
 * Ops → Shadow Write → Get Many, side A) against the sales orders the integration it replaces
 * booked (ERP → Sales Order → Get Many, side B). The legacy integration books under its own
 * references, so rows meet on the order number by default. Per order, side A is the newest
 * version the shadow run would have sent, cancelled if it would have cancelled it.
 */
import { salesOrderFields, salesOrderRow, type ContractSalesOrder } from './sales-order-row';
import { oneToOne, type PreparedPreset, type PreparedSide } from './prepared';
import type { Row } from './values';

export type ShadowMatch = 'orderNumber' | 'externalRef';

interface ShadowItem {
	entity?: string;
	method?: string;
	url?: string;
	body?: ContractSalesOrder & { sourceUpdatedAt?: string };
	recordedAt?: string;
}

const rank = (order: { sourceUpdatedAt?: string } | undefined) =>
	Date.parse(order?.sourceUpdatedAt ?? '') || 0;

/** The sales order writes of a shadow run, one row per order; other writes are counted, not compared. */
function shadowSide(items: Row[]): { side: PreparedSide; flags: Record<string, number> } {
	const groups = new Map<
		string,
		{ order?: ShadowItem['body']; cancelled: boolean; sources: number[] }
	>();
	const flags = { notSalesOrders: 0, cancelOnly: 0 };
	items.forEach((raw, index) => {
		const item = raw as ShadowItem;
		const path = String(item.url ?? '')
			.replace(/^https?:\/\/[^/]+/, '')
			.replace(/\?.*$/, '');
		const isCancel = /\/sales-orders\/[^/]+\/cancel$/.test(path);
		const isOrder =
			/\/sales-orders(\/[^/]+)?$/.test(path) && (item.method === 'POST' || item.method === 'PUT');
		if (!isCancel && !isOrder) return void flags.notSalesOrders++;
		const entity = String(item.entity ?? item.body?.externalRef ?? `row ${index + 1}`);
		const group = groups.get(entity) ?? { cancelled: false, sources: [] };
		group.sources.push(index);
		if (isCancel) group.cancelled = true;
		else if (!group.order || rank(item.body) >= rank(group.order)) group.order = item.body;
		groups.set(entity, group);
	});
	const rows: Row[] = [];
	const sources: number[][] = [];
	for (const group of groups.values()) {
		// A cancel of an order booked before the shadow run began: nothing to compare it with.
		if (!group.order) {
			flags.cancelOnly++;
			continue;
		}
		rows.push(salesOrderRow({ ...group.order, status: group.cancelled ? 'cancelled' : 'open' }));
		sources.push(group.sources);
	}
	return { side: { rows, sources, aggregated: true }, flags };
}

export function shadowRun(
	itemsA: Row[],
	itemsB: Row[],
	options: { moneyToleranceMinor?: number; matchOn?: ShadowMatch },
): PreparedPreset {
	const tolerance = options.moneyToleranceMinor ?? 0;
	const key = options.matchOn ?? 'orderNumber';
	const { side: a, flags } = shadowSide(itemsA);
	const b = oneToOne(itemsB, (item) => salesOrderRow(item as ContractSalesOrder));
	return {
		a,
		b,
		spec: {
			key: { pathsA: [key], pathsB: [key] },
			fields: salesOrderFields(tolerance, { entity: true }),
		},
		flags,
	};
}
