import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { Engine } from '../../../harness';
import type { ContractServer } from '../../../sandbox/contract/server';
import { seededStore } from '../../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../../sandbox/shopify/server';
import { startThreePlServer } from '../../../sandbox/three-pl/server';
import { call } from '../../support/contract';
import { adminGraphql } from '../../support/shopify';
import { fixture, withParameters } from '../../support/workflows';

const FULFILLMENT_ORDERS = `query FOs($id: ID!) { order(id: $id) { fulfillmentOrders(first: 10) { nodes {
	id orderId status destination { firstName lastName address1 address2 city province zip countryCode phone }
	lineItems(first: 50) { nodes { id sku totalQuantity remainingQuantity } }
} } } }`;

describe('3PL node through the engine against the 3PL reference server', () => {
	let threePl: ContractServer;
	let shopify: ShopifyEmulator;
	let engine: Engine;

	beforeEach(async () => {
		threePl = await startThreePlServer();
		shopify = await ShopifyEmulator.start({ store: seededStore(), accessTokens: ['shpat_3pl'] });
		engine = await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-3pl-')),
			credentials: {
				'3PL': {
					type: 'orderflowThreePlApi',
					data: {
						baseUrl: threePl.url,
						authentication: 'bearer',
						token: '3pl-sandbox-token',
						idempotencyHeader: 'Idempotency-Key',
					},
				},
			},
		});
	});

	afterEach(async () => {
		await threePl.close();
		await shopify.close();
	});

	/** The fulfillment orders of a fresh order, as the Shopify node reads them. */
	const fulfillmentOrders = async () => {
		const order = shopify.store.createOrder({
			lines: [
				{ sku: 'TOTE-NAT', quantity: 2 },
				{ sku: 'TSHIRT-BLK-M', quantity: 1 },
			],
			shippingAddress: {
				firstName: 'Ada',
				lastName: 'Lovelace',
				address1: 'Unter den Linden 1',
				city: 'Berlin',
				zip: '10117',
				countryCodeV2: 'DE',
			},
		});
		const reply = await adminGraphql<{ order: { fulfillmentOrders: { nodes: IDataObject[] } } }>(
			shopify,
			FULFILLMENT_ORDERS,
			{ id: order.id },
		);
		return { order, fulfillmentOrders: reply.data!.order.fulfillmentOrders.nodes };
	};
	const out = (execution: Awaited<ReturnType<Engine['execute']>>, output: string) =>
		execution.output(output).map((item) => item['3pl'] as IDataObject);

	it('requests the shipment of a fulfillment order once, then reports its shipments with tracking', async () => {
		const {
			order,
			fulfillmentOrders: [rotterdam],
		} = await fulfillmentOrders();
		const created = await engine.execute(fixture(__dirname, 'create'), { items: [rotterdam] });
		const [done] = out(created, 'Done');
		expect(done).toMatchObject({
			outcome: 'done',
			replayed: false,
			orderRef: `shopify:order:${order.id.split('/').pop()}`,
			response: { id: 'SR-000001', status: 'received', warehouse: 'RTM' },
		});
		// Only the tote sits at Rotterdam; the shirt's fulfillment order is Berlin's.
		expect((done.response as IDataObject).lines).toEqual([
			expect.objectContaining({ sku: 'TOTE-NAT', quantity: 2 }),
		]);
		expect(
			out(await engine.execute(fixture(__dirname, 'create'), { items: [rotterdam] }), 'Done'),
		).toEqual([expect.objectContaining({ replayed: true })]);

		await call(threePl.url, 'POST', '/_control/shipment-requests/SR-000001/ship', {
			body: {
				tracking: { number: 'JJD0042', company: 'DHL' },
				lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			},
		});
		const shipments = await engine.execute(fixture(__dirname, 'shipments'), {
			items: [{ orderRef: done.orderRef }],
		});
		expect(shipments.output('Done')).toEqual([
			expect.objectContaining({
				id: 'SR-000001',
				status: 'partially_shipped',
				shipments: [
					expect.objectContaining({
						tracking: expect.objectContaining({ number: 'JJD0042' }),
						lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
					}),
				],
			}),
		]);
		const stored = await call<{ items: unknown[] }>(threePl.url, 'GET', '/shipment-requests', {
			token: '3pl-sandbox-token',
		});
		expect(stored.body.items).toHaveLength(1);
	});

	it('Shadow: records the shipment request it would send and sends none', async () => {
		const {
			fulfillmentOrders: [rotterdam],
		} = await fulfillmentOrders();
		const created = await engine.execute(
			withParameters(fixture(__dirname, 'create'), '3PL', { options: { shadow: true } }),
			{ items: [rotterdam] },
		);
		expect(out(created, 'Done')).toEqual([
			expect.objectContaining({
				outcome: 'shadow',
				request: expect.objectContaining({
					method: 'POST',
					url: `${threePl.url}/shipment-requests`,
					body: expect.objectContaining({ warehouse: 'RTM' }),
				}),
			}),
		]);
		const stored = await call<{ items: unknown[] }>(threePl.url, 'GET', '/shipment-requests', {
			token: '3pl-sandbox-token',
		});
		expect(stored.body.items).toEqual([]);
	});

	it('Shadow: Cancel Unshipped Units of a cancelled order records the cancels it would send and sends none', async () => {
		const {
			order,
			fulfillmentOrders: [rotterdam],
		} = await fulfillmentOrders();
		await engine.execute(fixture(__dirname, 'create'), { items: [rotterdam] });
		const execution = await engine.execute(
			withParameters(fixture(__dirname, 'cancel'), '3PL', {
				operation: 'cancelUnshipped',
				options: { shadow: true },
			}),
			{ items: [{ id: order.id, cancelled_at: '2026-11-21T10:00:00Z' }] },
		);
		expect(out(execution, 'Done')).toEqual([
			expect.objectContaining({
				outcome: 'done',
				orderRef: `shopify:order:${order.id.split('/').pop()}`,
				cancelled: [
					expect.objectContaining({ warehouse: 'RTM', result: 'recorded, not sent (shadow run)' }),
				],
				adjust: [],
			}),
		]);
		expect(execution.output('In doubt')).toEqual([]);
		const stored = await call<{ items: Array<{ status: string }> }>(
			threePl.url,
			'GET',
			'/shipment-requests',
			{ token: '3pl-sandbox-token' },
		);
		expect(stored.body.items.map((request) => request.status)).toEqual(['received']);
	});

	it('cancels an unshipped request once, and reports Failed (409) once everything shipped', async () => {
		const {
			fulfillmentOrders: [first],
		} = await fulfillmentOrders();
		const {
			fulfillmentOrders: [second],
		} = await fulfillmentOrders();
		await engine.execute(fixture(__dirname, 'create'), { items: [first, second] });
		await call(threePl.url, 'POST', '/_control/shipment-requests/SR-000002/ship', {});
		const refs = (
			await call<{ items: Array<{ externalRef: string }> }>(
				threePl.url,
				'GET',
				'/shipment-requests',
				{
					token: '3pl-sandbox-token',
				},
			)
		).body.items.map((item) => ({ externalRef: item.externalRef }));
		const cancelled = await engine.execute(fixture(__dirname, 'cancel'), { items: refs });
		expect(out(cancelled, 'Done')).toEqual([
			expect.objectContaining({
				response: expect.objectContaining({ id: 'SR-000001', status: 'cancelled' }),
			}),
		]);
		expect(out(cancelled, 'Failed')).toEqual([
			expect.objectContaining({
				status: 409,
				response: expect.objectContaining({ title: 'Already shipped' }),
			}),
		]);
	});

	it('sends what is not a fulfillment order to Failed with the reasons', async () => {
		const execution = await engine.execute(fixture(__dirname, 'create'), {
			items: [{ id: 5531, name: '#1001' }],
		});
		expect(out(execution, 'Failed')[0].reasons).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					/neither a canonical shipment request nor a Shopify fulfillment order/,
				),
			]),
		);
	});
});
