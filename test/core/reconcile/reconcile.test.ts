import { compileField, reconcile, summarise, type FieldSpec } from '../../../core/reconcile';
import { formatMinor, readMoney, readTime } from '../../../core/reconcile/values';

const field = (rule: FieldSpec['rule'], pathB = 'v'): FieldSpec => ({
	name: 'v',
	pathA: 'v',
	pathB,
	rule,
});
const compare = (rule: FieldSpec['rule'], a: unknown, b: unknown) =>
	compileField(field(rule))({ v: a }, { v: b });

describe('reconciliation rules (plain unit tests)', () => {
	it('money: minor units in the currency exponent, never float equality; tolerance in minor units', () => {
		expect(readMoney('1500', 'JPY')).toEqual({ minor: 1500, currency: 'JPY' });
		expect(readMoney('10.125', 'KWD')).toEqual({ minor: 10125, currency: 'KWD' });
		expect(readMoney({ amount: '0.1', currencyCode: 'USD' })).toEqual({
			minor: 10,
			currency: 'USD',
		});
		expect(readMoney({ amount: 1234, currency: 'EUR' })).toEqual({ minor: 1234, currency: 'EUR' });
		expect(readMoney({ minor: 5, currency: 'EUR' })).toEqual({ minor: 5, currency: 'EUR' });
		// 0.1 + 0.2 in floats is 0.30000000000000004; in minor units it is 30 = 30.
		expect(compare({ kind: 'money', currency: 'USD' }, 0.1 + 0.2, '0.30')).toBeNull();
		expect(compare({ kind: 'money', currency: 'USD' }, '10.00', '10.01')).toMatchObject({
			delta: '0.01',
		});
		expect(
			compare({ kind: 'money', currency: 'USD', toleranceMinor: 1 }, '10.00', '10.01'),
		).toBeNull();
		expect(
			compare({ kind: 'money', currency: 'JPY', toleranceMinor: 1 }, '1500', '1502'),
		).toMatchObject({ delta: '2' });
		expect(compare({ kind: 'money', currency: 'KWD' }, '1.000', '1.001')).toMatchObject({
			delta: '0.001',
		});
		expect(compare({ kind: 'money', currency: 'EUR', amounts: 'minor' }, 1000, 999)).toMatchObject({
			delta: '-0.01',
		});
		expect(
			compare(
				{ kind: 'money' },
				{ amount: '1', currencyCode: 'EUR' },
				{ amount: '1', currencyCode: 'USD' },
			),
		).toMatchObject({ note: 'currency EUR vs USD' });
		expect(compare({ kind: 'money', currency: 'JPY' }, '10.5', '10')).toMatchObject({
			note: expect.stringMatching(/more decimals/),
		});
		expect(formatMinor(-5, 'KWD')).toBe('-0.005');
		expect(formatMinor(123, 'JPY')).toBe('123');
	});

	it('numbers: absolute and relative tolerance', () => {
		expect(compare({ kind: 'number', absolute: 1 }, 10, 11)).toBeNull();
		expect(compare({ kind: 'number', absolute: 1 }, 10, 12)).toMatchObject({ delta: 2 });
		expect(compare({ kind: 'number', relativePercent: 10 }, 100, 109)).toBeNull();
		expect(compare({ kind: 'number' }, '3', 3)).toBeNull();
		expect(compare({ kind: 'number' }, 'x', 3)).toMatchObject({ note: 'not a number on one side' });
	});

	it('dates with a luxon tolerance; text ignoring case and spaces; sets ignoring order', () => {
		expect(readTime('2026-11-20T10:00:00+01:00')).toBe(Date.parse('2026-11-20T09:00:00Z'));
		expect(
			compare(
				{ kind: 'date', tolerance: 'PT5M' },
				'2026-11-20T10:00:00Z',
				'2026-11-20T11:04:00+01:00',
			),
		).toBeNull();
		expect(
			compare(
				{ kind: 'date', tolerance: '5 minutes' },
				'2026-11-20T10:00:00Z',
				'2026-11-20T10:06:00Z',
			),
		).toMatchObject({ delta: 360_000 });
		expect(() => compileField(field({ kind: 'date', tolerance: 'soon' }))).toThrow(
			/not a duration/,
		);
		expect(compare({ kind: 'text' }, '  Trail   Socks', 'trail socks')).toBeNull();
		expect(compare({ kind: 'set' }, ['a', 'b'], 'b, a')).toBeNull();
		expect(compare({ kind: 'set' }, ['a'], ['b'])).toMatchObject({
			note: 'only in A: a; only in B: b',
		});
		expect(compare({ kind: 'exact' }, { x: 1 }, { x: 1 })).toBeNull();
	});
});

describe('the hash join', () => {
	const spec = {
		key: { pathsA: ['id'], pathsB: ['ref'] },
		fields: [{ name: 'qty', pathA: 'qty', pathB: 'quantity', rule: { kind: 'number' as const } }],
	};

	it('classifies each row exactly once, whichever side is smaller', () => {
		const a = [{ id: 1, qty: 1 }, { id: 2, qty: 2 }, { id: 3, qty: 3 }, { qty: 9 }];
		const b = [
			{ ref: '2', quantity: 2 },
			{ ref: '3', quantity: 4 },
			{ ref: '4', quantity: 4 },
		];
		for (const [x, y, swap] of [
			[a, b, false],
			[b, a, true],
		] as const) {
			const result = swap
				? reconcile(x, y, {
						key: { pathsA: ['ref'], pathsB: ['id'] },
						fields: [{ name: 'qty', pathA: 'quantity', pathB: 'qty', rule: { kind: 'number' } }],
					})
				: reconcile(x, y, spec);
			const onlyA = swap ? result.onlyInB : result.onlyInA;
			const onlyB = swap ? result.onlyInA : result.onlyInB;
			expect(result.matched).toEqual([swap ? [0, 1] : [1, 0]]);
			expect(result.mismatched).toEqual([
				expect.objectContaining({ differences: [expect.objectContaining({ field: 'qty' })] }),
			]);
			expect(onlyA).toEqual([0]);
			expect(onlyB).toEqual([2]);
			expect(swap ? result.unkeyedB : result.unkeyedA).toEqual([3]);
		}
	});

	it('reports a key duplicated on the larger side with all its rows, even after it was first paired', () => {
		const a = [{ id: 'k', qty: 1 }];
		const b = [
			{ ref: 'k', quantity: 1 },
			{ ref: 'x', quantity: 1 },
			{ ref: 'k', quantity: 1 },
			{ ref: 'x', quantity: 2 },
		];
		const result = reconcile(a, b, spec);
		expect(result.matched).toEqual([]);
		expect(result.duplicates).toEqual([
			{ key: 'k', a: [0], b: [0, 2] },
			{ key: 'x', a: [], b: [1, 3] },
		]);
		expect(result.onlyInB).toEqual([]);
		const summary = summarise(
			'dupes',
			result,
			{ maxExceptions: 2 },
			new Date('2026-11-22T00:00:00Z'),
		);
		expect(summary).toMatchObject({
			exceptions: 5,
			exceptionRatePercent: 100,
			threshold: { verdict: 'fail', reasons: ['5 exceptions, more than the 2 allowed'] },
		});
	});

	it('refuses a key with a different number of fields per side', () => {
		expect(() =>
			reconcile([], [], { key: { pathsA: ['a', 'b'], pathsB: ['a'] }, fields: [] }),
		).toThrow(/same number of fields/);
	});
});
