import { Engine } from '../../../harness';
import { history, runCheck } from './support';

describe('Reconciliation Check, custom rules, threshold and history, through the engine', () => {
	let engine: Engine;

	beforeAll(async () => {
		engine = await Engine.start();
	});

	const custom = {
		preset: 'custom',
		keyFieldsA: 'sku, warehouse',
		keyFieldsB: 'item.code, site',
		normaliseKeys: true,
		fields: {
			field: [
				{
					pathA: 'price',
					pathB: 'unitPrice',
					rule: 'money',
					currencyPathA: 'currency',
					currencyPathB: 'currency',
					toleranceMinor: 0,
					amounts: 'decimal',
				},
				{ pathA: 'name', pathB: 'title', rule: 'text' },
				{ pathA: 'weight', pathB: 'weight', rule: 'number', relativePercent: 1 },
				{ pathA: 'updatedAt', pathB: 'changed', rule: 'date', dateTolerance: '5 minutes' },
				{ pathA: 'tags', pathB: 'labels', rule: 'set' },
			],
		},
	};

	it('composite keys, money in each currency’s exponent (JPY 0, USD 2, KWD 3), text, relative number, date and set rules', async () => {
		const a = [
			{
				sku: 'A-1',
				warehouse: 'ber',
				price: '1500',
				currency: 'JPY',
				name: 'Trail  Socks',
				weight: 100,
				updatedAt: '2026-11-20T10:00:00Z',
				tags: ['x', 'y'],
			},
			{
				sku: 'A-2',
				warehouse: 'ber',
				price: '10.125',
				currency: 'KWD',
				name: 'Tote',
				weight: 200,
				updatedAt: '2026-11-20T10:00:00Z',
				tags: 'x',
			},
			{
				sku: 'A-3',
				warehouse: 'ber',
				price: 19.99,
				currency: 'USD',
				name: 'Shirt',
				weight: 300,
				updatedAt: '2026-11-20T10:00:00Z',
				tags: [],
			},
			{
				sku: 'A-4',
				warehouse: 'ber',
				price: '19.99',
				currency: 'USD',
				name: 'Cap',
				weight: 50,
				updatedAt: '2026-11-20T10:00:00Z',
				tags: [],
			},
		];
		const b = [
			{
				item: { code: 'a-1' },
				site: 'BER',
				unitPrice: { amount: '1500', currencyCode: 'JPY' },
				title: 'trail socks',
				weight: 100.9,
				changed: '2026-11-20T10:04:00Z',
				labels: 'y, x',
			},
			{
				item: { code: 'A-2' },
				site: 'BER',
				unitPrice: '10.126',
				currency: 'KWD',
				title: 'Tote',
				weight: 200,
				changed: '2026-11-20T10:00:00Z',
				labels: ['x'],
			},
			{
				item: { code: 'A-3' },
				site: 'BER',
				unitPrice: '19.99',
				currency: 'EUR',
				title: 'Shirt',
				weight: 310,
				changed: '2026-11-20T10:06:00Z',
				labels: ['z'],
			},
			{
				item: { code: 'A-4' },
				site: 'BER',
				unitPrice: '20.00',
				currency: 'USD',
				title: 'Cap',
				weight: 50,
				changed: '2026-11-20T10:00:00Z',
				labels: [],
			},
		];
		const result = await runCheck(engine, { ...custom, checkName: 'custom-rules' }, a, b);
		expect(result.execution.status).toBe('success');
		expect(result.matched.map((item) => item.key)).toEqual(['A-1 / BER']);
		const differences = Object.fromEntries(
			result.mismatched.map((item) => [item.key, item.differences]),
		);
		expect(differences['A-2 / BER']).toEqual([
			expect.objectContaining({ field: 'price', delta: '0.001' }),
		]);
		expect(differences['A-3 / BER']).toEqual([
			expect.objectContaining({ field: 'price', note: 'currency USD vs EUR' }),
			expect.objectContaining({ field: 'weight', delta: 10 }),
			expect.objectContaining({ field: 'updatedAt', delta: 360_000 }),
			expect.objectContaining({ field: 'tags', note: 'only in A: –; only in B: z' }),
		]);
		expect(differences['A-4 / BER']).toEqual([
			expect.objectContaining({ field: 'price', delta: '0.01' }),
		]);
		expect(result.summary.topMismatchedFields).toEqual([
			{ field: 'price', count: 3 },
			{ field: 'tags', count: 1 },
			{ field: 'updatedAt', count: 1 },
			{ field: 'weight', count: 1 },
		]);
	});

	it('rows without the key are reported as unkeyed on their side, duplicates on either side are reported with all rows', async () => {
		const a = [
			{ sku: 'K-1', warehouse: 'BER', price: '1', currency: 'EUR' },
			{ sku: '', warehouse: 'BER' },
			{ sku: 'K-2', warehouse: 'BER', price: '1', currency: 'EUR' },
			{ sku: 'K-2', warehouse: 'BER', price: '2', currency: 'EUR' },
		];
		const b = [
			{ item: { code: 'K-1' }, site: 'BER', unitPrice: '1', currency: 'EUR' },
			{ site: 'BER' },
			{ item: { code: 'K-2' }, site: 'BER', unitPrice: '1', currency: 'EUR' },
		];
		const result = await runCheck(
			engine,
			{ ...custom, checkName: 'custom-keys', fields: { field: [custom.fields.field[0]] } },
			a,
			b,
		);
		expect(result.matched.map((item) => item.key)).toEqual(['K-1 / BER']);
		expect(result.onlyInA).toEqual([
			expect.objectContaining({
				reconciliation: { status: 'unkeyed', problem: 'no value in the key field(s)' },
			}),
		]);
		expect(result.onlyInB).toEqual([
			expect.objectContaining({
				site: 'BER',
				reconciliation: expect.objectContaining({ status: 'unkeyed' }),
			}),
		]);
		expect(result.mismatched).toEqual([
			expect.objectContaining({
				key: 'K-2 / BER',
				status: 'duplicateKey',
				a: [a[2], a[3]],
				b: [b[2]],
			}),
		]);
		expect(result.summary.counts).toEqual({
			matched: 1,
			mismatched: 0,
			onlyInA: 0,
			onlyInB: 0,
			unkeyedA: 1,
			unkeyedB: 1,
			duplicateKeys: 1,
			duplicateRows: 3,
		});
	});

	it('fails the execution above the threshold (error workflow material) and keeps every run in the history', async () => {
		const a = [
			{ sku: 'T-1', warehouse: 'W', price: '1', currency: 'EUR' },
			{ sku: 'T-2', warehouse: 'W', price: '1', currency: 'EUR' },
		];
		const b = [
			{ item: { code: 'T-1' }, site: 'W', unitPrice: '1', currency: 'EUR' },
			{ item: { code: 'T-2' }, site: 'W', unitPrice: '1.01', currency: 'EUR' },
		];
		const parameters = {
			...custom,
			checkName: 'threshold-check',
			fields: { field: [custom.fields.field[0]] },
		};
		const passing = await runCheck(
			engine,
			{ ...parameters, threshold: { maxExceptionRatePercent: 50 } },
			a,
			b,
		);
		expect(passing.summary.threshold).toMatchObject({ verdict: 'pass', exceeded: false });

		const failing = await runCheck(
			engine,
			{ ...parameters, threshold: { maxExceptionRatePercent: 10, maxExceptions: 0 } },
			a,
			b,
		);
		expect(failing.execution.status).toBe('error');
		const error = failing.execution.nodeError('Reconciliation Check') as Error & {
			description?: string;
		};
		expect(error.message).toBe(
			'Reconciliation "threshold-check" failed: exception rate 50 % is above 10 %; 1 exception, more than the 0 allowed',
		);
		expect(error.description).toMatch(/1 matched, 1 mismatched/);

		const runs = await history(engine, 'threshold-check');
		expect(runs.map((run) => (run.threshold as { verdict: string }).verdict)).toEqual([
			'pass',
			'fail',
		]);
		expect(runs[1]).toMatchObject({
			check: 'threshold-check',
			exceptions: 1,
			exceptionRatePercent: 50,
		});
	});

	it('reports an exceeded threshold on the Summary instead of failing when asked, naming the first exceptions', async () => {
		const a = [
			{ sku: 'R-1', warehouse: 'W', price: '1', currency: 'EUR' },
			{ sku: 'R-2', warehouse: 'W', price: '1', currency: 'EUR' },
			{ sku: 'R-3', warehouse: 'W', price: '1', currency: 'EUR' },
		];
		const b = [
			{ item: { code: 'R-1' }, site: 'W', unitPrice: '1', currency: 'EUR' },
			{ item: { code: 'R-2' }, site: 'W', unitPrice: '1.01', currency: 'EUR' },
			{ item: { code: 'R-9' }, site: 'W', unitPrice: '1', currency: 'EUR' },
		];
		const parameters = {
			...custom,
			checkName: 'report-check',
			fields: { field: [custom.fields.field[0]] },
			threshold: { maxExceptions: 0, whenExceeded: 'report' },
		};
		const reported = await runCheck(engine, parameters, a, b);
		expect(reported.execution.status).toBe('success');
		expect(reported.matched.map((item) => item.key)).toEqual(['R-1 / W']);
		expect(reported.summary.threshold).toMatchObject({
			verdict: 'fail',
			exceeded: true,
			reasons: ['3 exceptions, more than the 0 allowed'],
		});
		expect(reported.summary.examples).toEqual([
			'R-2 / W: price differs',
			'R-3 / W: only in A',
			'R-9 / W: only in B',
		]);
	});

	it('names the fix when the key fields of A and B do not line up', async () => {
		const result = await runCheck(
			engine,
			{ ...custom, keyFieldsB: 'item.code', checkName: 'bad-key' },
			[{ sku: 'x' }],
			[{ item: { code: 'x' } }],
		);
		const error = result.execution.nodeError('Reconciliation Check') as Error & {
			description?: string;
		};
		expect(error.message).toBe('The key has 2 field(s) in A and 1 in B');
		expect(error.description).toMatch(/same number on each side/);
	});
});
