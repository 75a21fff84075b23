/**
 * The exception queue, seen through the order sync template run by n8n's engine: every Failed and
 * In Doubt write lands in the ledger by itself (the alert names it), a repeat counts on it, a later
 * success resolves it with a note, and an alert that cannot be sent loses nothing.
 */
import path from 'node:path';

import { defaultSqliteFile, getLedger, type ExceptionRecord, type Ledger } from '../../core/ledger';
import {
	orderRefOf,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	supportDesk,
	type TemplateRig,
} from '../../harness';
import { until } from '../support/until';
import { fixture, withParameters } from '../support/workflows';

const ALERT_NODES = ['Report Exception', 'Address Change Approval', 'Report Address Decision'];

describe('order sync: the exception queue', () => {
	let rig: TemplateRig;
	let ledger: Ledger;

	async function start(urlNodes = ALERT_NODES, options: { erpIdempotencyHeader?: string } = {}) {
		rig = await startTemplate('order-sync.json', urlNodes, options);
		ledger = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: rig.engine.userFolder }),
		});
	}
	afterEach(async () => await rig.close());

	const exceptionsOf = async (ref: string): Promise<ExceptionRecord[]> =>
		await ledger.listExceptions({ entity: ref });
	const unknownSkuOrder = () =>
		rig.shopify.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			shippingAddress: ADDRESS,
		});

	it('an order the ERP cannot book opens one exception naming the SKU, what to do, and the item; the alert names it', async () => {
		await start();
		const order = unknownSkuOrder();
		await rig.settle();
		const [exception] = await exceptionsOf(orderRefOf(order));
		expect(exception).toMatchObject({
			kind: 'failed',
			state: 'open',
			node: 'ERP Upsert Sales Order',
			workflowId: rig.workflow.id,
			reason: expect.stringContaining('unknown SKU TOTE-NAT'),
			action: expect.stringMatching(/^Fix what the ERP refused/),
			timesSeen: 1,
		});
		expect((exception.item.payload as { name: string }).name).toBe(order.name);
		const [alert] = rig.sent('Report Exception');
		expect(alert).toMatchObject({
			exception: `E-${exception.id}`,
			text: expect.stringMatching(new RegExp(`^Order sync exception E-${exception.id}: `)),
		});
		expect((await ledger.trail(orderRefOf(order))).map((event) => event.event)).toContain(
			'exception.opened',
		);
	});

	it('the same failure again counts on the open exception instead of opening a second', async () => {
		await start();
		const order = unknownSkuOrder();
		await rig.settle();
		await rig.engine.poll(rig.workflow, 'Poll Fallback'); // the poll finds the order again: same failure
		await rig.settle();
		const exceptions = await exceptionsOf(orderRefOf(order));
		expect(exceptions).toHaveLength(1);
		expect(exceptions[0].timesSeen).toBeGreaterThanOrEqual(2);
	});

	it('once the SKU exists, the poll books the order and the exception resolves by itself, saying so', async () => {
		await start();
		const order = unknownSkuOrder();
		await rig.settle();
		await rig.erpCall('POST', '/_control/skus', { sku: 'TOTE-NAT', description: 'Tote bag' });
		await rig.engine.poll(rig.workflow, 'Poll Fallback');
		await rig.settle();
		expect(await rig.salesOrders()).toEqual([
			expect.objectContaining({ externalRef: orderRefOf(order) }),
		]);
		const [exception] = await exceptionsOf(orderRefOf(order));
		expect(exception).toMatchObject({
			state: 'resolved',
			resolution: 'automatic',
			resolvedBy: 'Orderflow',
			note: expect.stringMatching(
				/^Resolved automatically: execution \d+ at ERP Upsert Sales Order succeeded for it$/,
			),
		});
		expect(await ledger.listExceptions({ state: 'unresolved' })).toEqual([]);
	});

	it('a write whose answer was lost, against an ERP that does not dedupe, is an In Doubt exception with what to check', async () => {
		await start(ALERT_NODES, { erpIdempotencyHeader: '' });
		await rig.erpCall('PUT', '/_control/faults', [
			{ method: 'POST', path: '/sales-orders', kind: 'commit-then-drop', times: 1 },
		]);
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		const [exception] = await exceptionsOf(orderRefOf(order));
		expect(exception).toMatchObject({
			kind: 'in_doubt',
			state: 'open',
			action: expect.stringMatching(/^Check in the ERP whether it was applied/),
		});
		expect(rig.sent('Report Exception')[0].exception).toBe(`E-${exception.id}`);
	});

	it('ERP commit-then-drop: support resolves the in-doubt write as applied with Orderflow Ops; the next run replays it, tags the order, and the exception resolves', async () => {
		await start(ALERT_NODES, { erpIdempotencyHeader: '' });
		await rig.erpCall('PUT', '/_control/faults', [
			{ method: 'POST', path: '/sales-orders', kind: 'commit-then-drop', times: 1 },
		]);
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		const [write] = await ledger.inDoubtWrites({ entity: orderRefOf(order) });
		const [booked] = await rig.salesOrders();
		// Until someone decides, a later run (the poll) replays In Doubt and sends nothing.
		await rig.engine.poll(rig.workflow, 'Poll Fallback');
		await rig.settle();
		expect(await rig.salesOrders()).toHaveLength(1);
		expect((await exceptionsOf(orderRefOf(order)))[0]).toMatchObject({
			kind: 'in_doubt',
			state: 'open',
			timesSeen: 2,
		});

		const ops = withParameters(
			fixture(path.join(__dirname, '..', 'nodes', 'OrderflowOps'), 'ops'),
			'Orderflow Ops',
			{
				resource: 'inDoubtWrite',
				operation: 'resolveAsApplied',
				scope: write.scope,
				key: write.key,
				remoteRecord: JSON.stringify(booked),
				by: 'ada@example.com',
				note: `${String(booked.id)} is in the ERP`,
			},
		);
		expect((await rig.engine.execute(ops)).output('Orderflow Ops')).toEqual([
			expect.objectContaining({ resolution: 'applied' }),
		]);

		// The next run of the order (here its delivery again, as a re-drive or Shopify's retry brings it).
		const replay = await rig.redeliver('orders/create');
		expect(replay.output('ERP Upsert Sales Order', 0)).toEqual([
			expect.objectContaining({
				erp: expect.objectContaining({ outcome: 'done', replayed: true }),
			}),
		]);
		expect(await rig.salesOrders()).toHaveLength(1);
		expect(rig.shopify.store.order(order.id)!.tags).toContain('erp-synced');
		expect((await exceptionsOf(orderRefOf(order)))[0]).toMatchObject({
			state: 'resolved',
			resolution: 'applied',
			resolvedBy: 'ada@example.com',
		});
	});

	const ops = async (parameters: Record<string, string>) =>
		await rig.engine.execute(
			withParameters(
				fixture(path.join(__dirname, '..', 'nodes', 'OrderflowOps'), 'ops'),
				'Orderflow Ops',
				parameters,
			),
		);

	it('Retry of an order the ERP could not book: once the SKU exists, the Redelivery Trigger runs the order again, it is booked, and the exception resolves by itself', async () => {
		await start();
		const order = unknownSkuOrder();
		await rig.settle();
		const [exception] = await exceptionsOf(orderRefOf(order));
		// The template's Redelivery Trigger, sweeping every second for the test.
		const trigger = await rig.engine.startTrigger(
			withParameters(rig.workflow, 'Redelivery', { sweepEvery: 1 }),
			'Redelivery',
		);
		try {
			await until('the trigger to sweep', async () =>
				(await ledger.sweepersOf(rig.workflow.id!)).length > 0 ? true : undefined,
			);
			await rig.erpCall('POST', '/_control/skus', { sku: 'TOTE-NAT', description: 'Tote bag' });
			const retried = await ops({
				resource: 'exception',
				operation: 'retry',
				exceptionId: `E-${exception.id}`,
				by: 'ada@example.com',
				note: 'TOTE-NAT added to the ERP',
			});
			expect(retried.output('Orderflow Ops')).toEqual([
				expect.objectContaining({
					exception: `E-${exception.id}`,
					state: 'acknowledged',
					acknowledgedBy: 'ada@example.com',
					retry: expect.objectContaining({
						how: 'redrive',
						message: expect.stringMatching(/^Queued for the workflow's Redelivery Trigger/),
					}),
				}),
			]);
			await until('the order to be booked', async () =>
				(await rig.salesOrders()).some((so) => so.externalRef === orderRefOf(order))
					? true
					: undefined,
			);
			const resolved = await until('the exception to resolve', async () => {
				const [current] = await exceptionsOf(orderRefOf(order));
				return current.state === 'resolved' ? current : undefined;
			});
			expect(resolved).toMatchObject({ resolution: 'automatic' });
			const summaries = (await ledger.trail(orderRefOf(order))).map((event) => event.summary);
			expect(summaries).toEqual(
				expect.arrayContaining([
					`ada@example.com asked to retry exception E-${exception.id}: queued for the workflow's Redelivery Trigger to run again.`,
					`Delivery run again (attempt 1): retry of E-${exception.id} requested by ada@example.com.`,
				]),
			);
			expect(await rig.salesOrders()).toHaveLength(1);
		} finally {
			await trigger.close();
		}
	});

	it('Retry refuses an in-doubt write (resolve it instead) and says why when nothing would send the order again', async () => {
		await start(ALERT_NODES, { erpIdempotencyHeader: '' });
		await rig.erpCall('PUT', '/_control/faults', [
			{ method: 'POST', path: '/sales-orders', kind: 'commit-then-drop', times: 1 },
		]);
		const doubtful = rig.shopify.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		const refused = unknownSkuOrder();
		await rig.settle();
		const [inDoubt] = await exceptionsOf(orderRefOf(doubtful));
		const blocked = await ops({
			resource: 'exception',
			operation: 'retry',
			exceptionId: `E-${inDoubt.id}`,
			by: 'ada@example.com',
		});
		expect(blocked.nodeError('Orderflow Ops')).toMatchObject({
			message: expect.stringMatching(/is an in-doubt write: the remote may already hold it/),
			description: expect.stringMatching(/Resolve as Applied/),
		});
		// No Redelivery Trigger has swept this workflow, and the failed run gave its key back already.
		const [failed] = await exceptionsOf(orderRefOf(refused));
		const nothing = await ops({
			resource: 'exception',
			operation: 'retry',
			exceptionId: `E-${failed.id}`,
			by: 'ada@example.com',
		});
		expect(nothing.nodeError('Orderflow Ops')).toMatchObject({
			message: expect.stringMatching(
				/has no Orderflow Redelivery Trigger sweeping its inbox, and the dedupe key of .* is free already/,
			),
		});
		expect((await exceptionsOf(orderRefOf(refused)))[0].state).toBe('open');
	});

	it('with the alert still pointing at the placeholder Slack URL, the exception is recorded all the same, and so is the alert that could not be sent', async () => {
		await start(ALERT_NODES.filter((node) => node !== 'Report Exception'));
		const order = unknownSkuOrder();
		await rig.settle();
		expect(rig.sent('Report Exception')).toEqual([]);
		const [exception] = await exceptionsOf(orderRefOf(order));
		expect(exception).toMatchObject({ kind: 'failed', state: 'open' });
		const failed = (await ledger.trail(orderRefOf(order))).find(
			(event) => event.event === 'exception.alert-failed',
		);
		expect(failed).toMatchObject({
			node: 'Report Exception',
			summary: expect.stringMatching(
				new RegExp(
					`^The alert about exception E-${exception.id} \\(Report Exception\\) could not be sent: .+; the exception stays in the queue\\.$`,
				),
			),
		});
	});

	it('an alert names the exception and links its page on the support desk (the address the desk was last served from)', async () => {
		await start();
		const desk = supportDesk(rig.engine);
		expect((await desk.get()).response.statusCode).toBe(200);
		const order = unknownSkuOrder();
		await rig.settle();
		const [exception] = await exceptionsOf(orderRefOf(order));
		const link = `${rig.engine.baseUrl}/webhook/support-desk?q=${encodeURIComponent(orderRefOf(order))}`;
		expect(rig.sent('Report Exception')[0]).toMatchObject({
			exception: `E-${exception.id}`,
			desk: link,
			text: expect.stringMatching(
				new RegExp(`^Order sync exception E-${exception.id}: .* ${link.replace(/[.?]/g, '\\$&')}$`),
			),
		});
	});

	it('a booked order opens no exception', async () => {
		await start();
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 2 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		expect(await rig.salesOrders()).toHaveLength(1);
		expect(await exceptionsOf(orderRefOf(order))).toEqual([]);
	});
});
