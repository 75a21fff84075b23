/**
 * Orderflow Ops → Indicators → Compute through n8n's engine, over what the order sync template
 * really did in the sandbox (its trail), and over trail events of the other flows: cycle time,
 * exception rate, poll catch-ups, duplicates, retries, in-doubt writes, approvals, accuracy —
 * each against its threshold — and the weekly digest.
 */
import path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { defaultSqliteFile, getLedger, type AuditEvent, type Ledger } from '../../core/ledger';
import {
	orderRefOf,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	type TemplateRig,
} from '../../harness';
import { fixture, withParameters } from '../support/workflows';

const OPS = fixture(path.join(__dirname, '..', 'nodes', 'OrderflowOps'), 'ops');
const HOUR = 3_600_000;

describe('Orderflow Ops: Indicators → Compute', () => {
	let rig: TemplateRig;
	let ledger: Ledger;

	beforeEach(async () => {
		rig = await startTemplate('order-sync.json', [
			'Report Exception',
			'Address Change Approval',
			'Report Address Decision',
		]);
		ledger = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: rig.engine.userFolder }),
		});
	});
	afterEach(async () => await rig.close());

	const compute = async (parameters: INodeParameters = {}): Promise<IDataObject[]> =>
		(
			await rig.engine.execute(
				withParameters(OPS, 'Orderflow Ops', {
					resource: 'indicators',
					operation: 'compute',
					window: 'day',
					...parameters,
				}),
			)
		).output('Orderflow Ops');
	const find = (indicators: IDataObject[], name: string, flow?: string) =>
		indicators.find(
			(item) => item.indicator === name && (flow === undefined || item.flow === flow),
		);
	const order = (sku = 'TSHIRT-RED-M') =>
		rig.shopify.store.createOrder({ lines: [{ sku, quantity: 1 }], shippingAddress: ADDRESS });
	/** Trail events of another flow, as its nodes would have written them. */
	const appended = async (events: Array<Partial<AuditEvent> & { event: string }>) =>
		await ledger.appendAudit(
			events.map((event) => ({
				entity: 'shopify:order:1',
				workflowId: 'wf-other',
				at: Date.now() - HOUR,
				...event,
			})),
		);

	it('cycle time of the order sync: every order from its delivery to its booking, p50 / p95 / max, within 5 minutes', async () => {
		for (let i = 0; i < 3; i++) order();
		await rig.settle();
		const cycle = find(await compute(), 'cycleTime', rig.workflow.id);
		expect(cycle).toMatchObject({
			verdict: 'within',
			unit: 'minutes (p95)',
			threshold: 5,
			details: expect.objectContaining({ booked: 3, eventsIn: 3 }),
		});
		expect(cycle!.value).toBeLessThan(1);
		expect((cycle!.details as IDataObject).max).toBeGreaterThanOrEqual(
			(cycle!.details as IDataObject).p50 as number,
		);
	});

	it('cycle time of a refund: from its delivery to the credit memo written for its order, under the refund’s key', async () => {
		const now = Date.now();
		await appended([
			{ entity: 'shopify:refund:77', event: 'inbox.accepted', at: now - 10 * 60_000 },
			{
				entity: 'shopify:order:1025',
				event: 'write.done',
				decision: 'succeeded',
				at: now - 7 * 60_000,
				details: { key: 'shopify:refund:77:create', attempts: 1 },
			},
		]);
		expect(find(await compute(), 'cycleTime', 'wf-other')).toMatchObject({
			value: 3,
			verdict: 'within',
			details: expect.objectContaining({ booked: 1, eventsIn: 1 }),
		});
	});

	it('cycle time of split fulfillment: from the paid order’s delivery to its shipment request', async () => {
		const split = await startTemplate('split-fulfillment.json', [
			'Report Exception',
			'Report Fulfillment Exception',
			'Report Cancellation',
		]);
		try {
			split.shopify.store.createOrder({
				lines: [{ sku: 'TSHIRT-RED-L', quantity: 1 }],
				shippingAddress: ADDRESS,
			});
			await split.settle();
			const indicators = (
				await split.engine.execute(
					withParameters(OPS, 'Orderflow Ops', {
						resource: 'indicators',
						operation: 'compute',
						window: 'day',
					}),
				)
			).output('Orderflow Ops');
			expect(find(indicators, 'cycleTime', split.workflow.id)).toMatchObject({
				verdict: 'within',
				details: expect.objectContaining({ booked: 1, eventsIn: 1 }),
			});
		} finally {
			await split.close();
		}
	});

	it('exception rate: one order of two the ERP cannot book is 50 %, breached against 2 %', async () => {
		order();
		order('TOTE-NAT');
		await rig.settle();
		expect(find(await compute(), 'exceptionRate', rig.workflow.id)).toMatchObject({
			value: 50,
			verdict: 'breached',
			details: { exceptions: 1, eventsIn: 2 },
			message: expect.stringMatching(
				/^Exceptions opened per event in: 50 % of events in \(threshold 2 % of events in\) — look into it\.$/,
			),
		});
	});

	it('poll catch-ups: an order whose webhook never came, found by the poll, is the webhook loss rate', async () => {
		order();
		await rig.settle();
		rig.shopify.webhooks.faults = { reorder: true }; // its delivery is held: it never arrives in this test
		const lost = order();
		await rig.engine.poll(rig.workflow, 'Poll Fallback');
		await rig.settle();
		expect((await rig.salesOrders()).map((salesOrder) => salesOrder.externalRef)).toContain(
			orderRefOf(lost),
		);
		expect(find(await compute(), 'pollCatchUps', rig.workflow.id)).toMatchObject({
			value: 50,
			verdict: 'breached',
			details: { foundOnlyByThePoll: 1, eventsIn: 2 },
		});
	});

	it('duplicates absorbed: Shopify delivering everything three times — the order, and the update its tag makes — is over the 50 % threshold', async () => {
		rig.shopify.webhooks.faults = { duplicates: 2 };
		// Shopify stamps whole seconds: held still, the tag's update carries the version the order was
		// booked with (with a real clock, a second boundary between the order and its tag made it newer).
		const placedAt = new Date();
		rig.shopify.store.now = () => placedAt;
		order();
		await rig.settle();
		// 6 deliveries: orders/create and the tag's orders/updated, 3 each; 2 repeats of the create
		// answered by the inbox, and the 3 updates answered at the trigger as a version already booked.
		expect(find(await compute(), 'duplicates', rig.workflow.id)).toMatchObject({
			value: 83.33,
			verdict: 'breached',
			details: { absorbed: 5, deliveries: 6 },
		});
		expect(
			find(await compute({ thresholds: { duplicatePercent: 90 } }), 'duplicates', rig.workflow.id),
		).toMatchObject({ verdict: 'within' });
	});

	it('retries and in-doubt writes, over all flows', async () => {
		await appended([
			{ event: 'write.done', decision: 'succeeded', details: { attempts: 1 } },
			{ event: 'write.done', decision: 'succeeded', details: { attempts: 3 } },
			{ event: 'write.done', decision: 'replayed' },
			{ event: 'write.in-doubt', decision: 'unknown-outcome' },
			{ event: 'write.in-doubt', decision: 'replayed' },
		]);
		const indicators = await compute();
		expect(find(indicators, 'retries')).toMatchObject({
			flow: 'all flows',
			value: 50,
			verdict: 'breached',
			details: { retried: 1, writes: 2 },
		});
		expect(find(indicators, 'inDoubt')).toMatchObject({ value: 1, verdict: 'breached' });
	});

	it('approvals: how many, and the median wait from request to the decision that settled it', async () => {
		const now = Date.now();
		await appended([
			{ event: 'approval.requested', at: now - 10 * HOUR, details: { requestId: 'r1' } },
			{
				event: 'approval.decision',
				at: now - 9 * HOUR,
				details: { requestId: 'r1', settled: false },
			},
			{
				event: 'approval.decision',
				at: now - 4 * HOUR,
				details: { requestId: 'r1', settled: true },
			},
			{ event: 'approval.requested', at: now - 3 * HOUR, details: { requestId: 'r2' } },
			{
				event: 'approval.decision',
				at: now - 2 * HOUR,
				details: { requestId: 'r2', settled: true },
			},
			{ event: 'approval.requested', at: now - HOUR, details: { requestId: 'r3' } },
		]);
		expect(find(await compute(), 'approvals')).toMatchObject({
			value: 1,
			unit: 'hours (median wait)',
			verdict: 'within',
			details: { requested: 3, decided: 2, waiting: 1 },
		});
	});

	it('accuracy: the worst exception rate of the latest run of each reconciliation check', async () => {
		const now = Date.now();
		await appended([
			{
				entity: 'reconciliation:orders',
				event: 'reconcile.run',
				at: now - 20 * HOUR,
				details: { check: 'orders', exceptionRatePercent: 3, exceptions: 6 },
			},
			{
				entity: 'reconciliation:orders',
				event: 'reconcile.run',
				at: now - 2 * HOUR,
				details: { check: 'orders', exceptionRatePercent: 0.2, exceptions: 1 },
			},
			{
				entity: 'reconciliation:refunds',
				event: 'reconcile.run',
				at: now - 2 * HOUR,
				details: { check: 'refunds', exceptionRatePercent: 0.4, exceptions: 2 },
			},
		]);
		expect(find(await compute(), 'accuracy')).toMatchObject({
			value: 0.4,
			verdict: 'within',
			details: {
				checks: [
					expect.objectContaining({ check: 'orders', exceptionRatePercent: 0.2 }),
					expect.objectContaining({ check: 'refunds' }),
				],
			},
		});
	});

	it('the digest: a subject counting the breaches, an HTML mail with each indicator against its threshold, breaches first, and text for chat', async () => {
		order();
		order('TOTE-NAT');
		await rig.settle();
		const [digest] = await compute({ output: 'digest', window: 'week' });
		expect(digest.subject).toMatch(
			/^Orderflow weekly: [1-9]\d* of \d+ indicators breached \(\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2}\)$/,
		);
		const html = String(digest.html);
		expect(html.indexOf('breached</b>')).toBeLessThan(html.indexOf('>within<'));
		expect(html).not.toMatch(/<script|<svg|<img/);
		expect(String(digest.text).split('\n')[1]).toMatch(
			/^🔴 Exception rate — .*: 50 % of events in \(≤ 2\)$/,
		);
	});

	it('a custom window needs From before To', async () => {
		const execution = await rig.engine.execute(
			withParameters(OPS, 'Orderflow Ops', {
				resource: 'indicators',
				operation: 'compute',
				window: 'custom',
				from: '2026-12-06T00:00:00Z',
				to: '2026-12-01T00:00:00Z',
			}),
		);
		expect(execution.nodeError('Orderflow Ops')).toMatchObject({
			message: 'The custom window needs a From before its To',
			description: 'Set From and To to dates, From first.',
		});
	});
});
