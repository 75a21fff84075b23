/** The shop's inventory levels streamed from a bulk operation, as rows of SKU, location and quantities. */
import type { BulkRunOptions } from './bulk';
import { streamBulkQuery } from './bulk-stream';
import type { ShopifyAdminClient } from './client';
import { INVENTORY_LEVELS_BULK_QUERY } from './documents/inventory-bulk';

type Json = Record<string, unknown>;

/** A level in the shape `inventoryLevels()` gives its rows (what the inventory preset reads). */
export interface StreamedInventoryLevel {
	sku: string | null;
	locationId: string | null;
	locationName: string | null;
	quantities: Record<string, number>;
}

/** A level line of the bulk file as a row; item lines (the parents) are not rows. */
export function inventoryLevelRow(line: Json): StreamedInventoryLevel | undefined {
	if (line.__parentId === undefined) return undefined;
	const location = line.location as { id?: string; name?: string } | null | undefined;
	const item = line.item as { sku?: string | null } | null | undefined;
	const quantities: Record<string, number> = {};
	for (const quantity of (line.quantities ?? []) as Array<{ name: string; quantity: number }>)
		quantities[quantity.name] = quantity.quantity;
	return {
		sku: item?.sku ?? null,
		locationId: location?.id ?? null,
		locationName: location?.name ?? null,
		quantities,
	};
}

export async function* streamInventoryLevels(
	client: ShopifyAdminClient,
	options: BulkRunOptions,
): AsyncGenerator<StreamedInventoryLevel[]> {
	// Item lines (the levels' parents) are not rows: they are not even parsed.
	const wanted = (line: string) => line.includes('"__parentId"');
	for await (const lines of streamBulkQuery(client, INVENTORY_LEVELS_BULK_QUERY, {
		...options,
		wanted,
	})) {
		const rows: StreamedInventoryLevel[] = [];
		for (const line of lines) {
			const row = inventoryLevelRow(line);
			if (row) rows.push(row);
		}
		if (rows.length) yield rows;
	}
}
