/**
 * The go-live catalog's cutover scenarios: the rollback drill of docs/runbooks/rollback.md, done
 * on the published order sync template — pause it, switch it off (Shopify's subscriptions go with
 * it), orders keep coming, switch it on, resume — and nothing lost, nothing booked twice; and a
 * refund requested on the support form, approved or rejected before any money moves.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { embeddedLedgerConfig, getLedger } from '../../core/ledger';
import {
	orderRefOf,
	refundRequestForm,
	SHIP_TO_BERLIN as ADDRESS,
	type TemplateRig,
	type WorkflowJson,
} from '../../harness';
import type { OrderRecord } from '../../sandbox/shopify/store';
import { check, type Scenario, type ScenarioContext } from './scenarios';

const OPERATOR = 'Ops (go-live run)';

/** Orderflow Ops → Flow, run by hand from a small workflow, as an operator would in n8n. */
async function flowOperation(rig: TemplateRig, parameters: INodeParameters): Promise<IDataObject> {
	const workflow: WorkflowJson = {
		id: 'orderflowRollbackDrill',
		name: 'Rollback drill',
		nodes: [
			{
				id: 'drill-start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'drill-ops',
				name: 'Orderflow Ops',
				type: 'n8n-nodes-orderflow.orderflowOps',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'flow', ...parameters },
			},
		],
		connections: { Start: { main: [[{ node: 'Orderflow Ops', type: 'main', index: 0 }]] } },
	};
	const run = await rig.engine.execute(workflow);
	if (run.status !== 'success')
		throw new Error(
			`Orderflow Ops → Flow → ${String(parameters.operation)} ended ${run.status}: ${run.nodeError('Orderflow Ops')?.message ?? ''}`,
		);
	return run.output('Orderflow Ops')[0];
}

async function placeOrder(rig: TemplateRig, sku: string): Promise<OrderRecord> {
	const order = rig.shopify.store.createOrder({
		lines: [{ sku, quantity: 1 }],
		shippingAddress: ADDRESS,
		customer: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
	});
	await rig.settle();
	return order;
}

async function bookedTimes(rig: TemplateRig, orders: OrderRecord[]): Promise<number[]> {
	const booked = await rig.salesOrders();
	return orders.map(
		(order) => booked.filter((salesOrder) => salesOrder.externalRef === orderRefOf(order)).length,
	);
}

export const rollbackDrill: Scenario = {
	name: 'Rollback drill (pause, switch off, resume)',
	run: async ({ rig }) => {
		const orderSync = rig.workflows.find((workflow) =>
			workflow.nodes.some((node) => node.name === 'Poll Fallback'),
		)!;
		const workflowId = orderSync.id!;
		const ledger = await getLedger(embeddedLedgerConfig({ userFolder: rig.engine.userFolder }));
		const paused = await flowOperation(rig, {
			operation: 'pause',
			workflowId,
			by: OPERATOR,
			reason: 'rollback drill',
		});
		const whilePaused = await placeOrder(rig, 'TSHIRT-RED-M');
		const parkedAnswer = rig.shopify.webhooks.deliveries
			.filter((delivery) => delivery.topic === 'orders/create')
			.at(-1)
			?.attempts.at(-1)?.status;
		const bookedWhilePaused = (await bookedTimes(rig, [whilePaused]))[0];
		const parked = Number(
			(await flowOperation(rig, { operation: 'getStatus', workflowId })).parked,
		);

		// Switched off: n8n unpublishes it and the trigger removes its subscriptions at Shopify.
		await rig.engine.deactivate(orderSync);
		const whileOff = await placeOrder(rig, 'SOCKS-TRAIL-42');
		const offId = String(whileOff.id.split('/').pop());
		const hook = orderSync.nodes.find((node) => node.name === 'Shopify Orders')!.webhookId!;
		const deliveredWhileOff = rig.shopify.webhooks.deliveries.filter(
			(delivery) =>
				delivery.uri.includes(hook) &&
				(JSON.parse(delivery.body) as { id?: number }).id === Number(offId),
		).length;
		await rig.engine.activate(orderSync);

		// The template's Redelivery Trigger, sweeping every second for the drill (every 30 s as published).
		const sweeping = structuredClone(orderSync);
		sweeping.nodes.find((node) => node.name === 'Redelivery')!.parameters.sweepEvery = 1;
		const redelivery = await rig.engine.startTrigger(sweeping, 'Redelivery');
		let resumed: IDataObject = {};
		try {
			resumed = await flowOperation(rig, { operation: 'resume', workflowId, by: OPERATOR });
			const deadline = Date.now() + 120_000;
			while ((await bookedTimes(rig, [whilePaused]))[0] === 0 && Date.now() < deadline)
				await new Promise((resolve) => setTimeout(resolve, 250));
			await redelivery.executions();
		} finally {
			await redelivery.close();
		}
		// The poll fallback, its mark held while paused, finds what came while the flow was off.
		await rig.engine.poll(orderSync, 'Poll Fallback');
		await rig.settle();
		const times = await bookedTimes(rig, [whilePaused, whileOff]);
		const trail = (await ledger.trail(orderRefOf(whilePaused))).map((event) => event.event);
		return {
			orders: [whilePaused, whileOff],
			checks: [
				check(`paused by ${OPERATOR}: ${String(paused.summary)}`, paused.paused === true),
				check(
					'an order placed while paused is answered 200, kept (parked) and not booked',
					parkedAnswer === 200 && parked === 1 && bookedWhilePaused === 0,
					{ answer: parkedAnswer, parked, booked: bookedWhilePaused },
				),
				check(
					'switched off, the flow receives nothing: Shopify delivered no webhook for the order placed meanwhile',
					deliveredWhileOff === 0,
					{ deliveredWhileOff },
				),
				check(
					`resumed: ${String(resumed.released)} parked delivery run, in the order it arrived`,
					resumed.released === 1 && resumed.paused === false,
					resumed,
				),
				check(
					'nothing lost: the parked order and the order placed while the flow was off are each booked',
					times.every((n) => n >= 1),
					times,
				),
				check(
					'nothing doubled: each booked exactly once',
					times.every((n) => n === 1),
					times,
				),
				check(
					'the order’s trail says it was parked and run after the resume',
					trail.includes('inbox.parked') && trail.includes('inbox.redriven'),
					trail,
				),
			],
		};
	},
};

/**
 * Support asks on the refund request form for 50 of 60 socks (625.00 EUR) back; Finance decides;
 * what Shopify refunded and what the ERP booked afterwards.
 */
async function requestedRefund(context: ScenarioContext, decision: 'approve' | 'reject') {
	const { rig } = context;
	const order = await context.order({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 60 }] });
	const template = rig.workflows.find((workflow) =>
		workflow.nodes.some((node) => node.name === 'Refund Request'),
	)!;
	const refunds = () => rig.shopify.store.refunds.filter((refund) => refund.orderId === order.id);
	const answer = await refundRequestForm(rig.engine, template).submit({
		order: order.name,
		lines: 'SOCKS-TRAIL-42=50',
		reason: 'parcel arrived damaged',
		requestedBy: 'support@example.com',
	});
	await rig.settle();
	const beforeDecision = refunds().length;
	const noticesBefore = rig.sent('Approval Checkpoint').length;
	const rejectionsBefore = rig.sent('Report Rejection').length;
	const status = await rig.decide(
		'Refund Approval',
		decision,
		'Finance Lead',
		'decided in the go-live run',
	);
	await rig.settle();
	return {
		order,
		answer: answer.response.statusCode,
		beforeDecision,
		status,
		refunds: refunds(),
		memos: await context.creditMemosOf(order),
		askedAgain: rig.sent('Approval Checkpoint').length > noticesBefore,
		rejectionReported: rig.sent('Report Rejection').length > rejectionsBefore,
	};
}

export const refundRequestApproved: Scenario = {
	name: 'Refund requested above threshold, approved',
	run: async (context) => {
		const run = await requestedRefund(context, 'approve');
		return {
			orders: [run.order],
			checks: [
				check(
					'the support form takes the request (HTTP 200) and no money moves before the decision',
					run.answer === 200 && run.beforeDecision === 0,
					{ answer: run.answer, refunds: run.beforeDecision },
				),
				check('Finance Lead approves on their own link', run.status === 200, run.status),
				check(
					'approved: Shopify refunds 625.00 EUR, once',
					run.refunds.length === 1,
					run.refunds.length,
				),
				check(
					'refund propagation books one credit memo and does not ask for approval a second time',
					run.memos.length === 1 && !run.askedAgain,
					{ memos: run.memos.length, askedAgain: run.askedAgain },
				),
			],
		};
	},
};

export const refundRequestRejected: Scenario = {
	name: 'Refund requested above threshold, rejected: no money moved',
	run: async (context) => {
		const run = await requestedRefund(context, 'reject');
		return {
			orders: [run.order],
			checks: [
				check('Finance Lead rejects on their own link', run.status === 200, run.status),
				check(
					'rejected: Shopify refunds nothing and the ERP books nothing',
					run.refunds.length === 0 && run.memos.length === 0,
					{ refunds: run.refunds.length, memos: run.memos.length },
				),
				check('the rejection is reported, saying no money moved', run.rejectionReported),
			],
		};
	},
};
