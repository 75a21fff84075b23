import { pagedItems, type ContractPage } from '../../../core/contract/pages';
import {
	examplesOf,
	preparePreset,
	reconcile,
	reconcileStreams,
	streamedExceptions,
	streamedPreset,
} from '../../../core/reconcile';
import type { Row } from '../../../core/reconcile/values';
import { jsonlObjects, textLines } from '../../../core/shopify/bulk-stream';
import { inventoryLevelRow } from '../../../core/shopify/inventory-bulk';

async function collect<T>(values: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const value of values) out.push(value);
	return out;
}

/** Bytes cut into chunks of `size`, so lines and multi-byte characters straddle chunks. */
async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
	const bytes = new TextEncoder().encode(text);
	for (let start = 0; start < bytes.length; start += size) yield bytes.slice(start, start + size);
}

describe('streamed reconciliation sources (plain unit tests)', () => {
	it('reads JSONL lines across chunk boundaries, multi-byte characters and a missing last newline', async () => {
		const text = '{"sku":"Zürich-1"}\n\n{"sku":"B"}\r\n{"sku":"Ω"}';
		for (const size of [1, 2, 3, 7, 1000]) {
			expect((await collect(textLines(chunked(text, size)))).flat()).toEqual([
				'{"sku":"Zürich-1"}',
				'',
				'{"sku":"B"}\r',
				'{"sku":"Ω"}',
			]);
			expect((await collect(jsonlObjects(chunked(text, size)))).flat()).toEqual([
				{ sku: 'Zürich-1' },
				{ sku: 'B' },
				{ sku: 'Ω' },
			]);
		}
		await expect(collect(jsonlObjects(chunked('{"a":1}\n{oops\n', 4)))).rejects.toThrow(
			'Line 2 of the bulk result is not JSON',
		);
	});

	it('makes rows of level lines; item lines (their parents) are not rows', () => {
		expect(inventoryLevelRow({ id: 'gid://shopify/InventoryItem/1' })).toBeUndefined();
		expect(
			inventoryLevelRow({
				location: { id: 'gid://shopify/Location/1', name: 'Berlin' },
				quantities: [
					{ name: 'available', quantity: 4 },
					{ name: 'safety_stock', quantity: 2 },
				],
				item: { sku: 'A-1' },
				__parentId: 'gid://shopify/InventoryItem/1',
			}),
		).toEqual({
			sku: 'A-1',
			locationId: 'gid://shopify/Location/1',
			locationName: 'Berlin',
			quantities: { available: 4, safety_stock: 2 },
		});
	});

	it('follows the contract’s cursors, reading the next page ahead', async () => {
		const pages: Record<string, ContractPage<number>> = {
			first: { items: [1, 2], nextCursor: 'c1' },
			c1: { items: [], nextCursor: 'c2' },
			c2: { items: [3], nextCursor: null },
		};
		const asked: string[] = [];
		const items = await collect(
			pagedItems(async (cursor) => {
				asked.push(cursor ?? 'first');
				return pages[cursor ?? 'first'];
			}),
		);
		expect(items).toEqual([[1, 2], [3]]);
		expect(asked).toEqual(['first', 'c1', 'c2']);
		await expect(
			collect(pagedItems(async () => ({ nextCursor: null }) as unknown as ContractPage<number>)),
		).rejects.toThrow('has no "items"');
	});

	it('inventory: the streamed preset counts and words what item mode does, safety stock included', async () => {
		const levels: Row[] = [];
		const stock: Row[] = [];
		for (let i = 0; i < 500; i++) {
			const location = `gid://shopify/Location/${(i % 2) + 1}`;
			const available = i % 17;
			if (i % 50 !== 3)
				levels.push({
					sku: `sku-${i}`,
					locationId: location,
					quantities: { available, ...(i % 5 === 0 ? { safety_stock: 8 } : {}) },
				});
			if (i % 60 !== 7)
				stock.push({
					sku: `SKU-${i}`,
					location: i % 2 ? 'RTM' : 'BER',
					available: available + (i % 23 === 0 ? 2 : 0),
					safetyStock: i % 3 === 0 ? 10 : undefined,
				});
		}
		const options = {
			locationMap: { 'gid://shopify/Location/1': 'BER', '2': 'RTM' },
			quantityTolerance: 1,
		};
		const prepared = preparePreset('inventory', levels, stock, options);
		const expected = reconcile(prepared.a.rows, prepared.b.rows, prepared.spec);
		const streamed = streamedPreset(
			'inventory',
			[levels],
			[stock.slice(0, 7), stock.slice(7)],
			options,
		);
		const actual = await reconcileStreams(streamed.a, streamed.b, streamed.spec, streamed);
		expect(actual.flags).toEqual(prepared.flags);
		expect(prepared.flags.belowSafetyStock).toBeGreaterThan(0);
		expect(actual.matched).toBe(expected.matched.length);
		expect(actual.mismatched.map(({ differences }) => differences)).toEqual(
			expected.mismatched.map(({ differences }) => differences),
		);
		expect(actual.onlyInA.map(({ ordinal }) => ordinal)).toEqual(expected.onlyInA);
		expect(actual.onlyInB.map(({ ordinal }) => ordinal)).toEqual(expected.onlyInB);
		expect(expected.mismatched.length * expected.onlyInA.length).toBeGreaterThan(0);
		expect(examplesOf(streamedExceptions(actual))[0]).toMatch(
			/^SKU-\d+ \/ (BER|RTM): available differs$/,
		);
	});
});
