import {
	exceptionExamples,
	examplesOf,
	reconcile,
	reconcileStreams,
	rowKey,
	streamedExceptions,
	summarise,
	type ReconcileSpec,
} from '../../../core/reconcile';
import type { Row } from '../../../core/reconcile/values';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const SPEC: ReconcileSpec = {
	key: { pathsA: ['sku', 'location'], pathsB: ['item', 'warehouse'], normalise: true },
	fields: [
		{ name: 'available', pathA: 'available', pathB: 'qty', rule: { kind: 'number', absolute: 1 } },
		{
			name: 'price',
			pathA: 'price',
			pathB: 'price',
			rule: { kind: 'money', currencyPathA: 'currency', currencyPathB: 'currency' },
		},
		{
			name: 'updatedAt',
			pathA: 'updatedAt',
			pathB: 'changed',
			rule: { kind: 'date', tolerance: 'PT1M' },
		},
		{ name: 'name', pathA: 'name', pathB: 'title', rule: { kind: 'text' } },
	],
};

/**
 * Two sides of `size` keys: some missing on one side, some changed (quantity, price, date, name,
 * an unreadable amount), some keys twice on a side, some rows without a key.
 */
function sides(size: number, seed: number, extraB = 0): { a: Row[]; b: Row[] } {
	const next = random(seed);
	const a: Row[] = [];
	const b: Row[] = [];
	for (let i = 0; i < size + extraB; i++) {
		const sku = `sku-${i % 7 === 0 ? ` ${i} ` : i}`;
		const location = i % 3 ? 'BER' : 'rtm';
		const at = Date.UTC(2026, 0, 1) + i * 3_600_000;
		const rowA = {
			sku: i < size ? sku : undefined,
			location,
			available: i % 40,
			price: `${i % 90}.${String(i % 100).padStart(2, '0')}`,
			currency: i % 5 ? 'EUR' : 'JPY',
			updatedAt: new Date(at).toISOString(),
			name: `Item ${i}`,
		};
		if (rowA.currency === 'JPY') rowA.price = String(i % 900);
		const roll = next();
		const rowB: Row = {
			item: sku.toUpperCase(),
			warehouse: location.toUpperCase(),
			qty: rowA.available + (roll < 0.05 ? 3 : roll < 0.1 ? 1 : 0),
			price: roll > 0.95 ? 'n/a' : roll > 0.9 ? '1.00' : rowA.price,
			currency: rowA.currency,
			changed: new Date(at + (roll > 0.85 && roll < 0.9 ? 120_000 : 30_000)).toISOString(),
			title: roll > 0.8 && roll < 0.85 ? `item  ${i} (old)` : `  ITEM ${i}`,
		};
		if (next() > 0.06 && i < size) a.push(rowA);
		if (next() > 0.06) b.push(rowB);
		if (next() < 0.02) a.push({ ...rowA, available: 0 });
		if (next() < 0.02) b.push({ ...rowB });
		if (next() < 0.01) b.push({ ...rowB, item: '  ' });
		if (next() < 0.01) a.push({ ...rowA, location: null });
	}
	return { a, b };
}

/** Item mode's result in the streamed shape: rows as numbers, keys displayed. */
function itemMode(a: Row[], b: Row[]) {
	const result = reconcile(a, b, SPEC);
	const keyA = rowKey(SPEC.key, 'a');
	const keyB = rowKey(SPEC.key, 'b');
	const ranAt = new Date('2026-12-01T00:00:00Z');
	return {
		summary: summarise(
			'check',
			result,
			{ maxExceptions: 3 },
			ranAt,
			{},
			exceptionExamples(
				result,
				(row) => keyA(a[row]),
				(row) => keyB(b[row]),
			),
		),
		mismatched: result.mismatched.map(({ a: i, b: j, differences }) => ({ i, j, differences })),
		onlyInA: result.onlyInA,
		onlyInB: result.onlyInB,
		unkeyedA: result.unkeyedA,
		unkeyedB: result.unkeyedB,
		duplicates: result.duplicates,
	};
}

async function streamed(a: Row[], b: Row[]) {
	// Batches of uneven sizes, as pages and download chunks come.
	async function* stream(rows: Row[]) {
		for (let start = 0, size = 1; start < rows.length; start += size, size = (size * 3) % 17 || 1)
			yield rows.slice(start, start + size);
	}
	const result = await reconcileStreams(stream(a), stream(b), SPEC);
	const ranAt = new Date('2026-12-01T00:00:00Z');
	return {
		summary: summarise(
			'check',
			result,
			{ maxExceptions: 3 },
			ranAt,
			{},
			examplesOf(streamedExceptions(result)),
		),
		mismatched: result.mismatched.map(({ a: rowA, b: rowB, differences }) => ({
			i: rowA.ordinal,
			j: rowB.ordinal,
			differences,
		})),
		onlyInA: result.onlyInA.map(({ ordinal }) => ordinal),
		onlyInB: result.onlyInB.map(({ ordinal }) => ordinal),
		unkeyedA: result.unkeyedA.map(({ ordinal }) => ordinal),
		unkeyedB: result.unkeyedB.map(({ ordinal }) => ordinal),
		duplicates: result.duplicates,
	};
}

describe('streamed reconciliation (plain unit tests)', () => {
	it.each([
		['A smaller than B (item mode indexes A)', 2_000, 1, 300, 0],
		['B smaller than A (item mode indexes B)', 2_000, 2, 0, 200],
		['a few hundred rows, B smaller', 400, 3, 0, 20],
	])('reports what item mode reports: %s', async (_name, size, seed, extraB, dropB) => {
		const { a, b } = sides(size, seed, extraB);
		b.splice(0, dropB);
		const expected = itemMode(a, b);
		const actual = await streamed(a, b);
		expect(actual).toEqual(expected);
		// The data has every kind of exception, so the equality above says something.
		const { counts } = expected.summary;
		expect(counts.matched).toBeGreaterThan(0);
		for (const count of [
			counts.mismatched,
			counts.onlyInA,
			counts.onlyInB,
			counts.unkeyedA,
			counts.unkeyedB,
			counts.duplicateKeys,
		])
			expect(count).toBeGreaterThan(0);
		expect(expected.summary.topMismatchedFields.map(({ field }) => field).sort()).toEqual([
			'available',
			'name',
			'price',
			'updatedAt',
		]);
		expect(actual.mismatched.some(({ differences }) => differences.some((d) => d.note))).toBe(true);
	});

	it('holds the rows of exceptions and counts matched pairs', async () => {
		const a = [
			{ sku: 'A', location: 'BER', available: 1, price: '1.00', currency: 'EUR' },
			{ sku: 'B', location: 'BER', available: 2, price: '2.00', currency: 'EUR' },
		];
		const b = [
			{ item: 'b', warehouse: 'ber', qty: 5, price: '2.00', currency: 'EUR' },
			{ item: 'a', warehouse: 'ber', qty: 1, price: '1.00', currency: 'EUR' },
			{ item: 'c', warehouse: 'ber', qty: 1 },
		];
		const result = await reconcileStreams([a], [b.slice(0, 1), b.slice(1)], SPEC, {
			flags: { low: (rowA, rowB) => Number(rowB?.qty ?? 0) > Number(rowA.available) },
		});
		expect(result.matched).toBe(1);
		expect(result.mismatched).toEqual([
			{
				key: 'B\u001fBER',
				a: { row: a[1], ordinal: 1 },
				b: { row: b[0], ordinal: 0 },
				differences: [{ field: 'available', a: 2, b: 5, delta: 3 }],
			},
		]);
		expect(result.onlyInB).toEqual([{ key: 'C\u001fBER', row: b[2], ordinal: 2 }]);
		expect(result.flags).toEqual({ low: 1 });
	});
});
