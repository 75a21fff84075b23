import type { ContractServer } from '../../sandbox/contract/server';
import { startThreePlServer } from '../../sandbox/three-pl/server';
import { call, shipmentRequestInput } from '../support/contract';

describe('3PL reference server on the canonical contract', () => {
	let threePl: ContractServer;
	const token = '3pl-sandbox-token';

	beforeEach(async () => {
		threePl = await startThreePlServer({
			seed: { stock: [{ sku: 'TOTE-NAT', warehouse: 'RTM', onHand: 80 }] },
		});
	});

	afterEach(async () => await threePl.close());

	it('takes a shipment request, ships it in two parts with tracking, and reports it by order and by change time', async () => {
		const created = await call<{ id: string; status: string }>(
			threePl.url,
			'POST',
			'/shipment-requests',
			{ body: shipmentRequestInput(), token },
		);
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ id: 'SR-000001', status: 'received', shipments: [] });
		const createdAt = new Date().toISOString();
		await new Promise((resolve) => setTimeout(resolve, 5));

		const partial = await call<{ status: string }>(
			threePl.url,
			'POST',
			'/_control/shipment-requests/SR-000001/ship',
			{
				body: {
					tracking: { number: '00340434161094042557', company: 'DHL' },
					lines: [{ sku: 'TOTE-NAT', quantity: 2 }],
				},
			},
		);
		expect(partial.body.status).toBe('partially_shipped');
		const rest = await call<{
			status: string;
			shipments: Array<{
				tracking: { number: string };
				lines: Array<{ sku: string; quantity: number }>;
			}>;
		}>(threePl.url, 'POST', '/_control/shipment-requests/SR-000001/ship', {
			body: { tracking: { number: 'JJD0099', company: 'DHL' } },
		});
		expect(rest.body.status).toBe('shipped');
		expect(rest.body.shipments.map((s) => [s.tracking.number, s.lines])).toEqual([
			['00340434161094042557', [{ sku: 'TOTE-NAT', quantity: 2 }]],
			['JJD0099', [{ sku: 'TSHIRT-BLK-M', quantity: 1 }]],
		]);

		const byOrder = await call<{ items: Array<{ id: string }> }>(
			threePl.url,
			'GET',
			'/shipment-requests?orderRef=shopify%3Aorder%3A5531',
			{ token },
		);
		expect(byOrder.body.items.map((r) => r.id)).toEqual(['SR-000001']);
		const changed = await call<{ items: Array<{ id: string }> }>(
			threePl.url,
			'GET',
			`/shipment-requests?updatedSince=${encodeURIComponent(createdAt)}`,
			{ token },
		);
		expect(changed.body.items.map((r) => r.id)).toEqual(['SR-000001']);
		const none = await call<{ items: unknown[] }>(
			threePl.url,
			'GET',
			`/shipment-requests?updatedSince=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
			{ token },
		);
		expect(none.body.items).toEqual([]);
	});

	it('refuses to ship more than was asked for', async () => {
		await call(threePl.url, 'POST', '/shipment-requests', { body: shipmentRequestInput(), token });
		const over = await call(threePl.url, 'POST', '/_control/shipment-requests/SR-000001/ship', {
			body: { lines: [{ sku: 'TOTE-NAT', quantity: 3 }] },
		});
		expect(over.status).toBe(409);
	});

	it('cancels what has not shipped, and refuses once everything shipped', async () => {
		await call(threePl.url, 'POST', '/shipment-requests', {
			body: shipmentRequestInput('fo:1'),
			token,
		});
		await call(threePl.url, 'POST', '/shipment-requests', {
			body: shipmentRequestInput('fo:2'),
			token,
		});
		expect(
			(await call(threePl.url, 'POST', '/shipment-requests/SR-000001/cancel', { token })).body,
		).toMatchObject({ status: 'cancelled' });
		await call(threePl.url, 'POST', '/_control/shipment-requests/SR-000002/ship', {});
		const refused = await call<{ title: string }>(
			threePl.url,
			'POST',
			'/shipment-requests/SR-000002/cancel',
			{ token },
		);
		expect(refused.status).toBe(409);
		expect(refused.body.title).toBe('Already shipped');
	});

	it('rejects a shipment request without lines, and reports stock', async () => {
		const invalid = await call<{ errors: Array<{ path: string; message: string }> }>(
			threePl.url,
			'POST',
			'/shipment-requests',
			{
				body: { ...shipmentRequestInput(), lines: [] },
				token,
			},
		);
		expect(invalid.status).toBe(400);
		expect(invalid.body.errors).toEqual([
			{ path: '/lines', message: 'must NOT have fewer than 1 items' },
		]);
		const stock = await call<{ items: Array<{ sku: string; onHand: number }> }>(
			threePl.url,
			'GET',
			'/stock?sku=TOTE-NAT',
			{ token },
		);
		expect(stock.body.items).toEqual([
			expect.objectContaining({ sku: 'TOTE-NAT', warehouse: 'RTM', onHand: 80, available: 80 }),
		]);
	});
});
