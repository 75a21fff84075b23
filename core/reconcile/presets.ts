/**
 * Presets: what Shopify and the ERP (the canonical contract) each send, projected onto one
 * record per key so the same fields can be compared on both sides. Projections reuse the contract
 * mapping, so a Shopify order is read exactly as the ERP node would book it.
 */
import { readShopifyRefund, creditMemoFor } from '../contract/credit-memo';
import { externalRefOf, type MoneyPair } from '../contract/sales-order';
import { describeValue } from '../contract/shape';
import { splitList } from '../lists';
import { readShopifyOrder, type AmountPair, type OrderView } from '../contract/shopify-order';
import { MoneyError, toMinorUnits } from '../money';
import { keyReader, type ReconcileSpec } from './engine';
import {
	lineSet,
	salesOrderFields,
	salesOrderRow,
	type ContractSalesOrder,
} from './sales-order-row';
import { oneToOne, type PreparedPreset, type PreparedSide } from './prepared';
import { shadowRun, type ShadowMatch } from './shadow-preset';

export type { PreparedPreset, PreparedSide } from './prepared';
import type { Row } from './values';

export type PresetName = 'orders' | 'inventory' | 'refunds' | 'skuMaster' | 'shadowRun';

export interface PresetOptions {
	/** Money differences up to this many minor units count as equal (rounding). */
	moneyToleranceMinor?: number;
	/** Inventory: quantity differences up to this count as equal. */
	quantityTolerance?: number;
	/** Inventory: Shopify location → ERP location code. */
	locationMap?: Record<string, string>;
	/** Shadow run: what a shadow order and a legacy booking meet on. */
	matchOn?: ShadowMatch;
}

function orders(itemsA: Row[], itemsB: Row[], options: PresetOptions): PreparedPreset {
	const tolerance = options.moneyToleranceMinor ?? 0;
	const amount = (pair: AmountPair | null, side: 'shop' | 'presentment', field: string) => {
		if (!pair) return undefined;
		try {
			return {
				minor: toMinorUnits(pair[side].amount, pair[side].currency),
				currency: pair[side].currency,
			};
		} catch (error) {
			throw new MoneyError(`${field}: ${(error as Error).message}`);
		}
	};
	const orderRow = (order: OrderView): Row => ({
		// The reference the ERP node books an order under (see the contract's externalRef).
		externalRef: externalRefOf(order.id),
		orderNumber: order.name,
		total: amount(order.totals.total, 'shop', 'total'),
		presentmentTotal: amount(order.totals.total, 'presentment', 'presentmentTotal'),
		currency: order.currency,
		presentmentCurrency: order.presentmentCurrency,
		status: order.cancelledAt ? 'cancelled' : 'open',
		lineCount: order.lines.length,
		lines: lineSet(order.lines),
	});
	// An order that cannot be read, or whose total is not an amount, is a row with the problem.
	const a = oneToOne(itemsA, (item) => {
		try {
			return orderRow(readShopifyOrder(item));
		} catch (error) {
			return { problem: (error as Error).message };
		}
	});
	const b = oneToOne(itemsB, (item) => salesOrderRow(item as ContractSalesOrder));
	return {
		a,
		b,
		spec: {
			key: { pathsA: ['externalRef'], pathsB: ['externalRef'] },
			fields: salesOrderFields(tolerance),
		},
		flags: {},
	};
}

/** Inventory's parts: each side's row from an item, the spec, and the below-safety-stock finding. */
export function inventoryParts(options: PresetOptions) {
	const locationMap = options.locationMap ?? {};
	const mapLocation = (location: unknown) => {
		const text = String(location ?? '');
		return (
			locationMap[text] ?? locationMap[text.replace(/^gid:\/\/shopify\/Location\//, '')] ?? text
		);
	};
	const spec: ReconcileSpec = {
		key: { pathsA: ['sku', 'location'], pathsB: ['sku', 'location'], normalise: true },
		fields: [
			{
				name: 'available',
				pathA: 'available',
				pathB: 'available',
				rule: { kind: 'number', absolute: options.quantityTolerance ?? 0 },
			},
		],
	};
	return {
		spec,
		rowA: (item: Row): Row => {
			const quantities = (item.quantities ?? {}) as Record<string, number>;
			return {
				sku: item.sku,
				location: mapLocation(item.locationId ?? item.location),
				available: quantities.available ?? item.available,
				safetyStock: quantities.safety_stock,
			};
		},
		rowB: (item: Row): Row => ({
			sku: item.sku,
			location: item.location ?? item.warehouse,
			available: item.available,
			safetyStock: item.safetyStock,
		}),
		/** Below safety stock in the source of truth (or, without one there, in the ERP). */
		belowSafetyStock: (a: Row, b: Row | undefined): boolean => {
			const safety = Number(a.safetyStock ?? b?.safetyStock);
			return Number.isFinite(safety) && Number(a.available) < safety;
		},
	};
}

function inventory(itemsA: Row[], itemsB: Row[], options: PresetOptions): PreparedPreset {
	const parts = inventoryParts(options);
	let belowSafetyStock = 0;
	const a = oneToOne(itemsA, parts.rowA);
	const b = oneToOne(itemsB, parts.rowB);
	// A row's partner as the join pairs them (keys normalised; of a key seen twice, the first).
	const keyA = keyReader(parts.spec.key.pathsA, true);
	const keyB = keyReader(parts.spec.key.pathsB, true);
	const byKey = new Map<string, Row>();
	for (const row of b.rows) {
		const key = keyB(row);
		if (key !== undefined && !byKey.has(key)) byKey.set(key, row);
	}
	for (const row of a.rows) {
		const key = keyA(row);
		const below = parts.belowSafetyStock(row, key === undefined ? undefined : byKey.get(key));
		row.belowSafetyStock = below;
		if (below) belowSafetyStock++;
	}
	return { a, b, spec: parts.spec, flags: { belowSafetyStock } };
}

/** Refunds (or credit memos) summed per order: one row per order, with the items it sums. */
class RefundGroups {
	private readonly groups = new Map<string, { row: Row; sources: number[] }>();
	private readonly unreadable: PreparedSide = { rows: [], sources: [] };

	add(
		orderRef: string,
		index: number,
		amount: { minor: number; currency: string },
		reference: string,
	): void {
		const group = this.groups.get(orderRef) ?? {
			row: {
				orderRef: orderRef || undefined,
				refunded: { minor: 0, currency: amount.currency },
				count: 0,
				refunds: [] as string[],
			},
			sources: [],
		};
		(group.row.refunded as { minor: number }).minor += amount.minor;
		group.row.count = Number(group.row.count) + 1;
		(group.row.refunds as string[]).push(reference);
		group.sources.push(index);
		this.groups.set(orderRef, group);
	}

	/** An item that cannot be read: a row of its own with the problem. */
	problem(index: number, text: string): void {
		this.unreadable.rows.push({ problem: text });
		this.unreadable.sources.push([index]);
	}

	side(): PreparedSide {
		const groups = [...this.groups.values()];
		return {
			aggregated: true,
			rows: [...groups.map((group) => group.row), ...this.unreadable.rows],
			sources: [...groups.map((group) => group.sources), ...this.unreadable.sources],
		};
	}
}

/** Shopify's refunds per order, and which order each refund belongs to. */
function shopifyRefundSide(items: Row[]): {
	side: PreparedSide;
	orderOfRefund: Map<string, string>;
} {
	const groups = new RefundGroups();
	const orderOfRefund = new Map<string, string>();
	items.forEach((item, index) => {
		let read;
		try {
			read = readShopifyRefund(item);
		} catch (error) {
			return groups.problem(index, `the refund cannot be read: ${(error as Error).message}`);
		}
		if (!read.ok) return groups.problem(index, `not a Shopify refund: ${read.reasons.join('; ')}`);
		const { refund } = read;
		const total = creditMemoFor(refund, '').total.shop;
		const orderRef = `shopify:order:${refund.orderId}`;
		orderOfRefund.set(refund.refundId, orderRef);
		groups.add(
			orderRef,
			index,
			{ minor: total.amount, currency: total.currency },
			`shopify:refund:${refund.refundId}`,
		);
	});
	return { side: groups.side(), orderOfRefund };
}

/** The ERP's credit memos per order (found through the refund each memo credits). */
function creditMemoSide(items: Row[], orderOfRefund: Map<string, string>): PreparedSide {
	const groups = new RefundGroups();
	items.forEach((item, index) => {
		const memo = item as { externalRef?: string; total?: MoneyPair };
		const memoAmount: unknown = memo.total?.shop?.amount;
		// Summed, a text amount would be joined as text ("0" + "12.50") and NaN would spread.
		if (memoAmount !== undefined && memoAmount !== null && !Number.isSafeInteger(memoAmount)) {
			const name = String(memo.externalRef ?? `(row ${index + 1} of B)`);
			return groups.problem(
				index,
				`credit memo ${name}: total.shop.amount is ${describeValue(memoAmount)}, not an amount in minor units`,
			);
		}
		const refundId = /^shopify:refund:(\d+)$/.exec(String(memo.externalRef ?? ''))?.[1];
		// A memo whose refund Shopify did not list keeps its own key: it shows up as only in B.
		const orderRef = (refundId && orderOfRefund.get(refundId)) || String(memo.externalRef ?? '');
		const amount = {
			minor: (memoAmount as number | undefined) ?? 0,
			currency: memo.total?.shop?.currency ?? '',
		};
		groups.add(orderRef, index, amount, String(memo.externalRef ?? ''));
	});
	return groups.side();
}

function refunds(itemsA: Row[], itemsB: Row[], options: PresetOptions): PreparedPreset {
	const { side: a, orderOfRefund } = shopifyRefundSide(itemsA);
	const field = (name: string, rule: ReconcileSpec['fields'][number]['rule']) => ({
		name,
		pathA: name,
		pathB: name,
		rule,
	});
	return {
		a,
		b: creditMemoSide(itemsB, orderOfRefund),
		spec: {
			key: { pathsA: ['orderRef'], pathsB: ['orderRef'] },
			fields: [
				field('refunded', { kind: 'money', toleranceMinor: options.moneyToleranceMinor ?? 0 }),
				field('count', { kind: 'number' }),
				field('refunds', { kind: 'set' }),
			],
		},
		flags: {},
	};
}

function skuMaster(itemsA: Row[], itemsB: Row[]): PreparedPreset {
	const a = oneToOne(itemsA, (item) => {
		const product = item.product as { status?: string } | undefined;
		return {
			sku: item.sku,
			barcode: item.barcode ?? null,
			active: product?.status ? product.status === 'ACTIVE' : true,
		};
	});
	const b = oneToOne(itemsB, (item) => ({
		sku: item.sku,
		barcode: item.barcode ?? null,
		active: item.active ?? true,
	}));
	return {
		a,
		b,
		spec: {
			// Matched after trimming and upper-casing; the raw SKU is compared too, so "tshirt-red-m " is reported.
			key: { pathsA: ['sku'], pathsB: ['sku'], normalise: true },
			fields: [
				{ name: 'sku', pathA: 'sku', pathB: 'sku', rule: { kind: 'exact' } },
				{ name: 'barcode', pathA: 'barcode', pathB: 'barcode', rule: { kind: 'text' } },
				{ name: 'active', pathA: 'active', pathB: 'active', rule: { kind: 'exact' } },
			],
		},
		flags: {},
	};
}

export function preparePreset(
	preset: PresetName,
	itemsA: Row[],
	itemsB: Row[],
	options: PresetOptions = {},
): PreparedPreset {
	switch (preset) {
		case 'orders':
			return orders(itemsA, itemsB, options);
		case 'inventory':
			return inventory(itemsA, itemsB, options);
		case 'refunds':
			return refunds(itemsA, itemsB, options);
		case 'skuMaster':
			return skuMaster(itemsA, itemsB);
		case 'shadowRun':
			return shadowRun(itemsA, itemsB, options);
	}
}

/** The custom mode: the items are the rows. */
export function prepareCustom(itemsA: Row[], itemsB: Row[], spec: ReconcileSpec): PreparedPreset {
	return {
		a: oneToOne(itemsA, (item) => item),
		b: oneToOne(itemsB, (item) => item),
		spec,
		flags: {},
	};
}

/** `gid://shopify/Location/1=BER, 2=RTM` → a location map. */
export function parseLocationMap(text: string): Record<string, string> {
	const map: Record<string, string> = {};
	for (const entry of splitList(text)) {
		const [from, to] = entry.split('=').map((part) => part?.trim());
		if (!from || !to)
			throw new Error(`"${entry}" is not a location mapping: write Shopify location=ERP location`);
		map[from] = to;
	}
	return map;
}
