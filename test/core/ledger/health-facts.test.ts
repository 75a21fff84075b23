/**
 * What a health check reads from the ledger, on both backends: its schema version and storage,
 * each poll's outcome (a failure keeps the last success and mark), each sweeper, and the backlog.
 */
import type { Ledger } from '../../../core/ledger';
import { LATEST_SCHEMA_VERSION } from '../../../core/ledger/migrations';
import { backends, freshLedger } from '../../support/ledgers';

describe.each(backends('health'))('health facts on %s', (backend, makeConfig) => {
	const fresh = freshLedger(makeConfig);
	let ledger: Ledger;
	beforeEach(() => (ledger = fresh.ledger));

	it('describes itself: backend, schema at the latest version, its size, and the room on its disk (files only)', async () => {
		const description = await ledger.describe();
		expect(description).toMatchObject({
			backend,
			schemaVersion: LATEST_SCHEMA_VERSION,
			latestSchemaVersion: LATEST_SCHEMA_VERSION,
		});
		expect(description.sizeBytes).toBeGreaterThan(0);
		if (backend === 'sqlite') expect(description.freeBytes).toBeGreaterThan(0);
		else
			expect(description).toMatchObject({
				freeBytes: null,
				location: expect.stringContaining('(schema of_test_health_'),
			});
	});

	it('keeps each poll’s last success and mark through a failed poll, and clears the error on the next success', async () => {
		const poll = { workflowId: 'wf', node: 'Poll Fallback', everyMs: 900_000 };
		await ledger.recordPoll({ ...poll, at: 1_000, highWaterMark: '2026-12-01T10:00:00Z' });
		await ledger.recordPoll({ ...poll, at: 2_000, error: 'HTTP 401' });
		expect(await ledger.polls()).toEqual([
			{
				...poll,
				polledAt: 2_000,
				succeededAt: 1_000,
				highWaterMark: '2026-12-01T10:00:00Z',
				error: 'HTTP 401',
			},
		]);
		await ledger.recordPoll({ ...poll, at: 3_000, highWaterMark: '2026-12-01T11:00:00Z' });
		expect(await ledger.polls()).toEqual([
			{
				...poll,
				polledAt: 3_000,
				succeededAt: 3_000,
				highWaterMark: '2026-12-01T11:00:00Z',
				error: null,
			},
		]);
	});

	it('counts claims held past their lease, deliveries unsettled since before a moment, and approvals pending since before one', async () => {
		const claim = (key: string, leaseMs: number) =>
			ledger.claim([{ key, version: null, versionRank: null }], {
				namespace: 'n',
				hold: true,
				leaseMs,
				retentionMs: 86_400_000,
				workflowId: 'wf',
				executionId: key,
				token: key,
				now: 1_000,
			});
		await claim('lapsed', 100);
		await claim('live', 10_000_000);
		for (const [eventId, receivedAt] of [
			['old', 1_000],
			['new', 9_000],
		] as const) {
			await ledger.acceptDelivery({
				workflowId: 'wf',
				node: 'T',
				topic: 'orders/create',
				eventId,
				entity: `e:${eventId}`,
				item: {},
				receivedAt,
				dueAt: receivedAt,
				acceptedBy: 'main',
			});
		}
		for (const [requestId, createdAt] of [
			['old', 2_000],
			['new', 8_000],
		] as const) {
			await ledger.createApproval({
				requestId,
				secret: 's',
				workflowId: 'wf',
				executionId: requestId,
				node: 'Approval',
				createdAt,
				expiresAt: 1e12,
				quorum: 1,
				payload: {},
			});
		}
		expect(
			await ledger.backlog({ now: 5_000, unsettledBefore: 5_000, approvalsBefore: 5_000 }),
		).toEqual({
			stuckClaims: 1,
			oldestStuckClaimAt: 1_100,
			unsettledDeliveries: 1,
			oldestUnsettledAt: 1_000,
			waitingApprovals: 1,
			oldestWaitingApprovalAt: 2_000,
		});
	});

	it('lists every sweeper, or one workflow’s', async () => {
		await ledger.recordSweep({ workflowId: 'b', node: 'R', everyMs: 15_000, sweptAt: 1 });
		await ledger.recordSweep({ workflowId: 'a', node: 'R', everyMs: 30_000, sweptAt: 2 });
		expect((await ledger.sweepersOf()).map((sweeper) => sweeper.workflowId)).toEqual(['a', 'b']);
		expect(await ledger.sweepersOf('b')).toEqual([
			{ workflowId: 'b', node: 'R', everyMs: 15_000, sweptAt: 1 },
		]);
	});
});
