import { seededStore } from '../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../sandbox/shopify/server';
import { adminGraphql } from '../support/shopify';

const MONEY = 'shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }';

interface OrderNode {
	id: string;
	name: string;
	updatedAt: string;
	tags: string[];
	currencyCode: string;
	presentmentCurrencyCode: string;
	displayFinancialStatus: string;
	totalPriceSet: {
		shopMoney: { amount: string; currencyCode: string };
		presentmentMoney: { amount: string; currencyCode: string };
	};
	subtotalPriceSet: { shopMoney: { amount: string } };
	totalTaxSet: { shopMoney: { amount: string }; presentmentMoney: { amount: string } };
	totalShippingPriceSet: { shopMoney: { amount: string } };
	totalDiscountsSet: { shopMoney: { amount: string } };
	paymentGatewayNames: string[];
	lineItems: {
		nodes: Array<{
			sku: string;
			quantity: number;
			isGiftCard: boolean;
			variant: { inventoryItem: { id: string } };
		}>;
	};
	transactions: Array<{
		kind: string;
		gateway: string;
		amountSet: { shopMoney: { amount: string } };
	}>;
}

describe('Shopify emulator: orders', () => {
	let emulator: ShopifyEmulator;

	beforeEach(async () => {
		emulator = await ShopifyEmulator.start({
			store: seededStore(),
			accessTokens: ['shpat_orders'],
		});
	});

	afterEach(async () => await emulator.close());

	it('reports a multi-currency order in shop and presentment money with tax, shipping, discount and gift card payment', async () => {
		const created = emulator.store.createOrder({
			lines: [
				{ sku: 'TSHIRT-RED-M', quantity: 2, discount: '5.00', taxRate: 0.19 },
				{ sku: 'GIFT-50', quantity: 1 },
			],
			presentmentCurrency: 'USD',
			exchangeRate: 1.0753,
			shipping: { title: 'DHL Express', price: '4.90', taxRate: 0.19 },
			giftCardPayment: '20.00',
			customer: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
		});

		const reply = await adminGraphql<{ order: OrderNode }>(
			emulator,
			`query Order($id: ID!) { order(id: $id) {
				id name currencyCode presentmentCurrencyCode displayFinancialStatus paymentGatewayNames
				totalPriceSet { ${MONEY} } subtotalPriceSet { ${MONEY} } totalTaxSet { ${MONEY} }
				totalShippingPriceSet { ${MONEY} } totalDiscountsSet { ${MONEY} }
				lineItems(first: 10) { nodes { sku quantity isGiftCard variant { inventoryItem { id } } } }
				transactions(first: 5) { kind gateway amountSet { ${MONEY} } }
			} }`,
			{ id: created.id },
		);
		expect(reply.errors).toBeUndefined();
		const order = reply.data!.order;
		// 2 × 39.90 − 5.00 = 74.80; + gift card 50.00 = 124.80; tax 19 % of 74.80 = 14.21 and of 4.90 = 0.93.
		expect(order.subtotalPriceSet.shopMoney.amount).toBe('124.8');
		expect(order.totalDiscountsSet.shopMoney.amount).toBe('5.0');
		expect(order.totalShippingPriceSet.shopMoney.amount).toBe('4.9');
		expect(order.totalTaxSet.shopMoney.amount).toBe('15.14');
		expect(order.totalPriceSet.shopMoney).toEqual({ amount: '144.84', currencyCode: 'EUR' });
		expect(order.totalPriceSet.presentmentMoney.currencyCode).toBe('USD');
		expect(order.presentmentCurrencyCode).toBe('USD');
		expect(order.displayFinancialStatus).toBe('PAID');
		expect(order.paymentGatewayNames.sort()).toEqual(['gift_card', 'shopify_payments']);
		expect(order.transactions.map((t) => [t.gateway, t.amountSet.shopMoney.amount])).toEqual([
			['gift_card', '20.0'],
			['shopify_payments', '124.84'],
		]);
		expect(order.lineItems.nodes.map((line) => [line.sku, line.quantity, line.isGiftCard])).toEqual(
			[
				['TSHIRT-RED-M', 2, false],
				['GIFT-50', 1, true],
			],
		);
		expect(order.lineItems.nodes[0].variant.inventoryItem.id).toMatch(
			/^gid:\/\/shopify\/InventoryItem\/\d+$/,
		);
	});

	it('pages through more than 250 orders with cursors, none lost or repeated', async () => {
		for (let i = 0; i < 301; i++)
			emulator.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }] });
		const seen: string[] = [];
		let after: string | null = null;
		let pages = 0;
		do {
			const reply: Awaited<
				ReturnType<
					typeof adminGraphql<{
						orders: {
							pageInfo: { hasNextPage: boolean; endCursor: string | null };
							nodes: Array<{ id: string }>;
						};
					}>
				>
			> = await adminGraphql(
				emulator,
				'query Page($after: String) { orders(first: 250, after: $after, sortKey: CREATED_AT) { pageInfo { hasNextPage endCursor } nodes { id } } }',
				{ after },
			);
			expect(reply.errors).toBeUndefined();
			seen.push(...reply.data!.orders.nodes.map((node) => node.id));
			after = reply.data!.orders.pageInfo.hasNextPage
				? reply.data!.orders.pageInfo.endCursor
				: null;
			pages++;
		} while (after);
		expect(pages).toBe(2);
		expect(seen).toHaveLength(301);
		expect(new Set(seen).size).toBe(301);
	});

	it('refuses a page over 250', async () => {
		const reply = await adminGraphql(emulator, '{ orders(first: 251) { nodes { id } } }');
		expect(reply.errors?.[0].message).toMatch(/251 exceeds the maximum of 250/);
	});

	it('filters with query: on updated_at and tags, sorted by updated_at', async () => {
		let clock = Date.parse('2026-11-01T10:00:00Z');
		emulator.store.now = () => new Date(clock);
		const old = emulator.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			tags: ['wholesale'],
		});
		clock = Date.parse('2026-11-20T10:00:00Z');
		const recent = emulator.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }] });

		const since = await adminGraphql<{ orders: { nodes: Array<{ id: string }> } }>(
			emulator,
			`{ orders(first: 10, sortKey: UPDATED_AT, query: "updated_at:>'2026-11-10T00:00:00Z'") { nodes { id } } }`,
		);
		expect(since.data!.orders.nodes.map((node) => node.id)).toEqual([recent.id]);
		const tagged = await adminGraphql<{ orders: { nodes: Array<{ id: string }> } }>(
			emulator,
			'{ orders(first: 10, query: "tag:wholesale") { nodes { id } } }',
		);
		expect(tagged.data!.orders.nodes.map((node) => node.id)).toEqual([old.id]);
		const untagged = await adminGraphql<{ orders: { nodes: Array<{ id: string }> } }>(
			emulator,
			'{ orders(first: 10, query: "-tag:wholesale") { nodes { id } } }',
		);
		expect(untagged.data!.orders.nodes.map((node) => node.id)).toEqual([recent.id]);
	});

	it('adds and removes tags, bumping updatedAt, and answers userErrors for an unknown order', async () => {
		let clock = Date.parse('2026-11-01T10:00:00Z');
		emulator.store.now = () => new Date(clock);
		const order = emulator.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			tags: ['vip'],
		});
		clock += 60_000;
		const added = await adminGraphql<{
			tagsAdd: { node: { tags: string[]; updatedAt: string }; userErrors: unknown[] };
		}>(
			emulator,
			'mutation Add($id: ID!, $tags: [String!]!) { tagsAdd(id: $id, tags: $tags) { node { ... on Order { tags updatedAt } } userErrors { field message } } }',
			{ id: order.id, tags: ['erp-synced'] },
		);
		expect(added.data!.tagsAdd).toEqual({
			node: { tags: ['vip', 'erp-synced'], updatedAt: '2026-11-01T10:01:00Z' },
			userErrors: [],
		});
		expect(added.cost?.requestedQueryCost).toBe(10);

		const removed = await adminGraphql<{ tagsRemove: { node: { tags: string[] } } }>(
			emulator,
			'mutation Remove($id: ID!) { tagsRemove(id: $id, tags: ["vip"]) { node { ... on Order { tags } } userErrors { field message } } }',
			{ id: order.id },
		);
		expect(removed.data!.tagsRemove.node.tags).toEqual(['erp-synced']);

		const missing = await adminGraphql<{
			tagsAdd: { node: null; userErrors: Array<{ field: string[]; message: string }> };
		}>(
			emulator,
			'mutation { tagsAdd(id: "gid://shopify/Order/1", tags: ["x"]) { node { id } userErrors { field message } } }',
		);
		expect(missing.data!.tagsAdd).toEqual({
			node: null,
			userErrors: [{ field: ['id'], message: 'Order does not exist' }],
		});
	});

	it('sets order metafields and reads them back', async () => {
		const order = emulator.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }] });
		const set = await adminGraphql<{
			metafieldsSet: { metafields: Array<{ key: string; value: string }>; userErrors: unknown[] };
		}>(
			emulator,
			'mutation Set($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { key value } userErrors { field message code } } }',
			{
				m: [
					{
						ownerId: order.id,
						namespace: 'orderflow',
						key: 'erp_id',
						type: 'single_line_text_field',
						value: 'SO-77',
					},
				],
			},
		);
		expect(set.data!.metafieldsSet).toEqual({
			metafields: [{ key: 'erp_id', value: 'SO-77' }],
			userErrors: [],
		});
		const read = await adminGraphql<{ order: { metafield: { value: string } } }>(
			emulator,
			'query Read($id: ID!) { order(id: $id) { metafield(namespace: "orderflow", key: "erp_id") { value } } }',
			{ id: order.id },
		);
		expect(read.data!.order.metafield.value).toBe('SO-77');
	});

	it('reports inventory quantities by name per location', async () => {
		const reply = await adminGraphql<{
			inventoryItems: {
				nodes: Array<{
					sku: string;
					inventoryLevels: {
						nodes: Array<{
							location: { name: string };
							quantities: Array<{ name: string; quantity: number }>;
						}>;
					};
				}>;
			};
		}>(
			emulator,
			'{ inventoryItems(first: 5, query: "sku:TSHIRT-BLK-M") { nodes { sku inventoryLevels(first: 5) { nodes { location { name } quantities(names: ["available", "on_hand", "safety_stock"]) { name quantity } } } } } }',
		);
		expect(reply.errors).toBeUndefined();
		const [item] = reply.data!.inventoryItems.nodes;
		expect(item.sku).toBe('TSHIRT-BLK-M');
		expect(item.inventoryLevels.nodes).toEqual([
			{
				location: { name: 'Berlin Warehouse' },
				quantities: [
					{ name: 'available', quantity: 3 },
					{ name: 'on_hand', quantity: 8 },
					{ name: 'safety_stock', quantity: 5 },
				],
			},
			{
				location: { name: 'Rotterdam 3PL' },
				quantities: [
					{ name: 'available', quantity: 30 },
					{ name: 'on_hand', quantity: 30 },
					{ name: 'safety_stock', quantity: 0 },
				],
			},
		]);
	});

	it('throttles a burst of large reads once the 2,000-point bucket is spent', async () => {
		for (let i = 0; i < 260; i++)
			emulator.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }] });
		const codes: string[] = [];
		for (let i = 0; i < 12; i++) {
			const reply = await adminGraphql(emulator, '{ orders(first: 250) { nodes { id name } } }');
			codes.push(reply.errors ? String(reply.errors[0].extensions?.code) : 'OK');
		}
		expect(codes.slice(0, 7)).toEqual(Array(7).fill('OK'));
		expect(codes).toContain('THROTTLED');
	});
});
