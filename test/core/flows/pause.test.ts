/**
 * Pausing a flow on both backends: deliveries parked while paused never reach the sweep, a resume
 * makes them due at once in the order they arrived, and the pause and resume are on the flow's trail.
 */
import { flowEntity, flowStatus, pauseFlow, resumeFlow } from '../../../core/flows/pause';
import { checkHealth, DEFAULT_THRESHOLDS } from '../../../core/health/checks';
import { sweepInbox, type RedeliveryPolicy } from '../../../core/inbox/recovery';
import type { NewDelivery } from '../../../core/ledger';
import type { SqlLedger } from '../../../core/ledger/sql-ledger';
import { backends, twoProcesses } from '../../support/ledgers';

const POLICY: RedeliveryPolicy = { redriveAfterMs: 60_000, maxRedrives: 3 };

function delivery(n: number, receivedAt: number, parked: boolean): NewDelivery {
	return {
		workflowId: 'wf-sync',
		node: 'Shopify Orders',
		topic: 'orders/create',
		eventId: `event-${n}`,
		entity: `shopify:order:${n}`,
		item: { payload: { id: n } },
		receivedAt,
		dueAt: receivedAt,
		acceptedBy: 'main',
		parked,
	};
}

describe.each(backends('pause'))('flow pause on %s', (_backend, makeConfig) => {
	const processes = twoProcesses(makeConfig, ['main', 'worker']);
	let main: SqlLedger;
	let worker: SqlLedger;
	beforeEach(() => ([main, worker] = processes.ledgers));

	const sweep = async (now: number) =>
		await sweepInbox(main, {
			workflowId: 'wf-sync',
			node: 'Redelivery',
			now,
			policy: POLICY,
			everyMs: 30_000,
		});

	it('keeps what arrives while paused out of every sweep, and a resume drains it at once in the order it arrived', async () => {
		const t0 = Date.now();
		const paused = await pauseFlow(worker, {
			workflowId: 'wf-sync',
			by: 'ada@example.com',
			reason: 'cutover',
			now: t0,
			node: 'Ops',
		});
		expect(paused).toMatchObject({
			paused: true,
			pausedBy: 'ada@example.com',
			reason: 'cutover',
			parked: 0,
		});
		for (const n of [3, 1, 2]) await main.acceptDelivery(delivery(n, t0 + n * 1000, true));
		expect((await sweep(t0 + 3_600_000)).redelivered).toEqual([]);
		expect(await flowStatus(main, 'wf-sync')).toMatchObject({
			paused: true,
			parked: 3,
			summary: expect.stringMatching(
				/^Paused since .* by ada@example\.com \(cutover\); 3 deliveries parked/,
			),
		});

		// A second pause (someone else, another reason) keeps when the pause began.
		await pauseFlow(main, {
			workflowId: 'wf-sync',
			by: 'grace@example.com',
			reason: 'rollback',
			now: t0 + 5000,
			node: 'Ops',
		});
		expect((await main.flowPauses('wf-sync'))[0]).toMatchObject({
			pausedAt: t0,
			by: 'grace@example.com',
			reason: 'rollback',
		});

		await main.recordSweep({
			workflowId: 'wf-sync',
			node: 'Redelivery',
			everyMs: 30_000,
			sweptAt: t0 + 6000,
		});
		const resumed = await resumeFlow(worker, {
			workflowId: 'wf-sync',
			by: 'grace@example.com',
			now: t0 + 7000,
			node: 'Ops',
			redeliveryWithinMs: 300_000,
		});
		expect(resumed).toMatchObject({ paused: false, released: 3, parked: 0, warning: null });
		const drained = await sweep(t0 + 7001);
		expect(drained.redelivered.map((redelivery) => redelivery.item.payload)).toEqual([
			{ id: 1 },
			{ id: 2 },
			{ id: 3 },
		]);
		expect(drained.redelivered[0].reason).toBe(
			'parked while its flow was paused; the flow was resumed',
		);
		expect((await sweep(t0 + 7002)).redelivered).toEqual([]);
		expect(
			(await main.trail(flowEntity('wf-sync'))).map(
				(event) => `${event.event} ${String((event.details as { by?: string }).by)}`,
			),
		).toEqual([
			'flow.paused ada@example.com',
			'flow.paused grace@example.com',
			'flow.resumed grace@example.com',
		]);
	});

	it('a resume says so when the flow was not paused, or when no Redelivery Trigger is there to run what it parked', async () => {
		const t0 = Date.now();
		expect(
			await resumeFlow(main, {
				workflowId: 'wf-other',
				by: 'ada',
				now: t0,
				node: 'Ops',
				redeliveryWithinMs: 300_000,
			}),
		).toMatchObject({ released: 0, warning: 'The flow was not paused.' });
		await pauseFlow(main, {
			workflowId: 'wf-lonely',
			by: 'ada',
			reason: 'test',
			now: t0,
			node: 'Ops',
		});
		await main.acceptDelivery({ ...delivery(9, t0, true), workflowId: 'wf-lonely' });
		const resumed = await resumeFlow(main, {
			workflowId: 'wf-lonely',
			by: 'ada',
			now: t0 + 1,
			node: 'Ops',
			redeliveryWithinMs: 300_000,
		});
		expect(resumed).toMatchObject({
			released: 1,
			warning: expect.stringMatching(
				/^1 parked deliveries are due, but no Redelivery Trigger of this workflow has swept lately/,
			),
		});
	});

	it('a parked delivery Shopify sends again stays one parked delivery', async () => {
		const t0 = Date.now();
		await pauseFlow(main, {
			workflowId: 'wf-sync',
			by: 'ada',
			reason: 'test',
			now: t0,
			node: 'Ops',
		});
		expect((await main.acceptDelivery(delivery(5, t0, true))).accepted).toBe(true);
		expect((await worker.acceptDelivery(delivery(5, t0 + 10, true))).accepted).toBe(false);
		expect(await main.countDeliveries('parked', 'wf-sync')).toBe(1);
	});

	it('the health check names a pause nobody ended: ok for its first hours, breached after, gone once resumed', async () => {
		const t0 = Date.now();
		await pauseFlow(main, {
			workflowId: 'wf-sync',
			by: 'ada',
			reason: 'cutover',
			now: t0,
			node: 'Ops',
		});
		const paused = async (now: number) =>
			(await checkHealth(main, DEFAULT_THRESHOLDS, now)).filter(
				(check) => check.check === 'paused',
			);
		expect(await paused(t0 + 3_600_000)).toEqual([
			expect.objectContaining({ subject: 'wf-sync', status: 'ok', value: 1, threshold: 4 }),
		]);
		expect(await paused(t0 + 5 * 3_600_000)).toEqual([
			expect.objectContaining({
				status: 'breached',
				value: 5,
				message: expect.stringMatching(
					/^The flow is paused since .* by ada \(cutover\): what arrives is parked, not booked\. Resume it/,
				),
			}),
		]);
		await resumeFlow(main, {
			workflowId: 'wf-sync',
			by: 'ada',
			now: t0 + 6 * 3_600_000,
			node: 'Ops',
			redeliveryWithinMs: 300_000,
		});
		expect(await paused(t0 + 6 * 3_600_000)).toEqual([]);
	});
});
