/**
 * An order's shipping lines are read whole by Get, Get Many and Re-Sync (page by page and in
 * bulk), however many there are: the order's own query asks for five, the rest follow by their
 * own query, so the shipping the contract sums is the order's whole shipping.
 */
import type { IDataObject } from 'n8n-workflow';

import { mapShopifyOrder } from '../../../core/contract/sales-order';
import { startShopifyFixture, type ShopifyNodeFixture } from './support';
import { SHIP_TO_BERLIN } from '../../../harness';

const COUNTS = [5, 6, 7];

describe('Shopify node, orders with more shipping lines than the order query asks for', () => {
	let shop: ShopifyNodeFixture;
	let clock: number;

	beforeAll(async () => {
		shop = await startShopifyFixture({ plan: { maximumAvailable: 20_000, restoreRate: 1_000 } });
		clock = Date.parse('2026-11-20T08:00:00Z');
		shop.emulator.store.now = () => new Date(clock);
	});
	afterAll(async () => await shop.close());

	/** An order with `count` shipping lines priced 1.01, 2.02, …, tagged `tag`. */
	const place = (count: number, tag: string) => {
		const order = shop.emulator.store.createOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
			shippingAddress: SHIP_TO_BERLIN,
			shipping: Array.from({ length: count }, (_, index) => ({
				title: `Parcel ${index + 1}`,
				price: ((index + 1) * 1.01).toFixed(2),
			})),
			tags: [tag],
		});
		clock += 60_000;
		return order;
	};
	const titles = (count: number) =>
		Array.from({ length: count }, (_, index) => `Parcel ${index + 1}`);
	/** 1.01 + 2.02 + … in cents. */
	const shippingCents = (count: number) => (101 * count * (count + 1)) / 2;
	const shippingTitles = (order: IDataObject) =>
		(order.shippingLines as { nodes: Array<{ title: string }> }).nodes.map((line) => line.title);

	function expectWhole(order: IDataObject, count: number) {
		expect(shippingTitles(order)).toEqual(titles(count));
		const mapped = mapShopifyOrder(order, { defaultEntity: 'DE01' });
		if (!mapped.ok) throw new Error(mapped.reasons.join('; '));
		expect(mapped.salesOrder.totals.shipping.shop.amount).toBe(shippingCents(count));
	}

	function countRequests(): Map<string, number> {
		const requests = new Map<string, number>();
		shop.emulator.onRequest = (_url, body) => {
			const name = /query (\w+)/.exec((JSON.parse(body) as { query: string }).query)?.[1];
			if (name) requests.set(name, (requests.get(name) ?? 0) + 1);
		};
		return requests;
	}

	it.each(COUNTS)(
		'Get returns all %i shipping lines and the contract sums them all',
		async (count) => {
			const order = place(count, 'ship-get');
			const requests = countRequests();
			const [got] = await shop.output({ resource: 'order', operation: 'get', orderId: order.id });
			expectWhole(got, count);
			// Only an order with more than the first five asks for the rest.
			expect(requests.get('OrderflowOrderShippingLines') ?? 0).toBe(count > 5 ? 1 : 0);
		},
	);

	it('Get Many returns every shipping line of orders with 5, 6 and 7 of them', async () => {
		const placed = COUNTS.map((count) => ({ id: place(count, 'ship-many').id, count }));
		const orders = await shop.output({
			resource: 'order',
			operation: 'getMany',
			filterBy: 'query',
			query: 'tag:ship-many',
			returnAll: true,
		});
		expect(orders).toHaveLength(COUNTS.length);
		for (const { id, count } of placed)
			expectWhole(orders.find((order) => order.id === id)!, count);
	});

	it('Re-Sync, page by page and in bulk, delivers every shipping line', async () => {
		const from = new Date(clock).toISOString();
		const placed = COUNTS.map((count) => ({ id: place(count, 'ship-resync').id, count }));
		const range = {
			resource: 'order',
			operation: 'resync',
			resyncBy: 'createdRange',
			from,
			to: new Date(clock).toISOString(),
		};
		const paged = await shop.output({ ...range, bulkAbove: 250 });
		const bulk = await shop.output({ ...range, bulkAbove: 2, bulkMaxWaitMinutes: 1 });
		expect(paged.map((item) => item.readBy)).toEqual(['pages', 'pages', 'pages']);
		expect(bulk.map((item) => item.readBy)).toEqual(['bulk', 'bulk', 'bulk']);
		for (const deliveries of [paged, bulk])
			for (const { id, count } of placed) {
				const delivery = deliveries.find((item) => (item.payload as IDataObject).id === id)!;
				expectWhole(delivery.payload as IDataObject, count);
			}
	});
});
