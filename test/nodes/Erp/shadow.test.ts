import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { mapShopifyOrder } from '../../../core/contract/sales-order';
import { defaultSqliteFile, getLedger } from '../../../core/ledger';
import { Engine } from '../../../harness';
import type { ContractServer } from '../../../sandbox/contract/server';
import { startErpServer } from '../../../sandbox/erp/server';
import { restOrder } from '../../../sandbox/shopify/rest';
import { seededStore } from '../../../sandbox/shopify/seed';
import type { OrderInput, ShopifyStore } from '../../../sandbox/shopify/store';
import { call } from '../../support/contract';
import { fixture, withParameters } from '../../support/workflows';
import { runCheck } from '../ReconciliationCheck/support';

const ADDRESS = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	address1: 'Unter den Linden 1',
	city: 'Berlin',
	zip: '10117',
	countryCodeV2: 'DE',
};
const SHADOW = { options: { shadow: true } };

describe('Shadow runs: the ERP node records what it would send, sends nothing, and the run is compared with the legacy bookings', () => {
	let erp: ContractServer;
	let engine: Engine;
	let shop: ShopifyStore;
	let clock: number;

	const shopifyOrder = (input: Partial<OrderInput> = {}) => {
		const order = shop.createOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 2, taxRate: 0.19 }],
			shippingAddress: ADDRESS,
			customer: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
			...input,
		});
		return { order, payload: () => restOrder(shop, order) as IDataObject };
	};
	const salesOrders = async () =>
		(await call<{ items: IDataObject[] }>(erp.url, 'GET', '/sales-orders')).body.items;
	/** Counts every write that reaches the ERP (a 1 ms latency rule on each write route). */
	const countWrites = async () =>
		await call(erp.url, 'PUT', '/_control/faults', {
			body: ['POST', 'PUT'].map((method) => ({
				method,
				path: '/sales-orders*',
				kind: 'latency',
				ms: 1,
			})),
		});
	const writesSeen = async () =>
		(await call<{ hits: { latency: number } }>(erp.url, 'GET', '/_control/faults')).body.hits
			.latency;
	const erpOut = (execution: Awaited<ReturnType<Engine['execute']>>, output: string) =>
		execution.output(output).map((item) => item.erp as IDataObject);
	const upsert = async (items: IDataObject[]) =>
		await engine.execute(withParameters(fixture(__dirname, 'upsert'), 'ERP', SHADOW), { items });
	const ops = async (parameters: INodeParameters) =>
		await engine.execute(
			withParameters(fixture(path.join(__dirname, '..', 'OrderflowOps'), 'ops'), 'Orderflow Ops', {
				resource: 'shadowWrite',
				...parameters,
			}),
		);
	/** What the old integration booked: the same order under its own reference. */
	const legacyBooking = async (
		payload: IDataObject,
		change: (order: IDataObject) => void = () => undefined,
	) => {
		const mapped = mapShopifyOrder(payload, { defaultEntity: 'DE01' });
		if (!mapped.ok) throw new Error(mapped.reasons.join('; '));
		const order = {
			...mapped.salesOrder,
			externalRef: `legacy:${String(payload.name)}`,
		} as unknown as IDataObject;
		change(order);
		const booked = await call(erp.url, 'POST', '/sales-orders', {
			body: order,
			headers: { 'Idempotency-Key': `legacy-${String(payload.name)}` },
		});
		expect(booked.status).toBe(201);
	};

	beforeEach(async () => {
		shop = seededStore();
		clock = Date.parse('2026-11-22T10:00:00Z');
		shop.now = () => new Date(clock);
		erp = await startErpServer({
			seed: {
				skus: shop.variants
					.filter((variant) => variant.sku !== 'TOTE-NAT')
					.map((variant) => ({ sku: variant.sku, description: variant.title })),
				inventory: [],
			},
		});
		engine = await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-shadow-')),
			credentials: {
				ERP: {
					type: 'orderflowErpApi',
					data: {
						baseUrl: erp.url,
						authentication: 'bearer',
						token: 'erp-sandbox-token',
						idempotencyHeader: 'Idempotency-Key',
					},
				},
			},
		});
	});
	afterEach(async () => await erp.close());

	it('maps and records the create it would send, writes nothing; a repeat replays it; a newer version is the replace it would send', async () => {
		await countWrites();
		const { order, payload } = shopifyOrder();
		const v1 = payload();
		const first = await upsert([v1]);
		const [shadow] = erpOut(first, 'Done');
		expect(shadow).toMatchObject({
			outcome: 'shadow',
			shadow: true,
			replayed: false,
			request: {
				method: 'POST',
				url: `${erp.url}/sales-orders`,
				body: {
					externalRef: `shopify:order:${String(v1.id)}`,
					orderNumber: v1.name,
					entity: 'DE01',
				},
			},
		});
		expect(await salesOrders()).toEqual([]);

		const again = await upsert([v1]);
		expect(erpOut(again, 'Done')).toEqual([
			expect.objectContaining({ outcome: 'shadow', replayed: true, recordedAt: shadow.recordedAt }),
		]);

		clock += 60_000;
		order.note = 'leave at the door';
		shop.touch(order);
		const newer = await upsert([payload()]);
		expect(erpOut(newer, 'Done')).toEqual([
			expect.objectContaining({
				outcome: 'shadow',
				replayed: false,
				request: expect.objectContaining({
					method: 'PUT',
					url: `${erp.url}/sales-orders/(new)`,
					body: expect.objectContaining({ note: 'leave at the door' }),
				}),
			}),
		]);
		// Reads went out (the SKU master, "is the order there?"); no write did.
		expect(await writesSeen()).toBe(0);
		expect(await salesOrders()).toEqual([]);

		const ledger = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: engine.userFolder }),
		});
		const trail = await ledger.trail(`shopify:order:${String(v1.id)}`);
		expect(
			trail.filter((event) => event.event === 'write.shadow').map((event) => event.details.method),
		).toEqual(['POST', 'PUT']);
	});

	it('a cancel of an order the shadow run itself would have created is the cancel it would send, not a 404', async () => {
		const { payload } = shopifyOrder();
		await upsert([payload()]);
		const cancel = await engine.execute(
			withParameters(fixture(__dirname, 'cancel'), 'ERP', SHADOW),
			{ items: [{ ...payload(), cancel_reason: 'customer' }] },
		);
		expect(erpOut(cancel, 'Done')).toEqual([
			expect.objectContaining({
				outcome: 'shadow',
				request: {
					method: 'POST',
					url: `${erp.url}/sales-orders/(new)/cancel`,
					body: { reason: 'customer' },
				},
			}),
		]);
		expect(erpOut(cancel, 'Failed')).toEqual([]);
	});

	it('an order it cannot book is Failed with the reasons, as it would be live', async () => {
		const { payload } = shopifyOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }] });
		const run = await upsert([payload()]);
		expect(erpOut(run, 'Failed')).toEqual([
			expect.objectContaining({ outcome: 'failed', error: expect.stringContaining('TOTE-NAT') }),
		]);
		expect(erpOut(run, 'Done')).toEqual([]);
	});

	it('Orderflow Ops lists the shadow writes and forgets them; the Shadow Run preset compares them with the legacy bookings', async () => {
		const same = shopifyOrder();
		const differs = shopifyOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 3 }] });
		const missedByLegacy = shopifyOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }] });
		const notSeenInShadow = shopifyOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 2 }] });
		await upsert([same.payload(), differs.payload(), missedByLegacy.payload()]);
		// The same order updated: the preset compares the newest version the shadow run would have sent.
		clock += 60_000;
		same.order.note = 'v2';
		shop.touch(same.order);
		await upsert([same.payload()]);
		await legacyBooking(same.payload());
		await legacyBooking(
			differs.payload(),
			(order) => ((order.lines as IDataObject[])[0].quantity = 2),
		);
		await legacyBooking(notSeenInShadow.payload());

		const listed = (await ops({ operation: 'getMany', scopes: 'erp' })).output('Orderflow Ops');
		expect(listed.map((write) => [write.method, (write.body as IDataObject).orderNumber])).toEqual([
			['POST', same.payload().name],
			['POST', differs.payload().name],
			['POST', missedByLegacy.payload().name],
			['PUT', same.payload().name],
		]);
		expect((await ops({ operation: 'getMany', scopes: '3pl' })).output('Orderflow Ops')).toEqual(
			[],
		);
		expect(
			(await ops({ operation: 'getMany', scopes: 'erp', returnAll: false, limit: 2 })).output(
				'Orderflow Ops',
			),
		).toHaveLength(2);

		const check = await runCheck(
			engine,
			{ preset: 'shadowRun', checkName: 'shadow-week' },
			listed,
			await salesOrders(),
		);
		expect(check.matched.map((row) => row.key)).toEqual([same.payload().name]);
		expect(check.mismatched).toEqual([
			expect.objectContaining({
				key: differs.payload().name,
				differences: [
					expect.objectContaining({
						field: 'lines',
						note: 'only in A: SOCKS-TRAIL-42×3; only in B: SOCKS-TRAIL-42×2',
					}),
				],
			}),
		]);
		expect(check.onlyInA).toEqual([
			expect.objectContaining({ orderNumber: missedByLegacy.payload().name }),
		]);
		expect(check.onlyInB).toEqual([
			expect.objectContaining({
				orderNumber: notSeenInShadow.payload().name,
				externalRef: `legacy:${String(notSeenInShadow.payload().name)}`,
			}),
		]);
		expect(check.summary).toMatchObject({
			counts: { matched: 1, mismatched: 1, onlyInA: 1, onlyInB: 1 },
		});

		const deleted = await ops({ operation: 'deleteMany', scopes: 'erp' });
		expect(deleted.output('Orderflow Ops')).toEqual([{ deleted: 4, scopes: ['erp'] }]);
		expect((await ops({ operation: 'getMany', scopes: '' })).output('Orderflow Ops')).toEqual([]);
	});

	it('a date that is not a date is an error that says how to write it', async () => {
		const run = await ops({ operation: 'getMany', since: 'last tuesday' });
		expect(run.error?.message).toMatch(/Recorded Since "last tuesday" is not a date/);
	});
});
