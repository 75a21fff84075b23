import { BERLIN, ROTTERDAM } from '../../../sandbox/shopify/seed';
import { fixture } from '../../support/workflows';
import { startShopifyFixture, type ShopifyNodeFixture } from './support';

describe('Shopify node, Fulfillment Order operations through the engine against the emulator', () => {
	let shop: ShopifyNodeFixture;

	beforeAll(async () => {
		shop = await startShopifyFixture();
	});
	afterAll(async () => await shop.close());

	const fulfillmentOrders = async (orderId: string) =>
		await shop.output({ resource: 'fulfillmentOrder', operation: 'getManyForOrder', orderId });

	it('split across two locations, then a partial fulfillment with tracking per fulfillment order (one workflow)', async () => {
		const order = shop.emulator.store.createOrder({
			lines: [
				{ sku: 'TSHIRT-RED-L', quantity: 2 },
				{ sku: 'TOTE-NAT', quantity: 3 },
			],
		});
		const execution = await shop.engine.execute(fixture(__dirname, 'split-fulfil'), {
			items: [{ orderId: order.id }],
		});
		expect(execution.status).toBe('success');
		const routed = execution.output('Fulfillment Orders');
		expect(
			routed.map((fo) => (fo.assignedLocation as { location: { id: string } }).location.id),
		).toEqual([BERLIN, ROTTERDAM]);

		const fulfilments = execution.output('Done');
		expect(fulfilments).toHaveLength(2);
		expect(fulfilments.map((f) => f.trackingInfo)).toEqual([
			[{ company: 'DHL Express', number: 'TRK-1', url: 'https://track.example/1' }],
			[{ company: 'DHL Express', number: 'TRK-2', url: 'https://track.example/2' }],
		]);
		const after = await fulfillmentOrders(order.id);
		expect(after.map((fo) => fo.status)).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
		expect(
			after.map(
				(fo) =>
					(fo.lineItems as { nodes: Array<{ remainingQuantity: number }> }).nodes[0]
						.remainingQuantity,
			),
		).toEqual([1, 2]);
		expect(shop.emulator.store.order(order.id)!.id).toBe(order.id);
		const [status] = await shop.output({ resource: 'order', operation: 'get', orderId: order.id });
		expect(status.displayFulfillmentStatus).toBe('PARTIALLY_FULFILLED');
	});

	it('Split keeps the named lines and moves the rest into a new fulfillment order; Move sends it to another location', async () => {
		const order = shop.emulator.store.createOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 4 }],
		});
		const [fo] = await fulfillmentOrders(order.id);
		const [original, remaining] = await shop.output({
			resource: 'fulfillmentOrder',
			operation: 'split',
			fulfillmentOrderId: fo.id as string,
			lines: 'TSHIRT-RED-M=3',
		});
		expect(original).toMatchObject({
			splitRole: 'original',
			lineItems: { nodes: [expect.objectContaining({ remainingQuantity: 3 })] },
		});
		expect(remaining).toMatchObject({
			splitRole: 'remaining',
			lineItems: { nodes: [expect.objectContaining({ remainingQuantity: 1 })] },
		});
		const [moved] = await shop.output({
			resource: 'fulfillmentOrder',
			operation: 'move',
			fulfillmentOrderId: remaining.id as string,
			newLocationId: '2',
		});
		expect((moved.assignedLocation as { location: { id: string } }).location.id).toBe(ROTTERDAM);
	});

	it('Move of some lines returns the moved fulfillment order and the original with what stayed, each with its destination', async () => {
		const order = shop.emulator.store.createOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 4 }],
			shippingAddress: {
				firstName: 'Ada',
				lastName: 'Lovelace',
				address1: 'Torstraße 1',
				city: 'Berlin',
				zip: '10119',
				countryCodeV2: 'DE',
			},
		});
		const [fo] = await fulfillmentOrders(order.id);
		const items = await shop.output({
			resource: 'fulfillmentOrder',
			operation: 'move',
			fulfillmentOrderId: fo.id as string,
			lines: 'TSHIRT-RED-M=1',
			newLocationId: '2',
		});
		expect(
			items.map((item) => [
				item.moveRole,
				(item.assignedLocation as { location: { id: string } }).location.id,
				(item.lineItems as { nodes: Array<{ remainingQuantity: number }> }).nodes[0]
					.remainingQuantity,
			]),
		).toEqual([
			['moved', ROTTERDAM, 1],
			[
				'original',
				fo.assignedLocation
					? (fo.assignedLocation as { location: { id: string } }).location.id
					: '',
				3,
			],
		]);
		expect(items[1].id).toBe(fo.id);
		expect(items[0].destination).toMatchObject({ address1: 'Torstraße 1', countryCode: 'DE' });
	});

	it('names the line when a Lines entry does not exist on the fulfillment order', async () => {
		const order = shop.emulator.store.createOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
		});
		const [fo] = await fulfillmentOrders(order.id);
		const execution = await shop.run({
			resource: 'fulfillmentOrder',
			operation: 'split',
			fulfillmentOrderId: fo.id as string,
			lines: 'NOPE-SKU=1',
		});
		const error = execution.nodeError('Shopify') as Error & { description?: string };
		expect(error.message).toMatch(/no line "NOPE-SKU" \(its lines: TSHIRT-RED-M\)/);
		expect(error.description).toMatch(/Lines field/);
	});

	it('Hold blocks fulfilment until Release Hold; Submit Fulfillment Request goes to the fulfillment service location', async () => {
		const order = shop.emulator.store.createOrder({
			lines: [
				{ sku: 'TSHIRT-RED-L', quantity: 1 },
				{ sku: 'TOTE-NAT', quantity: 1 },
			],
		});
		const [berlin, rotterdam] = await fulfillmentOrders(order.id);
		const [held] = await shop.output({
			resource: 'fulfillmentOrder',
			operation: 'hold',
			fulfillmentOrderId: berlin.id as string,
			holdReason: 'INCORRECT_ADDRESS',
			holdNotes: 'Check street',
		});
		expect(held).toMatchObject({
			status: 'ON_HOLD',
			fulfillmentHolds: [{ reason: 'INCORRECT_ADDRESS', reasonNotes: 'Check street' }],
		});

		const blocked = await shop.run({
			resource: 'fulfillmentOrder',
			operation: 'createFulfillment',
			fulfillmentOrders: { fulfillmentOrder: [{ id: berlin.id as string, lines: '' }] },
		});
		expect((blocked.nodeError('Shopify') as Error & { description?: string }).description).toMatch(
			/on hold/,
		);

		const [released] = await shop.output({
			resource: 'fulfillmentOrder',
			operation: 'releaseHold',
			fulfillmentOrderId: berlin.id as string,
		});
		expect(released.status).toBe('OPEN');
		const [fulfilled] = await shop.output({
			resource: 'fulfillmentOrder',
			operation: 'createFulfillment',
			fulfillmentOrders: { fulfillmentOrder: [{ id: berlin.id as string, lines: '' }] },
			trackingNumber: 'JJD1',
		});
		expect(fulfilled.trackingInfo).toEqual([{ company: null, number: 'JJD1', url: null }]);

		const [submitted] = await shop.output({
			resource: 'fulfillmentOrder',
			operation: 'submitRequest',
			fulfillmentOrderId: rotterdam.id as string,
			requestMessage: 'Ship fast',
		});
		expect(submitted.requestStatus).toBe('SUBMITTED');
	});
});
