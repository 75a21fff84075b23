import type { IDataObject } from 'n8n-workflow';

import { startShopifyFixture, type ShopifyNodeFixture } from './support';

describe('Shopify node, Order operations through the engine against the emulator', () => {
	let shop: ShopifyNodeFixture;

	beforeAll(async () => {
		shop = await startShopifyFixture();
	});
	afterAll(async () => await shop.close());

	it('Get returns the order with every line, money in shop and presentment currency', async () => {
		const order = shop.emulator.store.createOrder({
			lines: [
				{ sku: 'TSHIRT-RED-M', quantity: 2 },
				{ sku: 'SOCKS-TRAIL-42', quantity: 1 },
			],
			presentmentCurrency: 'USD',
			exchangeRate: 1.1,
		});
		const [got] = await shop.output({
			resource: 'order',
			operation: 'get',
			orderId: order.id.split('/').pop()!,
		});
		expect(got).toMatchObject({
			id: order.id,
			name: order.name,
			currencyCode: 'EUR',
			presentmentCurrencyCode: 'USD',
		});
		expect(
			(got.lineItems as { nodes: Array<{ sku: string; quantity: number }> }).nodes.map((line) => [
				line.sku,
				line.quantity,
			]),
		).toEqual([
			['TSHIRT-RED-M', 2],
			['SOCKS-TRAIL-42', 1],
		]);
		expect(got.totalPriceSet).toMatchObject({
			shopMoney: { currencyCode: 'EUR' },
			presentmentMoney: { currencyCode: 'USD' },
		});
	});

	it('Get fetches lines beyond the first page instead of cutting the order short', async () => {
		const lines = Array.from({ length: 60 }, (_, index) => ({
			sku: index % 2 ? 'TSHIRT-RED-M' : 'SOCKS-TRAIL-42',
			quantity: 1,
		}));
		const order = shop.emulator.store.createOrder({ lines });
		const [got] = await shop.output({ resource: 'order', operation: 'get', orderId: order.id });
		expect((got.lineItems as { nodes: unknown[] }).nodes).toHaveLength(60);
	});

	it('Get with Simplify gives numeric id + gid, lists and money with minor units', async () => {
		const order = shop.emulator.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 2 }],
		});
		const [got] = await shop.output({
			resource: 'order',
			operation: 'get',
			orderId: order.id,
			simplify: true,
		});
		expect(got.id).toBe(order.id.split('/').pop());
		expect(got.gid).toBe(order.id);
		expect(Array.isArray(got.lineItems)).toBe(true);
		expect(got.totalPrice).toEqual({
			shop: { amount: expect.any(String), currencyCode: 'EUR', minorUnits: expect.any(Number) },
			presentment: {
				amount: expect.any(String),
				currencyCode: 'EUR',
				minorUnits: expect.any(Number),
			},
		});
		const total = got.totalPrice as { shop: { amount: string; minorUnits: number } };
		expect(total.shop.minorUnits).toBe(Math.round(Number(total.shop.amount) * 100));
	});

	it('names the fix for an ID that is not an order ID', async () => {
		const execution = await shop.run({
			resource: 'order',
			operation: 'get',
			orderId: 'gid://shopify/Product/1',
		});
		const error = execution.nodeError('Shopify') as Error & { description?: string };
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/not a Order ID/);
		expect(error.description).toMatch(/Order ID as a number/);
	});

	it('Get Many (updated since) with Return All pages past 250 orders with no duplicates or gaps', async () => {
		const plus = await startShopifyFixture({
			plan: { maximumAvailable: 20_000, restoreRate: 1_000 },
		});
		try {
			const store = plus.emulator.store;
			const base = Date.parse('2026-11-01T00:00:00Z');
			for (let index = 0; index < 260; index++) {
				store.now = () => new Date(base + index * 60_000);
				store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }] });
			}
			store.now = () => new Date();
			const requests: string[] = [];
			plus.emulator.onRequest = (_url, body) =>
				requests.push(
					JSON.parse(body).operationName ?? JSON.parse(body).query.match(/query (\w+)/)?.[1],
				);
			const orders = await plus.output({
				resource: 'order',
				operation: 'getMany',
				filterBy: 'updatedSince',
				since: '2026-11-01T00:00:00Z',
				returnAll: true,
			});
			expect(orders).toHaveLength(260);
			expect(new Set(orders.map((order) => order.id)).size).toBe(260);
			expect(requests.filter((name) => name === 'OrderflowOrders').length).toBeGreaterThan(2);
		} finally {
			await plus.close();
		}
	});

	it('Get Many returns every line of orders with 1, 2, 10, 11 and 60 lines across page boundaries', async () => {
		// Small orders on the first page teach the read to ask for 3 lines; the larger ones after
		// are completed by their own line queries.
		const counts = [1, 2, 2, 1, 2, 11, 2, 60, 10, 1, 2, 11, 2, 1, 60, 2];
		const plus = await startShopifyFixture({
			plan: { maximumAvailable: 20_000, restoreRate: 1_000 },
		});
		try {
			const expected = counts.map((count) =>
				plus.emulator.store.createOrder({
					lines: Array.from({ length: count }, (_, index) => ({
						sku: index % 2 ? 'TSHIRT-RED-M' : 'SOCKS-TRAIL-42',
						quantity: 1,
					})),
					tags: ['line-pages'],
				}),
			);
			const orders = await plus.output({
				resource: 'order',
				operation: 'getMany',
				filterBy: 'query',
				query: 'tag:line-pages',
				returnAll: true,
			});
			expect(orders).toHaveLength(counts.length);
			const linesOf = (order: IDataObject) =>
				(order.lineItems as { nodes: Array<{ id: string }> }).nodes.map((line) => line.id);
			expect(new Map(orders.map((order) => [order.id, linesOf(order)]))).toEqual(
				new Map(expected.map((order) => [order.id, order.lineItems.map((line) => line.id)])),
			);
		} finally {
			await plus.close();
		}
	});

	it('Get Many by search query with a limit', async () => {
		shop.emulator.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			tags: ['wholesale'],
		});
		shop.emulator.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			tags: ['wholesale'],
		});
		const orders = await shop.output({
			resource: 'order',
			operation: 'getMany',
			filterBy: 'query',
			query: 'tag:wholesale',
			returnAll: false,
			limit: 1,
		});
		expect(orders).toHaveLength(1);
		expect(orders[0].tags).toContain('wholesale');
	});

	it('Add Tags, Remove Tags, Update Note and Set Metafield change the order', async () => {
		const order = shop.emulator.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
		});
		const [tagged] = await shop.output({
			resource: 'order',
			operation: 'addTags',
			orderId: order.id,
			tags: 'erp-synced, wholesale',
		});
		expect(tagged.tags).toEqual(expect.arrayContaining(['erp-synced', 'wholesale']));
		const [untagged] = await shop.output({
			resource: 'order',
			operation: 'removeTags',
			orderId: order.id,
			tags: 'wholesale',
		});
		expect(untagged.tags).toEqual(['erp-synced']);
		const [noted] = await shop.output({
			resource: 'order',
			operation: 'updateNote',
			orderId: order.id,
			note: 'ERP SO-4711',
		});
		expect(noted.note).toBe('ERP SO-4711');
		const [metafield] = await shop.output({
			resource: 'order',
			operation: 'setMetafield',
			orderId: order.id,
			namespace: 'orderflow',
			key: 'erp_document',
			type: 'single_line_text_field',
			value: 'SO-4711',
		});
		expect(metafield).toMatchObject({
			namespace: 'orderflow',
			key: 'erp_document',
			value: 'SO-4711',
		});
		expect(shop.emulator.store.order(order.id)!.tags).toEqual(['erp-synced']);
	});

	it('Cancel cancels and restocks; a second cancel is refused with what Shopify said', async () => {
		const order = shop.emulator.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 3 }] });
		const [cancelled] = await shop.output({
			resource: 'order',
			operation: 'cancel',
			orderId: order.id,
			reason: 'CUSTOMER',
			restock: true,
		});
		expect(cancelled).toMatchObject({ orderId: order.id, cancelled: true });
		expect(shop.emulator.store.order(order.id)!.cancelledAt).not.toBeNull();
		const again = await shop.run({
			resource: 'order',
			operation: 'cancel',
			orderId: order.id,
			reason: 'CUSTOMER',
			restock: true,
		});
		const error = again.nodeError('Shopify') as Error & { description?: string };
		expect(error.description).toMatch(/Shopify refused orderCancel/);
	});
});
