/**
 * A worker that dies holds claims and writes under leases that must outlast slow remotes (ten
 * minutes in the order sync). Its heartbeat stops, and within DEAD_AFTER_MS another process
 * takes them over; a live holder's hold is respected until its lease ends, as before.
 */
import { coverWrites, fingerprint, performIdempotentWrite } from '../../../core/idempotency';
import { DEAD_AFTER_MS } from '../../../core/ledger/liveness';
import { DEFAULT_RETRY_POLICY } from '../../../core/retry';
import type { SqlLedger } from '../../../core/ledger/sql-ledger';
import { backends, twoProcesses } from '../../support/ledgers';

const LEASE = 10 * 60_000;

describe.each(backends('liveness'))('holds of a dead process on %s', (_backend, makeConfig) => {
	const processes = twoProcesses(makeConfig, ['worker', 'survivor']);
	let worker: SqlLedger;
	let survivor: SqlLedger;
	beforeEach(() => ([worker, survivor] = processes.ledgers));

	const claim = async (ledger: SqlLedger, executionId: string, now: number) =>
		(
			await ledger.claim([{ key: '5531', version: null, versionRank: null }], {
				namespace: 'orders',
				hold: true,
				leaseMs: LEASE,
				retentionMs: 86_400_000,
				workflowId: 'wf',
				executionId,
				token: executionId,
				now,
			})
		).get('5531')!;

	it('a held claim passes to another process once its holder stopped beating, long before its lease ends', async () => {
		const t0 = Date.now();
		expect((await claim(worker, 'e1', t0)).claimToken).toBe('e1');
		// The holder still beats: its claim is respected.
		expect((await claim(survivor, 'e2', t0 + 1000)).claimToken).toBe('e1');
		// The worker is killed: no more beats. Once DEAD_AFTER_MS passed, the claim is taken over.
		await worker.close();
		expect((await claim(survivor, 'e3', t0 + DEAD_AFTER_MS - 5000)).claimToken).toBe('e1');
		await survivor.beat(t0 + DEAD_AFTER_MS + 1000);
		const taken = await claim(survivor, 'e4', t0 + DEAD_AFTER_MS + 1000);
		expect(taken).toMatchObject({ claimToken: 'e4', state: 'claimed' });
		expect(taken.leaseUntil).toBe(t0 + DEAD_AFTER_MS + 1000 + LEASE);
	});

	it('an in-flight write passes to another process once its writer stopped beating, and only for the same request', async () => {
		const t0 = Date.now();
		const begin = (ledger: SqlLedger, owner: string, now: number, fingerprint = 'f1') =>
			ledger.beginWrite({
				scope: 'erp',
				key: 'k1',
				fingerprint,
				owner,
				leaseMs: LEASE,
				entity: 'shopify:order:1',
				now,
			});
		expect((await begin(worker, 'o1', t0)).owner).toBe('o1');
		expect((await begin(survivor, 'o2', t0 + 1000)).owner).toBe('o1');
		await worker.close();
		const later = t0 + DEAD_AFTER_MS + 1000;
		await survivor.beat(later);
		expect((await begin(survivor, 'o3', later, 'other-request')).owner).toBe('o1');
		expect(await begin(survivor, 'o4', later)).toMatchObject({
			owner: 'o4',
			attempts: 2,
			state: 'in_flight',
		});
		// A write whose check failed gives its lease back: the next attempt takes it over at once.
		expect(await survivor.yieldWrite('erp', 'k1', 'o4', later + 10)).toBe(true);
		expect(await begin(survivor, 'o5', later + 20)).toMatchObject({ owner: 'o5', attempts: 3 });
	});

	it("settles a dead worker's writes the remote has moved past as superseded, at once or as soon as it is found dead; a live writer's and other entities' are left alone", async () => {
		const t0 = Date.now();
		const begin = (ledger: SqlLedger, key: string, entity: string) =>
			ledger.beginWrite({
				scope: 'erp',
				key,
				fingerprint: fingerprint({}),
				owner: `owner-${key}`,
				leaseMs: LEASE,
				entity,
				now: t0,
			});
		await begin(worker, 'o1:update:v2', 'shopify:order:1');
		await begin(worker, 'o1:update:v5', 'shopify:order:1');
		await begin(worker, 'o2:update:v2', 'shopify:order:2');
		await begin(survivor, 'o1:update:v3', 'shopify:order:1');
		const write = { ledger: survivor, scope: 'erp', entity: 'shopify:order:1' };
		const upToV4 = (record: { key: string }) => record.key.split(':v')[1] <= '4';
		// The worker still beats: nothing of it is settled yet, but v2 and v3 are covered by v4.
		expect(await coverWrites(write, upToV4, 'version v4', t0 + 1000)).toEqual([]);
		expect((await survivor.getWrite('erp', 'o1:update:v2'))?.state).toBe('in_flight');

		// The worker dies; the survivor's next beat settles what it left covered, with no later run.
		await worker.close();
		const later = t0 + DEAD_AFTER_MS + 1000;
		await survivor.beat(later);
		expect(await survivor.getWrite('erp', 'o1:update:v2')).toMatchObject({
			state: 'superseded',
			error: expect.stringMatching(
				/remote now holds version v4 of shopify:order:1: nothing to resend/,
			),
		});
		for (const key of ['o1:update:v5', 'o2:update:v2', 'o1:update:v3'])
			expect((await survivor.getWrite('erp', key))?.state).toBe('in_flight');
		expect(
			(await survivor.trail('shopify:order:1')).map((event) => [event.event, event.decision]),
		).toEqual([['write.superseded', 'superseded']]);
		// A dead write covered later is settled at once.
		expect(
			await coverWrites({ ...write, entity: 'shopify:order:2' }, upToV4, 'version v4', later),
		).toEqual(['o2:update:v2']);
		// Replayed to a later attempt of the same key as a final answer, not sent again.
		const actor = { workflowId: 'wf', executionId: 'e9', node: 'ERP' };
		const replayed = await performIdempotentWrite({
			...write,
			actor,
			key: 'o1:update:v2',
			request: {},
			remoteHonoursIdempotency: false,
			policy: DEFAULT_RETRY_POLICY,
			leaseMs: LEASE,
			waitMs: 0,
			send: async () => await Promise.reject(new Error('must not send')),
		});
		expect(replayed).toMatchObject({ outcome: 'failed', replayed: true, retryable: false });
	});

	it('lists the other processes that beat recently, with host and pid', async () => {
		const live = await survivor.liveProcesses(Date.now() - DEAD_AFTER_MS);
		expect(live).toEqual([expect.objectContaining({ id: worker.processId, pid: process.pid })]);
	});
});
