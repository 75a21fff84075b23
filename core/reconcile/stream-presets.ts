/**
 * Presets for the streamed join: the same rows, spec and findings as item mode's presets, applied
 * to each item as it streams in rather than to arrays of items.
 */
import type { ReconcileSpec } from './engine';
import { inventoryParts, type PresetOptions } from './presets';
import type { RowBatches, RowFlag } from './stream';
import type { Row } from './values';

export type StreamedPresetName = 'inventory';

export interface StreamedPreset {
	a: AsyncIterable<Row[]>;
	b: AsyncIterable<Row[]>;
	spec: ReconcileSpec;
	flags: Record<string, RowFlag>;
	/** What of a row of A the join holds: what is compared and flagged (the key holds the rest). */
	holdA: (row: Row) => Row;
}

async function* projected(batches: RowBatches, project: (item: Row) => Row): AsyncGenerator<Row[]> {
	for await (const batch of batches) yield batch.map(project);
}

/** Shopify inventory levels (SKU, location, quantities) vs the ERP's stock rows. */
export function streamedPreset(
	preset: StreamedPresetName,
	itemsA: RowBatches,
	itemsB: RowBatches,
	options: PresetOptions = {},
): StreamedPreset {
	switch (preset) {
		case 'inventory': {
			const parts = inventoryParts(options);
			return {
				a: projected(itemsA, parts.rowA),
				b: projected(itemsB, parts.rowB),
				spec: parts.spec,
				flags: { belowSafetyStock: parts.belowSafetyStock },
				holdA: (row) => ({ available: row.available, safetyStock: row.safetyStock }),
			};
		}
	}
}
