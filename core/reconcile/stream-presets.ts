/**
 * Presets for the streamed join: the same rows, spec and findings as item mode's presets, applied
 * to each item as it streams in rather than to arrays of items.
 */
import type { ReconcileSpec } from './engine';
import { inventoryParts, type PresetOptions } from './presets';
import type { RowFlag } from './stream';
import type { Row } from './values';

export type StreamedPresetName = 'inventory';

export interface StreamedPreset {
	a: AsyncIterable<Row>;
	b: AsyncIterable<Row>;
	spec: ReconcileSpec;
	flags: Record<string, RowFlag>;
}

async function* projected(
	items: AsyncIterable<Row> | Iterable<Row>,
	project: (item: Row) => Row,
): AsyncGenerator<Row> {
	for await (const item of items) yield project(item);
}

/** Shopify inventory levels (SKU, location, quantities) vs the ERP's stock rows. */
export function streamedPreset(
	preset: StreamedPresetName,
	itemsA: AsyncIterable<Row> | Iterable<Row>,
	itemsB: AsyncIterable<Row> | Iterable<Row>,
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
			};
		}
	}
}
