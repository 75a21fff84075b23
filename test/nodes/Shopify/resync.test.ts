/**
 * Order → Re-sync (backfill) through the engine: the orders of a time range, or named ones, come
 * out as the deliveries the order sync path takes — the poll's shape, event id `backfill:<order>@<version>`
 * — so the same Dedupe Gate and idempotent writes handle them; a name Shopify has not got stops
 * the re-sync before anything runs, naming it.
 */
import { startShopifyFixture, type ShopifyNodeFixture } from './support';

describe('Shopify node, Order → Re-sync', () => {
	let shop: ShopifyNodeFixture;
	let clock: number;

	beforeAll(async () => {
		shop = await startShopifyFixture();
		clock = Date.parse('2026-11-20T08:00:00Z');
		shop.emulator.store.now = () => new Date(clock);
	});
	afterAll(async () => await shop.close());

	const place = (sku: string) => {
		const order = shop.emulator.store.createOrder({ lines: [{ sku, quantity: 1 }] });
		clock += 3_600_000;
		return order;
	};

	it('emits every order changed in a range, as deliveries of their current version, oldest first', async () => {
		const [first, second, third] = [
			place('TSHIRT-RED-M'),
			place('SOCKS-TRAIL-42'),
			place('TSHIRT-RED-M'),
		];
		second.note = 'changed';
		shop.emulator.store.touch(second);
		const items = await shop.output({
			resource: 'order',
			operation: 'resync',
			resyncBy: 'updatedRange',
			from: '2026-11-20T08:00:00Z',
			to: '2026-11-20T10:30:00Z',
		});
		expect(items.map((item) => (item.payload as { name: string }).name)).toEqual([
			first.name,
			third.name,
		]);
		expect(items[0]).toMatchObject({
			topic: 'orders/create',
			eventId: `backfill:${first.id}@${first.updatedAt}`,
			source: 'backfill',
			payload: { id: first.id, updatedAt: first.updatedAt },
		});
		const placed = await shop.output({
			resource: 'order',
			operation: 'resync',
			resyncBy: 'createdRange',
			from: '2026-11-20T08:00:00Z',
			to: '2026-11-20T10:30:00Z',
		});
		expect(placed.map((item) => (item.payload as { name: string }).name)).toEqual([
			first.name,
			second.name,
			third.name,
		]);
		expect(placed.find((item) => (item.payload as { id: string }).id === second.id)).toMatchObject({
			topic: 'orders/updated',
		});
	});

	it('emits named orders by name, number or ID, once each', async () => {
		const [a, b] = [place('TSHIRT-RED-M'), place('SOCKS-TRAIL-42')];
		const items = await shop.output({
			resource: 'order',
			operation: 'resync',
			resyncBy: 'orders',
			orders: `${a.name}, ${b.id}\n${a.name.slice(1)}`,
		});
		expect(items.map((item) => (item.payload as { id: string }).id).sort()).toEqual(
			[a.id, b.id].sort(),
		);
	});

	it('names the orders Shopify has not got and runs none, and refuses a range that ends before it starts', async () => {
		const known = place('TSHIRT-RED-M');
		const missing = await shop.run({
			resource: 'order',
			operation: 'resync',
			resyncBy: 'orders',
			orders: `${known.name}, #99999`,
		});
		expect(missing.nodeError('Shopify')).toMatchObject({
			message: 'Shopify has no order #99999; nothing was re-synced',
			description: expect.stringMatching(/^Check the names/),
		});
		expect(missing.executedNodes).not.toContain('Done');
		const backwards = await shop.run({
			resource: 'order',
			operation: 'resync',
			resyncBy: 'updatedRange',
			from: '2026-11-21T00:00:00Z',
			to: '2026-11-20T00:00:00Z',
		});
		expect(backwards.nodeError('Shopify')).toMatchObject({
			message: expect.stringMatching(/^From \(2026-11-21T00:00:00.000Z\) is not before To/),
			description: 'Give a From earlier than To.',
		});
	});

	it('reads a range above the bulk threshold through one bulk operation: the same deliveries, line for line, as page by page', async () => {
		const orders = [place('TSHIRT-RED-M'), place('SOCKS-TRAIL-42'), place('TSHIRT-RED-L')];
		// Several lines and a shipping line: the bulk file's nested rows must come back where the paged read puts them.
		const many = shop.emulator.store.createOrder({
			lines: ['TSHIRT-RED-M', 'SOCKS-TRAIL-42', 'TSHIRT-BLK-M'].map((sku) => ({
				sku,
				quantity: 2,
			})),
			shipping: { title: 'Standard', price: '4.90' },
		});
		clock += 3_600_000;
		const range = {
			resource: 'order',
			operation: 'resync',
			resyncBy: 'createdRange',
			from: orders[0].createdAt,
			to: new Date(clock).toISOString(),
		};
		const bulkBefore = shop.emulator.bulk.operations.length;
		const paged = await shop.output({ ...range, bulkAbove: 250 });
		expect(shop.emulator.bulk.operations.length).toBe(bulkBefore);
		const bulk = await shop.output({ ...range, bulkAbove: 3, bulkMaxWaitMinutes: 1 });
		expect(shop.emulator.bulk.operations.length).toBe(bulkBefore + 1);
		expect(bulk.map((item) => item.readBy)).toEqual(['bulk', 'bulk', 'bulk', 'bulk']);
		expect(paged.map((item) => item.readBy)).toEqual(['pages', 'pages', 'pages', 'pages']);
		const strip = (items: typeof paged) =>
			items.map((delivery) => ({ ...delivery, readBy: undefined }));
		expect(strip(bulk)).toEqual(strip(paged));
		const payload = bulk.find((item) => (item.payload as { id: string }).id === many.id)!
			.payload as {
			lineItems: { nodes: unknown[] };
			shippingLines: { nodes: Array<{ title: string }> };
		};
		expect([
			payload.lineItems.nodes.length,
			payload.shippingLines.nodes.map((line) => line.title),
		]).toEqual([3, ['Standard']]);
	});
});
