/**
 * Attack: Shopify's HMAC covers the body only; X-Shopify-Topic and X-Shopify-Event-Id are
 * headers anyone holding a captured delivery can change. A signed orders/create body replayed
 * as orders/cancelled (once its dedupe key had lapsed) cancelled the ERP's sales order; a
 * cancelled order replayed with a new event id ran the warehouse cancellation again. The
 * templates decide "cancelled" from the signed body and key their gates on the order and its
 * version from the body, so neither header changes what they do.
 */
import { randomUUID } from 'node:crypto';

import {
	orderRefOf,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	type TemplateRig,
} from '../../harness';
import { embeddedLedgerConfig, getLedger } from '../../core/ledger';
import { cancelOrder } from '../../sandbox/shopify/domain/fulfillment';

const DAY_MS = 86_400_000;

/** The delivery Shopify sent for `topic`, sent again with some headers changed (body and signature as captured). */
async function replay(
	rig: TemplateRig,
	topic: string,
	headers: Record<string, string>,
	uri?: string,
) {
	const delivery = rig.shopify.webhooks.deliveries.findLast(
		(candidate) => candidate.topic === topic,
	);
	if (!delivery) throw new Error(`Shopify sent no ${topic} webhook`);
	const target = new URL(uri ?? delivery.uri);
	const workflow = rig.workflows.find((candidate) =>
		candidate.nodes.some((node) => node.webhookId && target.pathname.includes(node.webhookId)),
	)!;
	return await rig.engine.webhook(workflow, {
		path: target.pathname.replace(/^\/webhook\//, ''),
		method: 'POST',
		headers: { ...delivery.headers, ...headers },
		rawBody: delivery.body,
	});
}

/** Time passes beyond the gate's retention: the ledger purges the order's dedupe key, as housekeeping does. */
async function lapseDedupeKeys(rig: TemplateRig): Promise<void> {
	const ledger = await getLedger(embeddedLedgerConfig({ userFolder: rig.engine.userFolder }));
	expect(await ledger.purgeExpired(Date.now() + 400 * DAY_MS)).toBeGreaterThan(0);
}

describe('Order sync: the topic and event id headers are not signed', () => {
	let rig: TemplateRig;
	beforeEach(async () => {
		rig = await startTemplate('order-sync.json', [
			'Report Exception',
			'Address Change Approval',
			'Report Address Decision',
		]);
	});
	afterEach(async () => await rig.close());

	it('a captured orders/create body replayed as orders/cancelled, after its dedupe key lapsed, does not cancel the ERP order', async () => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		expect((await rig.salesOrders()).map((salesOrder) => salesOrder.status)).toEqual(['open']);
		await lapseDedupeKeys(rig);

		const call = await replay(rig, 'orders/create', {
			'X-Shopify-Topic': 'orders/cancelled',
			'X-Shopify-Event-Id': randomUUID(),
		});
		expect(call.response.statusCode).toBe(200);
		expect(call.execution?.executedNodes).not.toContain('ERP Cancel Sales Order');
		const [salesOrder] = await rig.salesOrders();
		expect(salesOrder).toMatchObject({ externalRef: orderRefOf(order), status: 'open' });
	});

	it('a delivery replayed with a new event id (and another topic) is the version the gate has seen: it passes once', async () => {
		rig.shopify.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		const replays = async (triggerKnows: boolean) => {
			for (const topic of ['orders/create', 'orders/updated', 'orders/cancelled']) {
				const call = await replay(rig, 'orders/create', {
					'X-Shopify-Topic': topic,
					'X-Shopify-Event-Id': randomUUID(),
				});
				expect(call.response.statusCode).toBe(200);
				if (triggerKnows) {
					// The trigger knows the version is booked: answered without an execution.
					expect(call.execution).toBeUndefined();
					expect(JSON.parse(call.response.body)).toEqual({ accepted: true, processed: true });
				} else {
					expect(call.execution?.output('Dedupe Gate', 0)).toEqual([]);
					expect(call.execution?.output('Already Processed')).toHaveLength(1);
				}
			}
		};
		await replays(true);
		// With the trigger's check off, the gate is what stops them.
		const trigger = rig.workflow.nodes.find((node) => node.name === 'Shopify Orders')!;
		trigger.parameters = { ...trigger.parameters, skipProcessedVersions: false };
		await replays(false);
		expect((await rig.salesOrders()).map((salesOrder) => salesOrder.status)).toEqual(['open']);
	});
});

describe('Split fulfillment: the cancellation path acts on the signed order, once per version', () => {
	let rig: TemplateRig;
	beforeEach(async () => {
		rig = await startTemplate('split-fulfillment.json', [
			'Report Exception',
			'Report Fulfillment Exception',
			'Report Cancellation',
		]);
	});
	afterEach(async () => await rig.close());

	const cancelledTriggerUri = () =>
		rig.shopify.webhooks.subscriptions.find(
			(subscription) => subscription.topic === 'ORDERS_CANCELLED',
		)!.uri;

	it('a paid order replayed to the cancellation trigger as orders/cancelled cancels nothing at the warehouses', async () => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		const call = await replay(
			rig,
			'orders/paid',
			{ 'X-Shopify-Topic': 'orders/cancelled', 'X-Shopify-Event-Id': randomUUID() },
			cancelledTriggerUri(),
		);
		expect(call.response.statusCode).toBe(200);
		expect(
			(await rig.shipmentRequests(rig.threePl, orderRefOf(order))).map((request) => request.status),
		).toEqual(['received']);
		expect(rig.messages).toEqual([]);
	});

	it('a cancelled order replayed with a new event id does not run the warehouse cancellation a second time', async () => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 3 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		const [request] = await rig.shipmentRequests(rig.threePl, orderRefOf(order));
		await rig.ship(rig.threePl, request, {
			lines: [{ lineRef: request.lines[0].lineRef, sku: 'TOTE-NAT', quantity: 1 }],
			tracking: { number: 'RTM-0009', company: 'DHL' },
		});
		cancelOrder(rig.shopify.store, order.id, 'CUSTOMER', true);
		await rig.settle();
		expect(rig.sent('Report Cancellation')).toHaveLength(1);

		for (const eventId of [randomUUID(), randomUUID()]) {
			const call = await replay(rig, 'orders/cancelled', { 'X-Shopify-Event-Id': eventId });
			expect(call.response.statusCode).toBe(200);
			expect(call.execution?.executedNodes).not.toContain('3PL Cancel Requests');
		}
		expect(rig.sent('Report Cancellation')).toHaveLength(1);
	});
});
