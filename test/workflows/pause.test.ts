/**
 * Pause and resume through n8n's engine, on the order sync template: while the flow is paused,
 * Shopify's deliveries are answered 200 and parked, the poll does not run, nothing is booked;
 * resumed, the template's Redelivery Trigger runs what was parked, each order booked once, and
 * the poll finding the same orders afterwards books nothing more.
 */
import path from 'node:path';

import { defaultSqliteFile, getLedger, type Ledger } from '../../core/ledger';
import {
	orderRefOf,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	type TemplateRig,
} from '../../harness';
import { until } from '../support/until';
import { fixture, withParameters } from '../support/workflows';

describe('order sync: pause and resume (Orderflow Ops → Flow)', () => {
	let rig: TemplateRig;
	let ledger: Ledger;

	beforeEach(async () => {
		rig = await startTemplate('order-sync.json', ['Report Exception']);
		ledger = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: rig.engine.userFolder }),
		});
	});
	afterEach(async () => await rig.close());

	const ops = async (parameters: Record<string, string>) =>
		await rig.engine.execute(
			withParameters(
				fixture(path.join(__dirname, '..', 'nodes', 'OrderflowOps'), 'ops'),
				'Orderflow Ops',
				{ resource: 'flow', workflowId: rig.workflow.id!, ...parameters },
			),
		);

	it('parks what arrives while paused and books each order once after the resume, in the order it arrived', async () => {
		const paused = await ops({ operation: 'pause', by: 'ada@example.com', reason: 'ERP cutover' });
		expect(paused.output('Orderflow Ops')).toEqual([
			expect.objectContaining({ paused: true, pausedBy: 'ada@example.com', reason: 'ERP cutover' }),
		]);

		const orders = ['TSHIRT-RED-M', 'SOCKS-TRAIL-42', 'TSHIRT-RED-M'].map((sku) =>
			rig.shopify.store.createOrder({ lines: [{ sku, quantity: 1 }], shippingAddress: ADDRESS }),
		);
		await rig.settle();
		const deliveries = rig.shopify.webhooks.deliveries.filter(
			(delivery) => delivery.topic === 'orders/create',
		);
		expect(deliveries.map((delivery) => delivery.attempts.at(-1)?.status)).toEqual([200, 200, 200]);
		const polled = await rig.engine.poll(rig.workflow, 'Poll Fallback');
		expect(polled).toBeUndefined();
		expect(await rig.salesOrders()).toEqual([]);
		const status = await ops({ operation: 'getStatus' });
		expect(status.output('Orderflow Ops')).toEqual([
			expect.objectContaining({
				paused: true,
				parked: 3,
				summary: expect.stringMatching(
					/^Paused since .* by ada@example\.com \(ERP cutover\); 3 deliveries parked, to run on resume\.$/,
				),
			}),
		]);
		expect(
			(await ledger.polls()).find((poll) => poll.workflowId === rig.workflow.id),
		).toMatchObject({
			error: expect.stringMatching(
				/^not polled: the flow is paused since .* by ada@example\.com \(ERP cutover\)$/,
			),
		});

		const trigger = await rig.engine.startTrigger(
			withParameters(rig.workflow, 'Redelivery', { sweepEvery: 1 }),
			'Redelivery',
		);
		try {
			await until('the trigger to sweep', async () =>
				(await ledger.sweepersOf(rig.workflow.id!)).length > 0 ? true : undefined,
			);
			const resumed = await ops({ operation: 'resume', by: 'grace@example.com' });
			expect(resumed.output('Orderflow Ops')).toEqual([
				expect.objectContaining({ paused: false, released: 3, warning: null }),
			]);
			await until('every order to be booked', async () =>
				(await rig.salesOrders()).length === 3 ? true : undefined,
			);
			await rig.settle();
		} finally {
			await trigger.close();
		}
		const booked = await rig.salesOrders();
		expect(booked.map((salesOrder) => salesOrder.externalRef)).toEqual(orders.map(orderRefOf));
		// The poll runs again and finds the same three orders: each a duplicate, nothing booked twice.
		await rig.engine.poll(rig.workflow, 'Poll Fallback');
		await rig.settle();
		expect(await rig.salesOrders()).toHaveLength(3);
		const trail = (await ledger.trail(orderRefOf(orders[0]))).map((event) => event.summary);
		expect(trail).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					/while the flow was paused \(by ada@example\.com since .*\); kept, to run when the flow is resumed\.$/,
				),
				'Delivery run again (attempt 1): parked while its flow was paused; the flow was resumed.',
			]),
		);
	});

	it('refuses a pause that does not say who or why', async () => {
		// Blank, not empty: n8n itself refuses an empty required field before the node runs.
		const refused = await ops({ operation: 'pause', by: ' ', reason: '  ' });
		expect(refused.nodeError('Orderflow Ops')).toMatchObject({
			message: 'By, Reason must be given to pause a flow',
		});
		expect(await ledger.flowPauses()).toEqual([]);
	});
});
