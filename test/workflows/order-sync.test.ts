import { readdirSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import {
	orderRefOf,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	type TemplateRig,
} from '../../harness';
import { cancelOrder, createFulfillment } from '../../sandbox/shopify/domain/fulfillment';
import type { OrderRecord } from '../../sandbox/shopify/store';
import { fixture, withParameters } from '../support/workflows';

const OPS = fixture(path.join(__dirname, '..', 'nodes', 'OrderflowOps'), 'ops');

describe('Order sync template, run by n8n’s engine against the sandbox', () => {
	let rig: TemplateRig;

	beforeEach(async () => {
		rig = await startTemplate('order-sync.json', [
			'Report Exception',
			'Address Change Approval',
			'Report Address Decision',
		]);
	});
	afterEach(async () => await rig.close());

	it('books each new order once in the ERP and tags it synced in Shopify, even when Shopify delivers it three times', async () => {
		rig.shopify.webhooks.faults = { duplicates: 2 };
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 2 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		const booked = await rig.salesOrders();
		expect(booked).toHaveLength(1);
		expect(booked[0]).toMatchObject({ externalRef: orderRefOf(order), status: 'open' });
		expect(rig.shopify.store.order(order.id)!.tags).toContain('erp-synced');
		expect(rig.messages).toHaveLength(0);
	});

	it('cancels the sales order when the order is cancelled in Shopify', async () => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		cancelOrder(rig.shopify.store, order.id, 'CUSTOMER', true);
		await rig.settle();
		const [salesOrder] = await rig.salesOrders();
		expect(salesOrder.status).toBe('cancelled');
	});

	it('reports an order the ERP cannot book (unknown SKU) to the exceptions webhook and books nothing', async () => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		expect(await rig.salesOrders()).toEqual([]);
		const reports = rig.messages.map((message) => message.body as { text: string; order: number });
		expect(reports[0].text).toContain('unknown SKU TOTE-NAT');
		expect(String(reports[0].order)).toBe(order.id.split('/').pop());

		// Nothing is lost: once the SKU exists in the ERP, the next poll books the order.
		await rig.erpCall('POST', '/_control/skus', { sku: 'TOTE-NAT', description: 'Tote bag' });
		await rig.engine.poll(rig.workflow, 'Poll Fallback');
		await rig.settle();
		expect(await rig.salesOrders()).toEqual([
			expect.objectContaining({ externalRef: orderRefOf(order) }),
		]);
	});

	it('rides out an ERP 503 during the write: one sales order', async () => {
		await rig.erpCall('PUT', '/_control/faults', [
			{ method: 'POST', path: '/sales-orders', kind: 'status', status: 503, times: 2 },
		]);
		rig.shopify.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 3 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		expect(await rig.salesOrders()).toHaveLength(1);
	});

	describe("the flow's own erp-synced tag", () => {
		const executionIds = () =>
			readdirSync(path.join(rig.engine.userFolder, 'executions'))
				.map((file) => Number.parseInt(file, 10))
				.sort((a, b) => a - b);
		const executions = () => executionIds().length;
		const deliveriesOf = (order: OrderRecord, topic: string) =>
			rig.shopify.webhooks.deliveries.filter(
				(delivery) =>
					delivery.topic === topic &&
					(JSON.parse(delivery.body) as { id: number }).id === Number(order.id.split('/').pop()),
			);
		const trail = async (handle: string): Promise<IDataObject[]> =>
			(
				await rig.engine.execute(
					withParameters(OPS, 'Orderflow Ops', {
						resource: 'trail',
						operation: 'get',
						handle,
						output: 'events',
					}),
				)
			).output('Orderflow Ops');

		it('is not a change: the orders/updated Shopify sends for it starts no execution and the ERP is written once', async () => {
			// Shopify stamps whole seconds: a tag in the creation's second would be no newer version.
			let seconds = 0;
			rig.shopify.store.now = () => new Date(Date.now() + 1000 * seconds++);
			const order = rig.shopify.store.createOrder({
				lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
				shippingAddress: ADDRESS,
			});
			const created = order.updatedAt;
			await rig.settle();
			expect(rig.shopify.store.order(order.id)!.tags).toContain('erp-synced');
			// Shopify did send the tag's echo, carrying the version the tag left the order at…
			const [echo] = deliveriesOf(order, 'orders/updated');
			expect(Date.parse((JSON.parse(echo.body) as { updated_at: string }).updated_at)).toBe(
				Date.parse(rig.shopify.store.order(order.id)!.updatedAt),
			);
			expect(echo.attempts.at(-1)?.status).toBe(200);
			// …and it was answered without an execution: only orders/create ran.
			expect(executions()).toBe(1);
			const [salesOrder] = await rig.salesOrders();
			expect(Date.parse(String(salesOrder.sourceUpdatedAt))).toBe(Date.parse(created));
			const events = await trail(order.name);
			expect(events.map((event) => event.summary)).toContainEqual(
				expect.stringMatching(
					/^Shopify sent orders\/updated \(event .+\); answered without running the workflow: it is the echo of the flow's own write/,
				),
			);
		});

		it('a later change goes through, and a re-tag that changes nothing records no echo', async () => {
			let minutes = 0;
			rig.shopify.store.now = () => new Date(Date.now() + minutes * 60_000);
			const order = rig.shopify.store.createOrder({
				lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
				shippingAddress: ADDRESS,
			});
			await rig.settle();
			minutes += 1;
			order.note = 'leave at the back door';
			rig.shopify.store.touch(order);
			const changed = order.updatedAt;
			await rig.settle();
			expect(executions()).toBe(2);
			const [salesOrder] = await rig.salesOrders();
			expect(Date.parse(String(salesOrder.sourceUpdatedAt))).toBe(Date.parse(changed));
			// The tag was already there: Shopify changed nothing and sent nothing, and no echo was recorded.
			expect(deliveriesOf(order, 'orders/updated')).toHaveLength(2);
			const confirm = rig.engine
				.getExecution(String(executionIds().at(-1)))
				.items('Confirm Claim')[0].json;
			expect(confirm.dedupe).toMatchObject({ applied: true });
			expect((confirm.dedupe as IDataObject).ownWriteVersion).toBeUndefined();
		});

		it('a delivery of a version already booked (orders/create and orders/updated of one change) starts no second execution', async () => {
			const order = rig.shopify.store.createOrder({
				lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
				shippingAddress: ADDRESS,
			});
			await rig.settle();
			const [created] = deliveriesOf(order, 'orders/create');
			const response = await fetch(created.uri, {
				method: 'POST',
				headers: {
					...Object.fromEntries(
						Object.entries(created.headers).map(([name, value]) => [name.toLowerCase(), value]),
					),
					'x-shopify-topic': 'orders/updated',
					'x-shopify-event-id': 'another-event',
				},
				body: created.body,
			});
			expect(response.status).toBe(200);
			const answer = await response.json();
			expect(answer).toEqual({ accepted: true, processed: true });
			expect(executions()).toBe(1);
			expect(await rig.salesOrders()).toHaveLength(1);
		});
	});

	describe('an address changed after the order was dispatched', () => {
		const NEW_ADDRESS = { ...ADDRESS, address1: 'Kastanienallee 7', zip: '10435' };
		const sent = (node: string) => rig.sent(node);
		const shipTo = async () => ((await rig.salesOrders())[0].shipTo as { line1: string }).line1;

		/**
		 * An order booked and shipped; then the customer changes the shipping address in Shopify.
		 * A minute passes between the steps: Shopify's updated_at counts seconds, and the Dedupe
		 * Gate takes an update within the same second for the version it already has.
		 */
		const dispatchedThenMoved = async () => {
			let minutes = 0;
			rig.shopify.store.now = () => new Date(Date.now() + minutes * 60_000);
			const order = rig.shopify.store.createOrder({
				lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
				shippingAddress: ADDRESS,
			});
			await rig.settle();
			minutes += 1;
			const [fulfillmentOrder] = rig.shopify.store.fulfillmentOrders.filter(
				(fo) => fo.orderId === order.id,
			);
			createFulfillment(rig.shopify.store, {
				lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfillmentOrder.id }],
			});
			await rig.settle();
			// Fulfilled, same address: no question asked.
			expect(sent('Address Change Approval')).toEqual([]);
			minutes += 1;
			order.shippingAddress = NEW_ADDRESS;
			rig.shopify.store.touch(order);
			await rig.settle();
			return order;
		};
		const decide = async (decision: 'approve' | 'reject') =>
			expect(await rig.decide('Address Change Approval', decision, 'Ops Lead')).toBe(200);

		it('holds the update for a decision; approved, the ERP takes the new address', async () => {
			await dispatchedThenMoved();
			expect(sent('Address Change Approval')).toEqual([
				expect.objectContaining({
					text: expect.stringContaining('Address changed after dispatch'),
				}),
			]);
			expect(await shipTo()).toBe('Torstraße 1');
			await decide('approve');
			expect(await shipTo()).toBe('Kastanienallee 7');
			expect(await rig.salesOrders()).toHaveLength(1);
		});

		it('rejected, the ERP keeps the address the parcel went to, the rejection is reported, and the update is not asked about again', async () => {
			await dispatchedThenMoved();
			await decide('reject');
			expect(await shipTo()).toBe('Torstraße 1');
			expect(sent('Report Address Decision')).toEqual([
				expect.objectContaining({
					text: expect.stringMatching(
						/^Address change after dispatch not applied in the ERP: #\d+ — rejected by Ops Lead/,
					),
				}),
			]);
			const orderSync = rig.workflow;
			await rig.engine.poll(orderSync, 'Poll Fallback');
			await rig.settle();
			expect(sent('Address Change Approval')).toHaveLength(1);
		});
	});
});
