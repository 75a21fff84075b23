import { SHIP_TO_BERLIN as ADDRESS, startTemplate, type TemplateRig } from '../../harness';
import { cancelOrder } from '../../sandbox/shopify/domain/fulfillment';

describe('Order sync template, run by n8n’s engine against the sandbox', () => {
	let rig: TemplateRig;

	beforeEach(async () => {
		rig = await startTemplate('order-sync.json', ['Report Exception']);
	});
	afterEach(async () => await rig.close());

	it('books each new order once in the ERP and tags it synced in Shopify, even when Shopify delivers it three times', async () => {
		rig.shopify.webhooks.faults = { duplicates: 2 };
		const order = rig.shopify.store.createOrder({ lines: [{ sku: 'TSHIRT-RED-M', quantity: 2 }], shippingAddress: ADDRESS });
		await rig.settle();
		const booked = await rig.salesOrders();
		expect(booked).toHaveLength(1);
		expect(booked[0]).toMatchObject({ externalRef: `shopify:order:${order.id.split('/').pop()}`, status: 'open' });
		expect(rig.shopify.store.order(order.id)!.tags).toContain('erp-synced');
		expect(rig.messages).toHaveLength(0);
	});

	it('cancels the sales order when the order is cancelled in Shopify', async () => {
		const order = rig.shopify.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }], shippingAddress: ADDRESS });
		await rig.settle();
		cancelOrder(rig.shopify.store, order.id, 'CUSTOMER', true);
		await rig.settle();
		const [salesOrder] = await rig.salesOrders();
		expect(salesOrder.status).toBe('cancelled');
	});

	it('reports an order the ERP cannot book (unknown SKU) to the exceptions webhook and books nothing', async () => {
		const order = rig.shopify.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }], shippingAddress: ADDRESS });
		await rig.settle();
		expect(await rig.salesOrders()).toEqual([]);
		const reports = rig.messages.map((message) => message.body as { text: string; order: number });
		expect(reports[0].text).toContain('unknown SKU TOTE-NAT');
		expect(String(reports[0].order)).toBe(order.id.split('/').pop());

		// Nothing is lost: once the SKU exists in the ERP, the next poll books the order.
		await rig.erpCall('POST', '/_control/skus', { sku: 'TOTE-NAT', description: 'Tote bag' });
		await rig.engine.poll(rig.workflow, 'Poll Fallback');
		await rig.settle();
		expect(await rig.salesOrders()).toEqual([expect.objectContaining({ externalRef: `shopify:order:${order.id.split('/').pop()}` })]);
	});

	it('rides out an ERP 503 during the write: one sales order', async () => {
		await rig.erpCall('PUT', '/_control/faults', [{ method: 'POST', path: '/sales-orders', kind: 'status', status: 503, times: 2 }]);
		rig.shopify.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 3 }], shippingAddress: ADDRESS });
		await rig.settle();
		expect(await rig.salesOrders()).toHaveLength(1);
	});
});
