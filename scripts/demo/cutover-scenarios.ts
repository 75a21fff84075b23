/**
 * The go-live catalog's cutover scenarios: the rollback drill of docs/runbooks/rollback.md, done
 * on the published order sync template — pause it, switch it off (Shopify's subscriptions go with
 * it), orders keep coming, switch it on, resume — and nothing lost, nothing booked twice.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { embeddedLedgerConfig, getLedger } from '../../core/ledger';
import { orderRefOf, SHIP_TO_BERLIN as ADDRESS, type TemplateRig, type WorkflowJson } from '../../harness';
import type { OrderRecord } from '../../sandbox/shopify/store';
import { check, type Scenario } from './scenarios';

const OPERATOR = 'Ops (go-live run)';

/** Orderflow Ops → Flow, run by hand from a small workflow, as an operator would in n8n. */
async function flowOperation(rig: TemplateRig, parameters: INodeParameters): Promise<IDataObject> {
	const workflow: WorkflowJson = {
		id: 'orderflowRollbackDrill',
		name: 'Rollback drill',
		nodes: [
			{ id: 'drill-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'drill-ops', name: 'Orderflow Ops', type: 'n8n-nodes-orderflow.orderflowOps', typeVersion: 1, position: [220, 0], parameters: { resource: 'flow', ...parameters } },
		],
		connections: { Start: { main: [[{ node: 'Orderflow Ops', type: 'main', index: 0 }]] } },
	};
	const run = await rig.engine.execute(workflow);
	if (run.status !== 'success') throw new Error(`Orderflow Ops → Flow → ${String(parameters.operation)} ended ${run.status}: ${run.nodeError('Orderflow Ops')?.message ?? ''}`);
	return run.output('Orderflow Ops')[0];
}

async function placeOrder(rig: TemplateRig, sku: string): Promise<OrderRecord> {
	const order = rig.shopify.store.createOrder({ lines: [{ sku, quantity: 1 }], shippingAddress: ADDRESS, customer: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' } });
	await rig.settle();
	return order;
}

async function bookedTimes(rig: TemplateRig, orders: OrderRecord[]): Promise<number[]> {
	const booked = await rig.salesOrders();
	return orders.map((order) => booked.filter((salesOrder) => salesOrder.externalRef === orderRefOf(order)).length);
}

export const rollbackDrill: Scenario = {
	name: 'Rollback drill (pause, switch off, resume)',
	run: async ({ rig }) => {
		const orderSync = rig.workflows.find((workflow) => workflow.nodes.some((node) => node.name === 'Poll Fallback'))!;
		const workflowId = orderSync.id!;
		const ledger = await getLedger(embeddedLedgerConfig({ userFolder: rig.engine.userFolder }));
		const paused = await flowOperation(rig, { operation: 'pause', workflowId, by: OPERATOR, reason: 'rollback drill' });
		const whilePaused = await placeOrder(rig, 'TSHIRT-RED-M');
		const parkedAnswer = rig.shopify.webhooks.deliveries.filter((delivery) => delivery.topic === 'orders/create').at(-1)?.attempts.at(-1)?.status;
		const bookedWhilePaused = (await bookedTimes(rig, [whilePaused]))[0];
		const parked = Number((await flowOperation(rig, { operation: 'getStatus', workflowId })).parked);

		// Switched off: n8n unpublishes it and the trigger removes its subscriptions at Shopify.
		await rig.engine.deactivate(orderSync);
		const whileOff = await placeOrder(rig, 'SOCKS-TRAIL-42');
		const offId = String(whileOff.id.split('/').pop());
		const hook = orderSync.nodes.find((node) => node.name === 'Shopify Orders')!.webhookId!;
		const deliveredWhileOff = rig.shopify.webhooks.deliveries.filter((delivery) => delivery.uri.includes(hook) && (JSON.parse(delivery.body) as { id?: number }).id === Number(offId)).length;
		await rig.engine.activate(orderSync);

		// The template's Redelivery Trigger, sweeping every second for the drill (every 30 s as published).
		const sweeping = structuredClone(orderSync);
		sweeping.nodes.find((node) => node.name === 'Redelivery')!.parameters.sweepEvery = 1;
		const redelivery = await rig.engine.startTrigger(sweeping, 'Redelivery');
		let resumed: IDataObject = {};
		try {
			resumed = await flowOperation(rig, { operation: 'resume', workflowId, by: OPERATOR });
			const deadline = Date.now() + 120_000;
			while ((await bookedTimes(rig, [whilePaused]))[0] === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
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
				check('an order placed while paused is answered 200, kept (parked) and not booked', parkedAnswer === 200 && parked === 1 && bookedWhilePaused === 0, { answer: parkedAnswer, parked, booked: bookedWhilePaused }),
				check('switched off, the flow receives nothing: Shopify delivered no webhook for the order placed meanwhile', deliveredWhileOff === 0, { deliveredWhileOff }),
				check(`resumed: ${String(resumed.released)} parked delivery run, in the order it arrived`, resumed.released === 1 && resumed.paused === false, resumed),
				check('nothing lost: the parked order and the order placed while the flow was off are each booked', times.every((n) => n >= 1), times),
				check('nothing doubled: each booked exactly once', times.every((n) => n === 1), times),
				check('the order’s trail says it was parked and run after the resume', trail.includes('inbox.parked') && trail.includes('inbox.redriven'), trail),
			],
		};
	},
};
