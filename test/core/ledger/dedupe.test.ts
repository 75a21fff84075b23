import { checkAndClaim, type DedupeOptions } from '../../../core/dedupe/gate';
import type { Ledger } from '../../../core/ledger';
import { backends, freshLedger } from '../../support/ledgers';

const T0 = Date.parse('2026-11-22T10:00:00Z');

describe.each(backends('dedupe'))('ledger and dedupe decisions on %s', (_backend, makeConfig) => {
	const fresh = freshLedger(makeConfig);
	let ledger: Ledger;
	const options = (overrides: Partial<DedupeOptions> = {}): DedupeOptions => ({
		namespace: 'orders',
		mode: 'firstSeenWins',
		hold: false,
		leaseMs: 60_000,
		retentionMs: 30 * 86_400_000,
		workflowId: 'wf1',
		executionId: '101',
		node: 'Dedupe Gate',
		now: T0,
		...overrides,
	});
	const items = (...keys: string[]) => keys.map((key) => ({ key, entity: `shopify:order:${key}` }));

	beforeEach(() => (ledger = fresh.ledger));

	it('first seen wins: a key passes once; later sightings say when, by whom and how often it was seen', async () => {
		const first = await checkAndClaim(ledger, items('5531', '5532'), options());
		expect(first.map((d) => d.outcome)).toEqual(['new', 'new']);
		await checkAndClaim(ledger, items('5531'), options({ executionId: '102', now: T0 + 1000 }));
		const third = await checkAndClaim(
			ledger,
			items('5531'),
			options({ executionId: '103', now: T0 + 2000 }),
		);
		expect(third[0]).toMatchObject({
			outcome: 'duplicate',
			reason: 'seen-before',
			stored: { firstSeenAt: T0, firstExecutionId: '101', timesSeen: 3, lastExecutionId: '103' },
		});
	});

	it("an older version's run confirming after a newer version took the key leaves the newer claim to its own run", async () => {
		const held = options({ hold: true, mode: 'newerVersionWins' });
		const versioned = (rank: number) => [{ key: '77', entity: 'shopify:order:77', version: rank }];
		expect(
			(await checkAndClaim(ledger, versioned(1), { ...held, executionId: 'v1' }))[0].outcome,
		).toBe('new');
		expect(
			(await checkAndClaim(ledger, versioned(2), { ...held, executionId: 'v2', now: T0 + 10 }))[0]
				.outcome,
		).toBe('new');
		expect(await ledger.confirm('orders', ['77'], T0 + 20, undefined, 'v1')).toEqual([]);
		expect(await ledger.release('orders', ['77'], undefined, 'v1')).toEqual([]);
		expect((await ledger.inspect('orders', ['77'])).get('77')).toMatchObject({
			state: 'claimed',
			version: '2',
		});
		expect(await ledger.confirm('orders', ['77'], T0 + 30, undefined, 'v2')).toEqual(['77']);
	});

	it('a key twice in one batch passes once', async () => {
		const decisions = await checkAndClaim(ledger, items('7', '7', '8'), options());
		expect(decisions.map((d) => [d.key, d.outcome, d.reason])).toEqual([
			['7', 'new', undefined],
			['7', 'duplicate', 'same-batch'],
			['8', 'new', undefined],
		]);
	});

	it('hold until confirmed: in flight while leased, claimable again once the lease lapses unconfirmed, settled once confirmed', async () => {
		const held = options({ hold: true, leaseMs: 5000 });
		expect((await checkAndClaim(ledger, items('9'), held))[0].outcome).toBe('new');
		expect(
			(await checkAndClaim(ledger, items('9'), { ...held, executionId: '102', now: T0 + 1000 }))[0],
		).toMatchObject({ outcome: 'duplicate', reason: 'in-flight' });
		// The first run failed and never confirmed: its retry passes after the lease.
		const retry = await checkAndClaim(ledger, items('9'), {
			...held,
			executionId: '103',
			now: T0 + 6000,
		});
		expect(retry[0].outcome).toBe('new');
		expect(await ledger.confirm('orders', ['9'], T0 + 6500)).toEqual(['9']);
		const later = await checkAndClaim(ledger, items('9'), {
			...held,
			executionId: '104',
			now: T0 + 60_000,
		});
		expect(later[0]).toMatchObject({ outcome: 'duplicate', reason: 'seen-before' });
		expect(await ledger.confirm('orders', ['9'], T0)).toEqual([]);
	});

	it('release gives a held key back at once; forget deletes any key for deliberate reprocessing', async () => {
		const held = options({ hold: true });
		await checkAndClaim(ledger, items('10', '11'), held);
		expect(await ledger.release('orders', ['10', '11'])).toEqual(
			expect.arrayContaining(['10', '11']),
		);
		expect((await checkAndClaim(ledger, items('10'), { ...held, now: T0 + 1 }))[0].outcome).toBe(
			'new',
		);
		await ledger.confirm('orders', ['10'], T0 + 2);
		expect(await ledger.release('orders', ['10'])).toEqual([]);
		expect(await ledger.forget('orders', ['10', 'unknown'])).toEqual(['10']);
		expect((await checkAndClaim(ledger, items('10'), { ...held, now: T0 + 3 }))[0].outcome).toBe(
			'new',
		);
	});

	it('newer version wins: an equal or older version is stale, a newer one passes', async () => {
		const versioned = (key: string, version: string) => [
			{ key, entity: `shopify:order:${key}`, version },
		];
		const mode = options({ mode: 'newerVersionWins' });
		expect(
			(await checkAndClaim(ledger, versioned('12', '2026-11-22T10:00:00Z'), mode))[0].outcome,
		).toBe('new');
		expect(
			(await checkAndClaim(ledger, versioned('12', '2026-11-22T10:00:00Z'), mode))[0],
		).toMatchObject({ outcome: 'duplicate', reason: 'stale' });
		expect(
			(await checkAndClaim(ledger, versioned('12', '2026-11-22T09:59:00Z'), mode))[0],
		).toMatchObject({ outcome: 'duplicate', reason: 'stale' });
		const newer = await checkAndClaim(ledger, versioned('12', '2026-11-22T10:05:00Z'), mode);
		expect(newer[0].outcome).toBe('new');
		expect(newer[0].stored?.version).toBe('2026-11-22T10:05:00Z');
		// Out of order within one batch: only the newest passes.
		const batch = await checkAndClaim(
			ledger,
			[...versioned('13', '3'), ...versioned('13', '5'), ...versioned('13', '4')],
			mode,
		);
		expect(batch.map((d) => [d.outcome, d.reason])).toEqual([
			['duplicate', 'stale'],
			['new', undefined],
			['duplicate', 'stale'],
		]);
	});

	it('refuses a version it cannot compare, naming the item', async () => {
		await expect(
			checkAndClaim(
				ledger,
				[{ key: 'x', entity: 'x', version: 'yesterday-ish' }],
				options({ mode: 'newerVersionWins' }),
			),
		).rejects.toThrow(/item 0 is neither a number nor a date/);
	});

	it('keys expire after the retention: they pass again and are purged', async () => {
		const short = options({ retentionMs: 1000 });
		await checkAndClaim(ledger, items('14', '15'), short);
		const again = await checkAndClaim(ledger, items('14'), {
			...short,
			now: T0 + 2000,
			executionId: '200',
		});
		expect(again[0]).toMatchObject({
			outcome: 'new',
			stored: { timesSeen: 1, firstExecutionId: '200' },
		});
		expect(await ledger.purgeExpired(T0 + 2000)).toBe(1);
		expect(await ledger.countKeys('orders')).toBe(1);
	});

	it('keeps an ordered audit trail per entity', async () => {
		await checkAndClaim(ledger, items('16'), options());
		await checkAndClaim(ledger, items('16'), options({ executionId: '102', now: T0 + 5 }));
		const trail = await ledger.trail('shopify:order:16');
		expect(trail.map((event) => [event.event, event.decision, event.executionId])).toEqual([
			['dedupe.new', 'passed', '101'],
			['dedupe.duplicate', 'seen-before', '102'],
		]);
		expect(trail[1].details).toMatchObject({ namespace: 'orders', key: '16', timesSeen: 2 });
	});

	it('namespaces do not share keys', async () => {
		await checkAndClaim(ledger, items('17'), options());
		expect(
			(await checkAndClaim(ledger, items('17'), options({ namespace: 'refunds' })))[0].outcome,
		).toBe('new');
	});
});
