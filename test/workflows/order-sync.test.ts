import {
	orderRefOf,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	type TemplateRig,
} from '../../harness';
import { cancelOrder, createFulfillment } from '../../sandbox/shopify/domain/fulfillment';

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
