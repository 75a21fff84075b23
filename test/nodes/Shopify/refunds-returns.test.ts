import { BERLIN } from '../../../sandbox/shopify/seed';
import { startShopifyFixture, type ShopifyNodeFixture } from './support';

describe('Shopify node, Refund and Return operations through the engine against the emulator', () => {
	let shop: ShopifyNodeFixture;

	beforeAll(async () => {
		shop = await startShopifyFixture();
	});
	afterAll(async () => await shop.close());

	const paidOrder = () =>
		shop.emulator.store.createOrder({
			lines: [
				{ sku: 'SOCKS-TRAIL-42', quantity: 3 },
				{ sku: 'TSHIRT-RED-M', quantity: 1 },
			],
			shipping: { title: 'Standard', price: '4.90' },
		});

	it('Calculate returns the suggested refund for the lines named by SKU', async () => {
		const order = paidOrder();
		const [suggestion] = await shop.output({
			resource: 'refund',
			operation: 'calculate',
			orderId: order.id,
			lines: 'SOCKS-TRAIL-42=2',
			refundShipping: false,
		});
		expect(suggestion.refundLineItems).toEqual([expect.objectContaining({ quantity: 2 })]);
		expect((suggestion.amountSet as { shopMoney: { amount: string } }).shopMoney.amount).toBe(
			'25.0',
		);
	});

	it('Create twice with the same key refunds once; Get Many lists the one refund', async () => {
		const order = paidOrder();
		const parameters = {
			resource: 'refund',
			operation: 'create',
			orderId: order.id,
			lines: 'SOCKS-TRAIL-42=1',
			restockType: 'CANCEL',
			locationId: BERLIN,
			options: { idempotencyKey: 'credit-memo-CM-1' },
		};
		const [first] = await shop.output(parameters);
		const [second] = await shop.output(parameters);
		expect(second).toMatchObject({ id: first.id, replayed: true });
		expect(first.idempotencyKey).toBe('credit-memo-CM-1');
		const refunds = await shop.output({
			resource: 'refund',
			operation: 'getManyForOrder',
			orderId: order.id,
		});
		expect(refunds).toHaveLength(1);
		expect(
			shop.emulator.store.refunds.filter((refund) => refund.orderId === order.id),
		).toHaveLength(1);
	});

	it('Create without a key derives one from the content: a re-run of the same refund refunds once', async () => {
		const order = paidOrder();
		const parameters = {
			resource: 'refund',
			operation: 'create',
			orderId: order.id,
			lines: 'TSHIRT-RED-M',
			restockType: 'NO_RESTOCK',
		};
		const [first] = await shop.output(parameters);
		const [again] = await shop.output(parameters);
		expect(again.id).toBe(first.id);
		expect(String(first.idempotencyKey)).toMatch(/^orderflow-refund-/);
	});

	it('refuses a refund of more than is refundable, naming the line', async () => {
		const order = paidOrder();
		const execution = await shop.run({
			resource: 'refund',
			operation: 'create',
			orderId: order.id,
			lines: 'SOCKS-TRAIL-42=9',
		});
		expect(execution.nodeError('Shopify')?.message).toMatch(
			/"SOCKS-TRAIL-42" has 3 left, 9 were asked for/,
		);
		expect(
			shop.emulator.store.refunds.filter((refund) => refund.orderId === order.id),
		).toHaveLength(0);
	});

	it('Return: Create for fulfilled lines, Get, Process', async () => {
		const order = shop.emulator.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 2 }],
		});
		const [fo] = await shop.output({
			resource: 'fulfillmentOrder',
			operation: 'getManyForOrder',
			orderId: order.id,
		});
		await shop.output({
			resource: 'fulfillmentOrder',
			operation: 'createFulfillment',
			fulfillmentOrders: { fulfillmentOrder: [{ id: fo.id as string, lines: '' }] },
		});
		const [created] = await shop.output({
			resource: 'return',
			operation: 'create',
			orderId: order.id,
			lines: 'SOCKS-TRAIL-42=1',
			reasonNote: 'too small',
		});
		expect(created).toMatchObject({ name: `${order.name}-R1`, status: 'OPEN' });
		const [got] = await shop.output({
			resource: 'return',
			operation: 'get',
			returnId: created.id as string,
			simplify: true,
		});
		expect(got.returnLineItems).toEqual([expect.objectContaining({ quantity: 1 })]);
		const [processed] = await shop.output({
			resource: 'return',
			operation: 'process',
			returnId: created.id as string,
		});
		expect(processed.status).toBe('CLOSED');
	});
});
