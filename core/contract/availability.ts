/**
 * Can a warehouse ship a shipment request (or a Shopify fulfillment order) in full? Each line's
 * remaining quantity against the warehouse's available stock of its SKU; the lines it cannot
 * cover are written as a line spec (`<line id>=<short quantity>`) that Shopify's Move or Split
 * take as they are.
 */
import type { ShipmentRequestInput } from './shipment-request';

export interface StockRow {
	sku: string;
	warehouse?: string | null;
	available?: number | null;
	onHand?: number | null;
}

export interface LineAvailability {
	lineRef: string;
	sku: string;
	quantity: number;
	available: number;
	short: number;
}

export interface Availability {
	warehouse: string | null;
	canShipAll: boolean;
	canShipNothing: boolean;
	lines: LineAvailability[];
	/** `<line id>=<quantity>` of what the warehouse cannot ship, comma-separated; empty when nothing is short. */
	shortLines: string;
	/** `<line id>=<quantity>` of what it can ship. */
	shippableLines: string;
}

/** `shopify:fulfillment-order-line:123` → `123`: the id Shopify's line fields accept. */
const lineId = (lineRef: string) => lineRef.split(':').pop() ?? lineRef;

export function checkAvailability(
	lines: ShipmentRequestInput['lines'],
	stock: StockRow[],
	warehouse: string | null,
): Availability {
	const left = new Map<string, number>();
	for (const row of stock) {
		if (warehouse && row.warehouse && row.warehouse !== warehouse) continue;
		const key = row.sku.toLowerCase();
		left.set(key, (left.get(key) ?? 0) + Math.max(0, Number(row.available ?? row.onHand ?? 0)));
	}
	// Two lines of one SKU draw on the same stock: the first takes what it needs.
	const checked = lines.map((line) => {
		const key = line.sku.toLowerCase();
		const available = left.get(key) ?? 0;
		const covered = Math.min(available, line.quantity);
		left.set(key, available - covered);
		return {
			lineRef: line.lineRef,
			sku: line.sku,
			quantity: line.quantity,
			available: covered,
			short: line.quantity - covered,
		};
	});
	const spec = (pick: (line: LineAvailability) => number) =>
		checked
			.filter((line) => pick(line) > 0)
			.map((line) => `${lineId(line.lineRef)}=${pick(line)}`)
			.join(', ');
	return {
		warehouse,
		canShipAll: checked.every((line) => line.short === 0),
		canShipNothing: checked.every((line) => line.available === 0),
		lines: checked,
		shortLines: spec((line) => line.short),
		shippableLines: spec((line) => line.available),
	};
}
