import { defaultSqliteFile, getLedger } from '../../core/ledger';
import {
	orderRefOf,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	type TemplateRig,
} from '../../harness';
import type { ContractServer } from '../../sandbox/contract/server';
import { cancelOrder } from '../../sandbox/shopify/domain/fulfillment';
import { BERLIN, ROTTERDAM } from '../../sandbox/shopify/seed';

describe('Split fulfillment template, run by n8n’s engine against the sandbox', () => {
	let rig: TemplateRig;

	beforeEach(async () => {
		rig = await startTemplate('split-fulfillment.json', [
			'Report Exception',
			'Report Fulfillment Exception',
			'Report Cancellation',
		]);
	});
	afterEach(async () => await rig.close());

	const requests = async (server: ContractServer) => await rig.shipmentRequests(server);
	const shipmentUpdates = async () =>
		await rig.engine.execute(rig.workflow, { startNode: 'Every 10 Minutes' });
	const fulfillmentOrdersOf = (orderId: string) =>
		rig.shopify.store.fulfillmentOrders.filter((fo) => fo.orderId === orderId);

	it('requests each fulfillment order from the warehouse of its location, once, however often Shopify delivers the paid order', async () => {
		rig.shopify.webhooks.faults = { duplicates: 2 };
		const order = rig.shopify.store.createOrder({
			lines: [
				{ sku: 'TSHIRT-RED-L', quantity: 1 },
				{ sku: 'TOTE-NAT', quantity: 2 },
			],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		rig.shopify.webhooks.faults = {};
		await rig.engine.poll(rig.workflow, 'Poll Fallback');
		const [berlin, rotterdam] = fulfillmentOrdersOf(order.id);
		expect([berlin.assignedLocationId, rotterdam.assignedLocationId]).toEqual([BERLIN, ROTTERDAM]);
		const atWms = await requests(rig.wms);
		const atThreePl = await requests(rig.threePl);
		expect(atWms).toHaveLength(1);
		expect(atThreePl).toHaveLength(1);
		const [wms] = atWms;
		const [threePl] = atThreePl;
		expect(wms).toMatchObject({
			externalRef: `shopify:fulfillment-order:${berlin.id.split('/').pop()}`,
			orderRef: orderRefOf(order),
			warehouse: 'BER',
			lines: [{ sku: 'TSHIRT-RED-L', quantity: 1 }],
			shipTo: { city: 'Berlin', country: 'DE' },
		});
		expect(threePl).toMatchObject({ warehouse: 'RTM', lines: [{ sku: 'TOTE-NAT', quantity: 2 }] });
		expect(rig.messages).toEqual([]);
	});

	it('leaves nothing in the inbox that no run would ever settle: its fulfillment orders are deduplicated one by one, and its poll recovers a lost delivery', async () => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'TSHIRT-RED-L', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		cancelOrder(rig.shopify.store, order.id, 'CUSTOMER', true);
		await rig.settle();
		const ledger = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: rig.engine.userFolder }),
		});
		expect(await ledger.countDeliveries('accepted')).toBe(0);
		// Each delivery is still the order's "event in" on its trail.
		const received = (await ledger.trail(orderRefOf(order))).filter(
			(event) => event.event === 'webhook.received',
		);
		expect(received.map((event) => [event.details.topic, event.summary])).toEqual([
			[
				'orders/paid',
				expect.stringMatching(/^Shopify sent orders\/paid \(event .+\) by webhook\.$/),
			],
			[
				'orders/cancelled',
				expect.stringMatching(/^Shopify sent orders\/cancelled \(event .+\) by webhook\.$/),
			],
		]);
	});

	it('moves the lines the in-house WMS cannot ship to Rotterdam and requests each part where it now is', async () => {
		// Shopify believes Berlin holds 40 red M shirts; the WMS has 4.
		const order = rig.shopify.store.createOrder({
			lines: [
				{ sku: 'TSHIRT-RED-M', quantity: 6 },
				{ sku: 'SOCKS-TRAIL-42', quantity: 1 },
			],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		const fulfillmentOrders = fulfillmentOrdersOf(order.id).filter((fo) => fo.status === 'OPEN');
		expect(
			fulfillmentOrders.map((fo) => [
				fo.assignedLocationId,
				fo.lines.map((line) => line.remainingQuantity),
			]),
		).toEqual([
			[BERLIN, [4, 1]],
			[ROTTERDAM, [2]],
		]);
		const [wms] = await requests(rig.wms);
		const [threePl] = await requests(rig.threePl);
		expect(wms.lines.map((line) => `${line.sku}=${line.quantity}`)).toEqual([
			'TSHIRT-RED-M=4',
			'SOCKS-TRAIL-42=1',
		]);
		expect(threePl.lines.map((line) => `${line.sku}=${line.quantity}`)).toEqual(['TSHIRT-RED-M=2']);
		expect(threePl.externalRef).toBe(
			`shopify:fulfillment-order:${fulfillmentOrders[1].id.split('/').pop()}`,
		);
		expect(rig.messages).toEqual([]);
	});

	it('turns each polled shipment into one fulfillment with its tracking: a partial shipment is a partial fulfillment', async () => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 3 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		const [request] = await requests(rig.threePl);
		await rig.ship(rig.threePl, request, {
			lines: [{ lineRef: request.lines[0].lineRef, sku: 'TOTE-NAT', quantity: 2 }],
			tracking: { number: 'RTM-0001', company: 'DHL' },
		});
		await shipmentUpdates();
		await shipmentUpdates();
		const [fo] = fulfillmentOrdersOf(order.id);
		let fulfillments = rig.shopify.store.fulfillments.filter(
			(fulfillment) => fulfillment.orderId === order.id,
		);
		expect(fulfillments).toHaveLength(1);
		expect(fulfillments[0]).toMatchObject({
			lines: [expect.objectContaining({ quantity: 2 })],
			tracking: [expect.objectContaining({ number: 'RTM-0001', company: 'DHL' })],
		});
		expect(fo.lines[0].remainingQuantity).toBe(1);

		await rig.ship(rig.threePl, request, { tracking: { number: 'RTM-0002', company: 'DHL' } });
		await shipmentUpdates();
		fulfillments = rig.shopify.store.fulfillments.filter(
			(fulfillment) => fulfillment.orderId === order.id,
		);
		expect(fulfillments.map((fulfillment) => fulfillment.tracking[0].number)).toEqual([
			'RTM-0001',
			'RTM-0002',
		]);
		expect(fo.status).toBe('CLOSED');
		expect(rig.messages).toEqual([]);
	});

	it('rides out a 3PL outage with retries, and reports a request the 3PL refuses with its reason, claim released', async () => {
		await rig.call(rig.threePl, 'PUT', '/_control/faults', [
			{ method: 'POST', path: '/shipment-requests', kind: 'status', status: 503, times: 2 },
		]);
		const first = rig.shopify.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		expect((await requests(rig.threePl)).map((request) => request.orderRef)).toEqual([
			orderRefOf(first),
		]);

		await rig.call(rig.threePl, 'PUT', '/_control/faults', [
			{ method: 'POST', path: '/shipment-requests', kind: 'status', status: 422, times: 1 },
		]);
		const refused = rig.shopify.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		expect(await requests(rig.threePl)).toHaveLength(1);
		expect(rig.messages.map((message) => message.body)).toEqual([
			expect.objectContaining({
				text: expect.stringMatching(
					new RegExp(`^Split fulfillment exception: ${refused.name} — HTTP 422 — E-\\d+$`),
				),
				exception: expect.stringMatching(/^E-\d+$/),
				details: expect.objectContaining({
					externalRef: expect.stringMatching(/^shopify:fulfillment-order:/),
					status: 422,
				}),
			}),
		]);
		// The claim was released: the poll fallback takes the fulfillment order up again (and the refusal, final for this key, is reported again rather than dropped).
		await rig.engine.poll(rig.workflow, 'Poll Fallback');
		expect(rig.messages).toHaveLength(2);
	});

	it('cancels at both warehouses what a cancelled order had not shipped yet, and names a request already on its way', async () => {
		const order = rig.shopify.store.createOrder({
			lines: [
				{ sku: 'TSHIRT-RED-L', quantity: 1 },
				{ sku: 'TOTE-NAT', quantity: 2 },
			],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		cancelOrder(rig.shopify.store, order.id, 'CUSTOMER', true);
		await rig.settle();
		expect((await requests(rig.wms)).map((request) => request.status)).toEqual(['cancelled']);
		expect((await requests(rig.threePl)).map((request) => request.status)).toEqual(['cancelled']);
		expect(rig.messages).toEqual([]);

		const shipped = rig.shopify.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 3 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		const request = (await requests(rig.threePl)).find(
			(candidate) => candidate.orderRef === orderRefOf(shipped),
		)!;
		await rig.ship(rig.threePl, request, {
			lines: [{ lineRef: request.lines[0].lineRef, sku: 'TOTE-NAT', quantity: 1 }],
			tracking: { number: 'RTM-0003', company: 'DHL' },
		});
		cancelOrder(rig.shopify.store, shipped.id, 'CUSTOMER', true);
		await rig.settle();
		expect(rig.messages.map((message) => message.body.text)).toEqual([
			expect.stringMatching(
				new RegExp(
					`^Cancelled order ${shipped.name} at the warehouse: ${request.externalRef} is partially shipped although the order was cancelled: recall the parcel or expect a return — E-\\d+$`,
				),
			),
		]);
	});
});
