/**
 * The echo of a flow's own write: Confirm records the version the write left the entity at, the
 * gate skips exactly that version, and every other newer version still passes.
 */
import { checkAndClaim, versionProcessed, type DedupeOptions } from '../../../core/dedupe/gate';
import type { Ledger } from '../../../core/ledger';
import { backends, freshLedger } from '../../support/ledgers';

const T0 = Date.parse('2026-11-22T10:00:00Z');

describe.each(backends('ownwrite'))("a flow's own write on %s", (_backend, makeConfig) => {
	const fresh = freshLedger(makeConfig);
	let ledger: Ledger;
	const held = (executionId: string, now = T0): DedupeOptions => ({
		namespace: 'orders',
		mode: 'newerVersionWins',
		hold: true,
		leaseMs: 60_000,
		retentionMs: 30 * 86_400_000,
		workflowId: 'wf1',
		executionId,
		node: 'Dedupe Gate',
		now,
	});
	const claim = async (version: number, executionId: string, now = T0) =>
		(
			await checkAndClaim(
				ledger,
				[{ key: '77', entity: 'shopify:order:77', version }],
				held(executionId, now),
			)
		)[0];
	const stored = async () => (await ledger.inspect('orders', ['77'])).get('77')!;

	beforeEach(() => (ledger = fresh.ledger));

	it('skips exactly the version the write left the entity at; a change made before the write and delivered late still passes', async () => {
		expect((await claim(1000, 'e1')).outcome).toBe('new');
		expect(
			await ledger.confirm('orders', ['77'], T0 + 10, undefined, 'e1', new Map([['77', 3000]])),
		).toEqual(['77']);
		expect(await stored()).toMatchObject({
			state: 'confirmed',
			versionRank: 1000,
			ownWriteRank: 3000,
		});
		expect(versionProcessed(await stored(), 3000, T0 + 20)).toBe('own-write');
		expect(versionProcessed(await stored(), 1000, T0 + 20)).toBe('stale');
		expect(versionProcessed(await stored(), 2000, T0 + 20)).toBeUndefined();

		expect(await claim(3000, 'e2', T0 + 20)).toMatchObject({
			outcome: 'duplicate',
			reason: 'own-write',
		});
		// A customer's change between the flow's read (1000) and its tag (3000), delivered after the tag:
		const late = await claim(2000, 'e3', T0 + 30);
		expect(late.outcome).toBe('new');
		// Its claim forgets the echo: 3000 now also carries that change, so it passes as newer.
		expect(await stored()).toMatchObject({
			state: 'claimed',
			versionRank: 2000,
			ownWriteRank: null,
		});
		expect(await ledger.confirm('orders', ['77'], T0 + 40, undefined, 'e3')).toEqual(['77']);
		expect((await claim(3000, 'e4', T0 + 50)).outcome).toBe('new');
	});

	it('records no echo for a write not newer than the version claimed, nor for a run that lost its claim', async () => {
		await claim(5000, 'e1');
		await ledger.confirm('orders', ['77'], T0 + 10, undefined, 'e1', new Map([['77', 5000]]));
		expect((await stored()).ownWriteRank).toBeNull();

		await claim(6000, 'e2', T0 + 20);
		await claim(7000, 'e3', T0 + 30); // a newer version takes the held claim over
		expect(
			await ledger.confirm('orders', ['77'], T0 + 40, undefined, 'e2', new Map([['77', 9000]])),
		).toEqual([]);
		expect(await stored()).toMatchObject({
			state: 'claimed',
			versionRank: 7000,
			ownWriteRank: null,
		});
		expect((await claim(9000, 'e4', T0 + 50 + 60_000)).outcome).toBe('new');
	});

	it('a version is processed for good only once confirmed and while the key is kept', async () => {
		await claim(1000, 'e1');
		expect(versionProcessed(await stored(), 1000, T0 + 10)).toBeUndefined();
		await ledger.confirm('orders', ['77'], T0 + 10, undefined, 'e1', new Map([['77', 2000]]));
		const row = await stored();
		expect(versionProcessed(row, 1000, T0 + 10)).toBe('stale');
		expect(versionProcessed(row, 2000, row.expiresAt)).toBeUndefined();
		expect(versionProcessed(undefined, 2000, T0)).toBeUndefined();
	});
});
