import { getOperationAST, parse } from 'graphql';

import { ShopifyAdminClient } from '../../../core/shopify/client';
import { ORDERS_QUERY } from '../../../core/shopify/documents/orders';
import {
	INITIAL_LINES_PER_ORDER,
	MAX_LINES_PER_ORDER,
	OrderPageSizer,
	ordersPageCost,
} from '../../../core/shopify/order-pages';
import { fetchOrders } from '../../../core/shopify/orders';
import { MAX_SINGLE_QUERY_COST } from '../../../core/shopify/pagination';
import { CostPacer } from '../../../core/shopify/throttle';
import { requestedQueryCost } from '../../../sandbox/shopify/cost';
import { loadAdminSchema } from '../../../sandbox/shopify/schema';
import { seededStore } from '../../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../../sandbox/shopify/server';

const STANDARD = { maximumAvailable: 2000, restoreRate: 100 };

describe('sizing the pages of an order read by what they request', () => {
	it("models ORDERS_QUERY's requested cost as Shopify's rules compute it", () => {
		const schema = loadAdminSchema('2026-10');
		const document = parse(ORDERS_QUERY);
		for (const first of [1, 5, 17])
			for (const lineItemsFirst of [1, 2, 10, 50]) {
				const variables = { first, lineItemsFirst };
				expect(ordersPageCost(first, lineItemsFirst)).toBe(
					requestedQueryCost(schema, document, getOperationAST(document)!, variables),
				);
			}
	});

	it('learns the lines per order from the most seen, with a quarter more, up to the cap', () => {
		const sizer = new OrderPageSizer();
		expect(sizer.lineItemsFirst()).toBe(INITIAL_LINES_PER_ORDER);
		sizer.observe({ first: 5, lineItemsFirst: 10, lineCounts: [2, 1, 2] });
		expect(sizer.lineItemsFirst()).toBe(3);
		sizer.observe({ first: 5, lineItemsFirst: 3, lineCounts: [1] });
		expect(sizer.lineItemsFirst()).toBe(3);
		sizer.observe({ first: 5, lineItemsFirst: 3, lineCounts: [11] });
		expect(sizer.lineItemsFirst()).toBe(14);
		sizer.observe({ first: 1, lineItemsFirst: 14, lineCounts: [60] });
		expect(sizer.lineItemsFirst()).toBe(MAX_LINES_PER_ORDER);
		expect(new OrderPageSizer(7).lineItemsFirst()).toBe(7);
		expect(new OrderPageSizer(400).lineItemsFirst()).toBe(MAX_LINES_PER_ORDER);
	});

	it('fills a page up to the single-query limit while the bucket has room, ~2 s of restore once it limits', () => {
		const sizer = new OrderPageSizer();
		const full = { ...STANDARD, currentlyAvailable: 2000 };
		sizer.observe({ first: 5, lineItemsFirst: 10, lineCounts: [2], throttleStatus: full });
		const roomy = sizer.pageSize();
		expect(sizer.expectedCost(roomy, 3)).toBeLessThanOrEqual(MAX_SINGLE_QUERY_COST * 0.95);
		expect(sizer.expectedCost(roomy + 1, 3)).toBeGreaterThan(MAX_SINGLE_QUERY_COST * 0.95);
		const low = { ...STANDARD, currentlyAvailable: 120 };
		sizer.observe({ first: roomy, lineItemsFirst: 3, lineCounts: [2], throttleStatus: low });
		const bound = sizer.pageSize();
		expect(sizer.expectedCost(bound, 3)).toBeLessThanOrEqual(200);
		expect(sizer.expectedCost(bound + 1, 3)).toBeGreaterThan(200);
		// Even the largest order asked for fits one query.
		sizer.observe({ first: 1, lineItemsFirst: 3, lineCounts: [500] });
		expect(sizer.pageSize()).toBe(1);
		expect(sizer.expectedCost(1, sizer.lineItemsFirst())).toBeLessThan(MAX_SINGLE_QUERY_COST);
	});

	it('scales its model up when Shopify requests more than the model says', () => {
		const sizer = new OrderPageSizer();
		sizer.observe({
			first: 5,
			lineItemsFirst: 10,
			lineCounts: [2],
			requestedCost: ordersPageCost(5, 10) * 2,
		});
		expect(sizer.expectedCost(4, 3)).toBe(ordersPageCost(4, 3) * 2);
		expect(sizer.expectedCost(sizer.pageSize(), 3)).toBeLessThanOrEqual(950);
	});

	it('the pacer waits for the expected cost a caller gives instead of the last one', () => {
		let now = 0;
		const pacer = new CostPacer(() => now);
		pacer.settle(0, 'Page', {
			requestedQueryCost: 100,
			actualQueryCost: 50,
			throttleStatus: { ...STANDARD, currentlyAvailable: 300 },
		});
		expect(pacer.delayBefore('Page')).toBe(0);
		// 500 + 10 headroom − 300 = 210 points at 100/s.
		expect(pacer.delayBefore('Page', 500)).toBe(2100);
		now = 1000;
		expect(pacer.delayBefore('Page', 500)).toBe(1100);
	});
});

describe('an order read with learned page sizes loses no order and no line', () => {
	let emulator: ShopifyEmulator;
	beforeEach(async () => {
		emulator = await ShopifyEmulator.start({
			store: seededStore(),
			accessTokens: ['shpat_pages'],
			plan: { maximumAvailable: 20_000, restoreRate: 1_000 },
		});
	});
	afterEach(async () => await emulator.close());

	const client = () =>
		new ShopifyAdminClient({
			shopDomain: emulator.url,
			auth: { kind: 'accessToken', accessToken: 'shpat_pages' },
		});

	function createOrders(lineCounts: number[]): Map<string, string[]> {
		const expected = new Map<string, string[]>();
		for (const count of lineCounts) {
			const lines = Array.from({ length: count }, (_, index) => ({
				sku: ['SOCKS-TRAIL-42', 'TSHIRT-RED-M', 'TOTE-NAT'][index % 3],
				quantity: 1 + (index % 4),
			}));
			const order = emulator.store.createOrder({ lines, tags: ['pages'] });
			expected.set(
				order.id,
				order.lineItems.map((line) => line.id),
			);
		}
		return expected;
	}

	async function readAll(limit?: number) {
		const requests: string[] = [];
		emulator.onRequest = (_url, body) =>
			requests.push((JSON.parse(body) as { query: string }).query.match(/query (\w+)/)![1]);
		const orders = await fetchOrders(client(), { query: 'tag:pages', sortKey: 'ID', limit });
		const got = new Map(
			orders.map((order) => [
				order.id as string,
				(order.lineItems as { nodes: Array<{ id: string }> }).nodes.map((line) => line.id),
			]),
		);
		return { orders, got, requests };
	}

	it('orders of 1, 2, 10, 11 and 60 lines on either side of page boundaries', async () => {
		// A first page (5 orders) of small orders so the lines asked shrink to 3, then orders with
		// more lines than asked at the start, middle and end of later pages.
		const counts = [1, 2, 2, 1, 2, 11, 2, 1, 10, 2, 60, 1, 2, 10, 11, 2, 60, 1, 2, 2, 11];
		const expected = createOrders(counts);
		const { orders, got, requests } = await readAll();
		expect(orders).toHaveLength(counts.length);
		expect(got).toEqual(expected);
		expect(requests.filter((name) => name === 'OrderflowOrders').length).toBeGreaterThan(1);
		expect(requests).toContain('OrderflowOrderLineItems');
	});

	it('a limit that ends inside a page returns exactly that many orders, each whole', async () => {
		const expected = createOrders([2, 1, 11, 2, 60, 2, 10, 1, 2, 11, 2, 60]);
		const { orders, got } = await readAll(9);
		expect(orders).toHaveLength(9);
		expect(got).toEqual(new Map([...expected].slice(0, 9)));
	});
});
