/**
 * Orderflow Ops → Health → Check through n8n's engine: each check measured from the ledger, held
 * against its threshold, with what to do when breached — a poll that stopped, a Redelivery Trigger
 * that no longer sweeps, exceptions nobody works, writes in doubt, claims past their lease,
 * deliveries nobody settled, the ledger's schema and disk.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_THRESHOLDS } from '../../../core/health/checks';
import { defaultSqliteFile, getLedger, type Ledger } from '../../../core/ledger';
import { LATEST_SCHEMA_VERSION } from '../../../core/ledger/migrations';
import { Engine } from '../../../harness';
import { exception } from '../../support/exceptions';
import { fixture, withParameters } from '../../support/workflows';

const MINUTE = 60_000;

describe('Orderflow Ops: Health → Check', () => {
	let engine: Engine;
	let ledger: Ledger;
	const check = async (parameters: INodeParameters = {}): Promise<IDataObject[]> =>
		(
			await engine.execute(
				withParameters(fixture(__dirname, 'ops'), 'Orderflow Ops', {
					resource: 'health',
					operation: 'check',
					...parameters,
				}),
			)
		).output('Orderflow Ops');
	const find = (checks: IDataObject[], name: string, subject?: string) =>
		checks.find(
			(item) => item.check === name && (subject === undefined || item.subject === subject),
		);

	beforeEach(async () => {
		engine = await Engine.start();
		ledger = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: engine.userFolder }),
		});
	});

	it('on a quiet ledger every check is ok: the ledger at the latest schema, its disk, and nothing piling up', async () => {
		const checks = await check();
		expect(checks.map((item) => item.check)).toEqual([
			'ledger',
			'disk',
			'exceptions',
			'erroredExecutions',
			'inDoubt',
			'stuckClaims',
			'approvals',
			'inbox',
		]);
		expect(checks.every((item) => item.status === 'ok')).toBe(true);
		expect(find(checks, 'ledger')).toMatchObject({
			value: LATEST_SCHEMA_VERSION,
			threshold: LATEST_SCHEMA_VERSION,
			message: expect.stringMatching(/^The embedded ledger answers, schema v\d+, [\d.]+ MB\.$/),
		});
		expect(find(checks, 'disk')).toMatchObject({
			unit: 'MB free',
			threshold: 1024,
			value: expect.any(Number),
		});
	});

	it('a poll that stopped is breached with its age, its last error and what to do; one that polls is ok', async () => {
		const now = Date.now();
		await ledger.recordPoll({
			workflowId: 'wf-sync',
			node: 'Poll Fallback',
			everyMs: 15 * MINUTE,
			at: now - 40 * MINUTE,
			highWaterMark: '2026-12-01T10:00:00Z',
		});
		await ledger.recordPoll({
			workflowId: 'wf-sync',
			node: 'Poll Fallback',
			everyMs: 15 * MINUTE,
			at: now - 5 * MINUTE,
			error: 'Shopify answered 401: token revoked',
		});
		await ledger.recordPoll({
			workflowId: 'wf-refunds',
			node: 'Poll Fallback',
			everyMs: 15 * MINUTE,
			at: now - 5 * MINUTE,
			highWaterMark: '2026-12-06T01:00:00Z',
		});
		const checks = await check();
		expect(find(checks, 'poll', 'wf-sync / Poll Fallback')).toMatchObject({
			status: 'breached',
			value: 40,
			threshold: 30,
			message: expect.stringMatching(
				/^The poll has not succeeded for 40 minutes \(it runs every 15\)\. Its last poll failed: Shopify answered 401: token revoked\. Its mark is 2026-12-01T10:00:00Z\. Check that the workflow is published/,
			),
		});
		expect(find(checks, 'poll', 'wf-refunds / Poll Fallback')).toMatchObject({
			status: 'ok',
			value: 5,
		});
	});

	it('a poll trigger run through the engine notes its poll, so the check sees it polling', async () => {
		const { ShopifyEmulator } = await import('../../../sandbox/shopify/server');
		const { seededStore } = await import('../../../sandbox/shopify/seed');
		const emulator = await ShopifyEmulator.start({
			store: seededStore(),
			accessTokens: ['shpat_health'],
		});
		try {
			engine.credentials.set('Shop', {
				type: 'shopifyAdminApi',
				data: { shopDomain: emulator.url, accessToken: 'shpat_health' },
			});
			await engine.poll(fixture(`${__dirname}/../ShopifyTrigger`, 'poll-trigger'));
			const [poll] = await ledger.polls();
			expect(poll).toMatchObject({
				node: 'Shopify Poll',
				everyMs: 15 * MINUTE,
				error: null,
				succeededAt: expect.any(Number),
			});
			expect(find(await check(), 'poll')).toMatchObject({
				status: 'ok',
				subject: `${poll.workflowId} / Shopify Poll`,
			});
		} finally {
			await emulator.close();
		}
	});

	it('a Redelivery Trigger that stopped sweeping is breached; one sweeping is ok', async () => {
		const now = Date.now();
		await ledger.recordSweep({
			workflowId: 'wf-sync',
			node: 'Redelivery',
			everyMs: 15_000,
			sweptAt: now - 10 * MINUTE,
		});
		await ledger.recordSweep({
			workflowId: 'wf-other',
			node: 'Redelivery',
			everyMs: 15_000,
			sweptAt: now - 10_000,
		});
		const checks = await check();
		expect(find(checks, 'sweeper', 'wf-sync / Redelivery')).toMatchObject({
			status: 'breached',
			value: 10,
			threshold: 0.8,
			message: expect.stringMatching(
				/has not swept for 10 minutes: deliveries whose run died are not re-driven/,
			),
		});
		expect(find(checks, 'sweeper', 'wf-other / Redelivery')).toMatchObject({ status: 'ok' });
	});

	it('exceptions nobody works for a day are breached; a longer age threshold lets them wait', async () => {
		await ledger.recordExceptions([
			exception({ at: Date.now() - 30 * 3_600_000 }),
			exception({ entity: 'shopify:order:1026', at: Date.now() }),
		]);
		expect(find(await check(), 'exceptions')).toMatchObject({
			status: 'breached',
			value: 1,
			threshold: 0,
			message: expect.stringMatching(
				/^1 unresolved exception\(s\) older than 24 hours\. Work them on the support desk/,
			),
		});
		expect(
			find(await check({ thresholds: { exceptionAgeHours: 48 } }), 'exceptions'),
		).toMatchObject({ status: 'ok', value: 0 });
	});

	it('executions that failed (recorded by the error workflow) are breached while unresolved, whatever their age', async () => {
		await ledger.recordExceptions([
			exception({
				kind: 'errored',
				entity: 'workflow:wf-sync',
				node: 'Tag Order Synced',
				at: Date.now(),
			}),
		]);
		expect(find(await check(), 'erroredExecutions')).toMatchObject({
			status: 'breached',
			value: 1,
			threshold: 0,
			message: expect.stringMatching(
				/^1 failed execution\(s\) unresolved\. Open each execution in n8n/,
			),
		});
	});

	it('writes in doubt, claims held past their lease and deliveries nobody settled are breached, each saying what to do', async () => {
		const now = Date.now();
		await ledger.beginWrite({
			scope: 'erp',
			key: 'k1',
			fingerprint: 'f',
			owner: 'o',
			leaseMs: 60_000,
			entity: 'shopify:order:1025',
			now,
		});
		await ledger.finishWrite({
			scope: 'erp',
			key: 'k1',
			owner: 'o',
			state: 'in_doubt',
			status: null,
			body: null,
			error: 'lost answer',
			now,
		});
		await ledger.claim([{ key: '1025', version: null, versionRank: null }], {
			namespace: 'orders',
			hold: true,
			leaseMs: 1000,
			retentionMs: 86_400_000,
			workflowId: 'wf',
			executionId: 'e1',
			token: 'e1',
			now: now - 60_000,
		});
		await ledger.acceptDelivery({
			workflowId: 'wf',
			node: 'Shopify Orders',
			topic: 'orders/create',
			eventId: 'ev-1',
			entity: 'shopify:order:1025',
			item: {},
			receivedAt: now - 20 * MINUTE,
			dueAt: now - 20 * MINUTE,
			acceptedBy: 'main',
		});
		const checks = await check();
		expect(find(checks, 'inDoubt')).toMatchObject({
			status: 'breached',
			value: 1,
			message: expect.stringMatching(/resolve it as applied or not applied/),
		});
		expect(find(checks, 'stuckClaims')).toMatchObject({
			status: 'breached',
			value: 1,
			message: expect.stringMatching(/held past their lease/),
		});
		expect(find(checks, 'inbox')).toMatchObject({
			status: 'breached',
			value: 1,
			message: expect.stringMatching(/Add \(or publish\) the workflow’s Redelivery Trigger/),
		});
	});

	it('approval requests waiting longer than their threshold are breached, saying to remind the approvers', async () => {
		await ledger.createApproval({
			requestId: 'r1',
			secret: 's',
			workflowId: 'wf-refunds',
			executionId: '7',
			node: 'Refund Approval',
			createdAt: Date.now() - 6 * 3_600_000,
			expiresAt: Date.now() + 3_600_000,
			quorum: 1,
			payload: {},
		});
		expect(find(await check(), 'approvals')).toMatchObject({
			status: 'breached',
			value: 1,
			message: expect.stringMatching(
				/^1 approval request\(s\) pending for over 4 hours\. Remind the approvers/,
			),
		});
		expect(find(await check({ thresholds: { approvalWaitHours: 8 } }), 'approvals')).toMatchObject({
			status: 'ok',
		});
	});

	it('Report Breaches outputs only what is breached; Skip Workflows leaves a workflow’s triggers out', async () => {
		await ledger.recordPoll({
			workflowId: 'wf-retired',
			node: 'Poll Fallback',
			everyMs: 15 * MINUTE,
			at: Date.now() - 10 * 24 * 60 * MINUTE,
		});
		expect((await check({ report: 'breaches' })).map((item) => [item.check, item.subject])).toEqual(
			[['poll', 'wf-retired / Poll Fallback']],
		);
		expect(
			await check({ report: 'breaches', thresholds: { skipWorkflows: 'wf-retired, wf-other' } }),
		).toEqual([]);
	});

	it('Report Changes: a breach once when it begins, not again while it lasts, and its recovery once, with how long it lasted', async () => {
		const poll = { workflowId: 'wf-sync', node: 'Poll Fallback', everyMs: 15 * MINUTE };
		await ledger.recordPoll({ ...poll, at: Date.now() - 45 * MINUTE });
		expect(await check({ report: 'changes' })).toEqual([
			expect.objectContaining({
				check: 'poll',
				subject: 'wf-sync / Poll Fallback',
				status: 'breached',
				change: 'breached',
			}),
		]);
		expect(await check({ report: 'changes' })).toEqual([]);
		await ledger.recordPoll({ ...poll, at: Date.now() });
		expect(await check({ report: 'changes' })).toEqual([
			expect.objectContaining({
				check: 'poll',
				status: 'ok',
				change: 'recovered',
				breachedMinutes: 0,
			}),
		]);
		expect(await check({ report: 'changes' })).toEqual([]);
	});

	it('a disk with less room than the threshold is breached, saying to free room or move to PostgreSQL', async () => {
		expect(
			find(await check({ thresholds: { minFreeDiskMb: 1_000_000_000 } }), 'disk'),
		).toMatchObject({
			status: 'breached',
			message: expect.stringMatching(
				/left on the ledger's disk: free some room, or move the ledger to PostgreSQL/,
			),
		});
	});

	it('the editor’s threshold defaults are the ones the check applies', async () => {
		const { OrderflowOps } = await import('../../../nodes/OrderflowOps/OrderflowOps.node');
		const thresholds = new OrderflowOps().description.properties.find(
			(property) => property.name === 'thresholds',
		)!;
		const defaults = Object.fromEntries(
			(thresholds.options as Array<{ name: string; default: unknown }>)
				.filter((option) => option.name !== 'skipWorkflows')
				.map((option) => [option.name, option.default]),
		);
		expect(defaults).toEqual(
			Object.fromEntries(
				Object.entries(DEFAULT_THRESHOLDS).filter(([name]) => name !== 'skipWorkflows'),
			),
		);
	});
});
