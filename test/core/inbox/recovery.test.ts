/**
 * The inbox and its sweep on both backends: what an execution settles is never re-driven; what a
 * dead worker left (unlinked, or linked to a claim whose holder died) is re-driven once per
 * sweep, by one sweeper, and given up after the maximum with a trail event saying why.
 */
import { decideDue, sweepInbox, type RedeliveryPolicy } from '../../../core/inbox/recovery';
import type { DueDelivery, NewDelivery } from '../../../core/ledger';
import { DEAD_AFTER_MS } from '../../../core/ledger/liveness';
import type { SqlLedger } from '../../../core/ledger/sql-ledger';
import { backends, twoProcesses } from '../../support/ledgers';

const POLICY: RedeliveryPolicy = { redriveAfterMs: 60_000, maxRedrives: 3 };
function delivery(eventId: string, t0: number): NewDelivery {
	const id = eventId.replace('event-', '');
	return {
		workflowId: 'wf-sync',
		node: 'Shopify Orders',
		topic: 'orders/create',
		eventId,
		entity: `shopify:order:${id}`,
		item: { topic: 'orders/create', payload: { id: Number(id) } },
		receivedAt: t0,
		dueAt: t0,
		acceptedBy: 'main',
	};
}

describe.each(backends('inbox'))('webhook inbox on %s', (_backend, makeConfig) => {
	const processes = twoProcesses(makeConfig, ['main', 'worker']);
	let main: SqlLedger;
	let worker: SqlLedger;
	beforeEach(() => ([main, worker] = processes.ledgers));

	const claim = async (ledger: SqlLedger, key: string, executionId: string, now: number) =>
		await ledger.claim([{ key, version: null, versionRank: null }], {
			namespace: 'orders',
			hold: true,
			leaseMs: 600_000,
			retentionMs: 86_400_000,
			workflowId: 'wf-sync',
			executionId,
			token: executionId,
			now,
		});

	it('records a delivery once however often Shopify repeats it', async () => {
		const t0 = Date.now();
		const first = await main.acceptDelivery(delivery('event-1', t0), [
			{ entity: 'shopify:order:1', event: 'inbox.accepted' },
		]);
		const again = await main.acceptDelivery({
			...delivery('event-1', t0 + 5),
			item: { changed: true },
		});
		expect(first).toEqual({ id: again.id, accepted: true });
		expect(again.accepted).toBe(false);
		expect(await main.getDelivery(first.id)).toMatchObject({
			state: 'accepted',
			item: { payload: { id: 1 } },
			redrives: 0,
			claim: null,
		});
		expect((await main.trail('shopify:order:1')).map((event) => event.event)).toEqual([
			'inbox.accepted',
		]);
	});

	it('a delivery its execution confirmed (or the gate called a duplicate) is settled and never re-driven', async () => {
		const t0 = Date.now();
		const confirmed = await main.acceptDelivery(delivery('event-1', t0));
		const duplicate = await main.acceptDelivery(delivery('event-2', t0));
		await claim(worker, '1', 'e1', t0 + 10);
		await worker.noteDeliveries(
			[
				{ id: confirmed.id, namespace: 'orders', key: '1', executionId: 'e1' },
				{ id: duplicate.id, outcome: 'duplicate' },
			],
			t0 + 10,
		);
		// Another execution's confirm of the same key does not settle this one; its own does.
		expect(await worker.confirm('orders', ['1'], t0 + 20, undefined, 'e9')).toEqual([]);
		expect((await main.getDelivery(confirmed.id))?.state).toBe('accepted');
		expect(await worker.confirm('orders', ['1'], t0 + 30, undefined, 'e1')).toEqual(['1']);
		const swept = await sweepInbox(main, {
			workflowId: 'wf-sync',
			node: 'Redelivery',
			now: t0 + 10 * 60_000,
			policy: POLICY,
			everyMs: 15_000,
		});
		expect(swept.redelivered).toEqual([]);
		expect(await main.countDeliveries('accepted', 'wf-sync')).toBe(0);
		expect((await main.getDelivery(confirmed.id))?.outcome).toBe('confirmed');
	});

	it('re-drives what a dead worker left: unlinked, or linked to the claim it held; a live holder is waited for', async () => {
		const t0 = Date.now();
		const unlinked = await main.acceptDelivery(delivery('event-1', t0));
		const held = await main.acceptDelivery(delivery('event-2', t0));
		const live = await main.acceptDelivery(delivery('event-3', t0));
		await claim(worker, '2', 'e2', t0);
		await worker.noteDeliveries(
			[{ id: held.id, namespace: 'orders', key: '2', executionId: 'e2' }],
			t0,
		);
		await claim(main, '3', 'e3', t0);
		await main.noteDeliveries(
			[{ id: live.id, namespace: 'orders', key: '3', executionId: 'e3' }],
			t0,
		);
		expect(
			(
				await sweepInbox(main, {
					workflowId: 'wf-sync',
					node: 'Redelivery',
					now: t0 + 1000,
					policy: POLICY,
					everyMs: 15_000,
				})
			).redelivered,
		).toEqual([]);

		await worker.close(); // killed: its heartbeat stops
		const later = t0 + Math.max(POLICY.redriveAfterMs, DEAD_AFTER_MS) + 1000;
		await main.beat(later);
		const swept = await sweepInbox(main, {
			workflowId: 'wf-sync',
			node: 'Redelivery',
			now: later,
			policy: POLICY,
			everyMs: 15_000,
		});
		expect(
			swept.redelivered.map((redelivery) => [redelivery.inboxId, redelivery.attempt]).sort(),
		).toEqual(
			[
				[held.id, 1],
				[unlinked.id, 1],
			].sort(),
		);
		expect(swept.redelivered.find((redelivery) => redelivery.inboxId === held.id)?.reason).toMatch(
			/process holding its claim stopped/,
		);
		expect(swept.redelivered[0].item).toMatchObject({ topic: 'orders/create' });
		expect(swept.waiting).toBe(1);
		// The same sweep moment again (a second main): nothing is re-driven twice.
		expect(
			(
				await sweepInbox(main, {
					workflowId: 'wf-sync',
					node: 'Redelivery',
					now: later,
					policy: POLICY,
					everyMs: 15_000,
				})
			).redelivered,
		).toEqual([]);
		expect((await main.trail('shopify:order:2')).map((event) => event.event)).toEqual([
			'inbox.redriven',
		]);
	});

	it('a delivery waiting behind a live holder is looked at again once that holder would count as dead, not a whole re-drive interval later', async () => {
		const t0 = Date.now();
		const accepted = await main.acceptDelivery(delivery('event-8', t0));
		await claim(worker, '8', 'e8', t0);
		await worker.noteDeliveries(
			[{ id: accepted.id, namespace: 'orders', key: '8', executionId: 'e8' }],
			t0,
		);
		const due = t0 + POLICY.redriveAfterMs + 1000;
		await worker.beat(due - 1000);
		expect(
			await sweepInbox(main, {
				workflowId: 'wf-sync',
				node: 'Redelivery',
				now: due,
				policy: POLICY,
				everyMs: 15_000,
			}),
		).toMatchObject({ redelivered: [], waiting: 1 });

		// Killed right after that beat: dead DEAD_AFTER_MS later, well before another re-drive interval ends.
		await worker.close();
		const dead = due - 1000 + DEAD_AFTER_MS + 1;
		expect(dead).toBeLessThan(due + POLICY.redriveAfterMs);
		await main.beat(dead);
		const swept = await sweepInbox(main, {
			workflowId: 'wf-sync',
			node: 'Redelivery',
			now: dead,
			policy: POLICY,
			everyMs: 15_000,
		});
		expect(swept.redelivered.map((redelivery) => redelivery.inboxId)).toEqual([accepted.id]);
	});

	it('a repeat the gate calls a duplicate does not settle what the first run still holds: that run died, the sweep re-drives it', async () => {
		const t0 = Date.now();
		const accepted = await main.acceptDelivery(delivery('event-4', t0));
		await claim(worker, '4', 'e4', t0);
		await worker.noteDeliveries(
			[{ id: accepted.id, namespace: 'orders', key: '4', executionId: 'e4' }],
			t0,
		);
		// Shopify repeats the delivery while e4 still holds the key: the repeat's run is a duplicate.
		await main.noteDeliveries([{ id: accepted.id, outcome: 'duplicate (stale)' }], t0 + 500);
		expect((await main.getDelivery(accepted.id))?.state).toBe('accepted');

		await worker.close();
		const later = t0 + Math.max(POLICY.redriveAfterMs, DEAD_AFTER_MS) + 1000;
		await main.beat(later);
		const swept = await sweepInbox(main, {
			workflowId: 'wf-sync',
			node: 'Redelivery',
			now: later,
			policy: POLICY,
			everyMs: 15_000,
		});
		expect(swept.redelivered.map((redelivery) => redelivery.inboxId)).toEqual([accepted.id]);
		// A newer version's run took the dead claim over and confirmed it: the re-drive's verdict settles it.
		await claim(main, '4', 'e5', later + 10);
		await main.confirm('orders', ['4'], later + 20, undefined, 'e5');
		await main.noteDeliveries([{ id: accepted.id, outcome: 'duplicate (stale)' }], later + 30);
		expect(await main.getDelivery(accepted.id)).toMatchObject({
			state: 'done',
			outcome: 'duplicate (stale)',
		});
	});

	it('gives a delivery up after the maximum re-drives, with the reason on its trail', async () => {
		const t0 = Date.now();
		const accepted = await main.acceptDelivery(delivery('event-7', t0));
		let now = t0;
		for (let sweep = 0; sweep < 10; sweep++) {
			now += 20 * 60_000;
			await sweepInbox(main, {
				workflowId: 'wf-sync',
				node: 'Redelivery',
				now,
				policy: POLICY,
				everyMs: 15_000,
			});
		}
		expect(await main.getDelivery(accepted.id)).toMatchObject({
			state: 'abandoned',
			redrives: 3,
			outcome: 're-driven 3 times and still not settled by its workflow',
		});
		expect((await main.trail('shopify:order:7')).map((event) => event.event)).toEqual([
			'inbox.redriven',
			'inbox.redriven',
			'inbox.redriven',
			'inbox.abandoned',
			'exception.opened',
		]);
		// Given up is an exception in the queue, with the delivery to look at.
		expect(await main.listExceptions({ entity: 'shopify:order:7' })).toEqual([
			expect.objectContaining({
				kind: 'abandoned',
				state: 'open',
				node: 'Redelivery',
				reason:
					'The orders/create delivery event-7 was re-driven 3 times and still not settled by its workflow',
				item: { topic: 'orders/create', payload: { id: 7 } },
			}),
		]);
	});

	it('a delivery given up still goes out on Given Up when its exception cannot be recorded, saying why', async () => {
		const t0 = Date.now();
		const accepted = await main.acceptDelivery(delivery('event-9', t0));
		// The exception queue fails (the ledger refuses that one insert); everything else is the real ledger.
		const failing = Object.create(main, {
			recordExceptions: { value: async () => await Promise.reject(new Error('disk full')) },
		}) as SqlLedger;
		let now = t0;
		let given: Awaited<ReturnType<typeof sweepInbox>>['abandoned'] = [];
		for (let sweep = 0; sweep < 10 && given.length === 0; sweep++) {
			now += 20 * 60_000;
			given = (
				await sweepInbox(failing, {
					workflowId: 'wf-sync',
					node: 'Redelivery',
					now,
					policy: POLICY,
					everyMs: 15_000,
				})
			).abandoned;
		}
		expect(given).toEqual([
			{
				inboxId: accepted.id,
				entity: 'shopify:order:9',
				reason: 're-driven 3 times and still not settled by its workflow',
				exception: null,
				exceptionError: 'disk full',
			},
		]);
	});
});

describe.each(backends('inbox_purge'))(
	'settled deliveries are purged on %s',
	(_backend, makeConfig) => {
		const processes = twoProcesses(makeConfig, ['main', 'worker']);

		it('deletes deliveries settled before the retention, keeps newer and unsettled ones', async () => {
			const [main] = processes.ledgers;
			const t0 = Date.now();
			const retention = { auditMs: 1e12, writesMs: 60_000, approvalsMs: 1e12 };
			const old = await main.acceptDelivery(delivery('event-1', t0));
			const open = await main.acceptDelivery(delivery('event-2', t0));
			await main.noteDeliveries([{ id: old.id, outcome: 'duplicate' }], t0);
			expect((await main.purgeHistory(t0 + 30_000, retention)).inbox).toBe(0);
			expect((await main.purgeHistory(t0 + 61_000, retention)).inbox).toBe(1);
			expect(await main.getDelivery(old.id)).toBeUndefined();
			expect((await main.getDelivery(open.id))?.state).toBe('accepted');
		});
	},
);

describe('sweep decisions', () => {
	const due = (overrides: Partial<DueDelivery>): DueDelivery => ({
		...delivery('event-1', 0),
		id: 'i1',
		state: 'accepted',
		outcome: null,
		redrives: 0,
		claim: null,
		settledAt: null,
		linkedKey: null,
		...overrides,
	});

	it('backs off: the next re-drive is due after twice the wait, then four times', () => {
		expect(decideDue(due({}), 1000, POLICY)).toMatchObject({
			action: 'redrive',
			nextDueAt: 1000 + 120_000,
		});
		expect(decideDue(due({ redrives: 1 }), 1000, POLICY)).toMatchObject({
			action: 'redrive',
			nextDueAt: 1000 + 240_000,
		});
	});

	it('a delivery that only waited behind a confirmed claim is settled as a duplicate without a run', () => {
		const decision = decideDue(
			due({
				claim: { namespace: 'orders', key: '1', executionId: null },
				linkedKey: { state: 'confirmed', leaseUntil: null, ownerDead: false, ownerBeatAt: null },
			}),
			1000,
			POLICY,
		);
		expect(decision).toEqual({ action: 'settle', state: 'done', outcome: 'duplicate' });
	});

	it('a lapsed lease of a live holder is re-driven; a live lease is waited for', () => {
		const linked = { claim: { namespace: 'orders', key: '1', executionId: 'e1' } };
		expect(
			decideDue(
				due({
					...linked,
					linkedKey: { state: 'claimed', leaseUntil: 500, ownerDead: false, ownerBeatAt: 900 },
				}),
				1000,
				POLICY,
			),
		).toMatchObject({ action: 'redrive', reason: "its claim's lease lapsed unconfirmed" });
		// Looked at again when the lease ends or the holder would count as dead, whichever is first.
		expect(
			decideDue(
				due({
					...linked,
					linkedKey: { state: 'claimed', leaseUntil: 5000, ownerDead: false, ownerBeatAt: 900 },
				}),
				1000,
				POLICY,
			),
		).toMatchObject({ action: 'wait', nextDueAt: 5000 });
		const longLease = { state: 'claimed' as const, leaseUntil: 600_000, ownerDead: false };
		expect(
			decideDue(due({ ...linked, linkedKey: { ...longLease, ownerBeatAt: 900 } }), 1000, POLICY),
		).toMatchObject({ action: 'wait', nextDueAt: 900 + DEAD_AFTER_MS + 1 });
		expect(
			decideDue(due({ ...linked, linkedKey: { ...longLease, ownerBeatAt: null } }), 1000, POLICY),
		).toMatchObject({ action: 'wait', nextDueAt: 1000 + POLICY.redriveAfterMs });
	});
});
