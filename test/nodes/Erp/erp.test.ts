import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { fingerprint } from '../../../core/idempotency';
import { defaultSqliteFile, getLedger } from '../../../core/ledger';
import { DEAD_AFTER_MS } from '../../../core/ledger/liveness';
import { Engine } from '../../../harness';
import type { ContractServer } from '../../../sandbox/contract/server';
import { startErpServer } from '../../../sandbox/erp/server';
import { createRefund } from '../../../sandbox/shopify/domain/refunds';
import { restOrder, restRefund } from '../../../sandbox/shopify/rest';
import { BERLIN, seededStore } from '../../../sandbox/shopify/seed';
import type { OrderInput, ShopifyStore } from '../../../sandbox/shopify/store';
import { call } from '../../support/contract';
import { openLedgerAs } from '../../support/ledgers';
import { fixture, withParameters } from '../../support/workflows';

const ADDRESS = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	address1: 'Unter den Linden 1',
	city: 'Berlin',
	zip: '10117',
	countryCodeV2: 'DE',
};

describe('ERP node through the engine against the ERP reference server', () => {
	let erp: ContractServer;
	let engine: Engine;
	let shop: ShopifyStore;
	let clock: number;

	const start = async (idempotencyHeader = 'Idempotency-Key') =>
		await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-erp-')),
			credentials: {
				ERP: {
					type: 'orderflowErpApi',
					data: {
						baseUrl: erp.url,
						authentication: 'bearer',
						token: 'erp-sandbox-token',
						idempotencyHeader,
					},
				},
			},
		});
	/** A Shopify order as its orders/create webhook payload. */
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
		(await call<{ items: Array<IDataObject> }>(erp.url, 'GET', '/sales-orders')).body.items;
	const erpOut = (execution: Awaited<ReturnType<Engine['execute']>>, output: string) =>
		execution.output(output).map((item) => item.erp as IDataObject);

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
		engine = await start();
	});

	afterEach(async () => await erp.close());

	it('books a Shopify order once, in minor units, in the entity its rules choose; a repeat is replayed', async () => {
		const { payload } = shopifyOrder({
			shippingAddress: { ...ADDRESS, countryCodeV2: 'US', city: 'Boston', zip: '02110' },
		});
		const first = await engine.execute(fixture(__dirname, 'upsert'), { items: [payload()] });
		expect(erpOut(first, 'Done')).toEqual([
			expect.objectContaining({
				outcome: 'done',
				replayed: false,
				entity: 'US01',
				response: expect.objectContaining({ id: 'SO-000001', status: 'open' }),
			}),
		]);
		const again = await engine.execute(fixture(__dirname, 'upsert'), { items: [payload()] });
		expect(erpOut(again, 'Done')).toEqual([expect.objectContaining({ replayed: true })]);
		const [salesOrder] = await salesOrders();
		expect(await salesOrders()).toHaveLength(1);
		expect(salesOrder).toMatchObject({
			entity: 'US01',
			currency: 'EUR',
			totals: { total: { shop: { amount: 9496, currency: 'EUR' } } },
		});
	});

	it('updates the sales order when a newer version of the order arrives, and leaves it when an older one does', async () => {
		const { order, payload } = shopifyOrder();
		const v1 = payload();
		await engine.execute(fixture(__dirname, 'upsert'), { items: [v1] });
		clock += 60_000;
		order.note = 'leave at the door';
		shop.touch(order);
		const v2 = payload();
		const updated = await engine.execute(fixture(__dirname, 'upsert'), { items: [v2] });
		expect(erpOut(updated, 'Done')).toEqual([
			expect.objectContaining({
				outcome: 'done',
				response: expect.objectContaining({ id: 'SO-000001', note: 'leave at the door' }),
			}),
		]);
		await engine.execute(fixture(__dirname, 'upsert'), { items: [v1] });
		const [salesOrder] = await salesOrders();
		expect(await salesOrders()).toHaveLength(1);
		expect(salesOrder).toMatchObject({ note: 'leave at the door', sourceUpdatedAt: v2.updated_at });
	});

	it('8 concurrent executions with the same order, and two versions racing, book one sales order', async () => {
		const { order, payload } = shopifyOrder();
		const v1 = payload();
		clock += 60_000;
		order.note = 'v2';
		shop.touch(order);
		const v2 = payload();
		const runs = await Promise.all([
			...Array.from(
				{ length: 7 },
				async () => await engine.execute(fixture(__dirname, 'upsert'), { items: [v1] }),
			),
			engine.execute(fixture(__dirname, 'upsert'), { items: [v2] }),
		]);
		expect(runs.flatMap((run) => erpOut(run, 'Done'))).toHaveLength(8);
		expect(await salesOrders()).toHaveLength(1);
		expect((await salesOrders())[0]).toMatchObject({ sourceUpdatedAt: v2.updated_at, note: 'v2' });
	});

	it('an older version whose update reaches the ERP after a newer one was booked never overwrites it (found by test:queue: one order left at an older version)', async () => {
		const { order, payload } = shopifyOrder();
		await engine.execute(fixture(__dirname, 'upsert'), { items: [payload()] });
		clock += 60_000;
		order.note = 'older';
		shop.touch(order);
		const older = payload();
		clock += 60_000;
		order.note = 'newer';
		shop.touch(order);
		const newer = payload();
		// The older run's PUT is held up in the network; the newer run reads, sends and lands meanwhile.
		await call(erp.url, 'PUT', '/_control/faults', {
			body: [{ method: 'PUT', path: '/sales-orders/*', kind: 'latency', ms: 1500, times: 1 }],
		});
		const olderRun = engine.execute(fixture(__dirname, 'upsert'), { items: [older] });
		const held = async () =>
			(await call<{ hits: { latency: number } }>(erp.url, 'GET', '/_control/faults')).body.hits
				.latency > 0;
		while (!(await held())) await new Promise((resolve) => setTimeout(resolve, 20));
		const newerRun = await engine.execute(fixture(__dirname, 'upsert'), { items: [newer] });
		expect(erpOut(newerRun, 'Done')).toEqual([expect.objectContaining({ outcome: 'done' })]);
		const late = await olderRun;
		expect(erpOut(late, 'Done')).toEqual([
			expect.objectContaining({
				outcome: 'done',
				response: expect.objectContaining({ sourceUpdatedAt: newer.updated_at }),
			}),
		]);
		expect(await salesOrders()).toEqual([
			expect.objectContaining({ note: 'newer', sourceUpdatedAt: newer.updated_at }),
		]);
	});

	it('lets the idempotency key be overridden: a different key is a different write', async () => {
		const { payload } = shopifyOrder();
		await engine.execute(fixture(__dirname, 'upsert'), { items: [payload()] });
		const rebook = withParameters(fixture(__dirname, 'upsert'), 'ERP', {
			options: { idempotencyKey: '={{ "rebook:" + $json.id }}' },
		});
		await call(erp.url, 'POST', '/_control/idempotency', { body: { enabled: false } });
		// The ERP finds the order by its reference and reports it instead of creating a second one.
		const again = await engine.execute(rebook, { items: [payload()] });
		expect(erpOut(again, 'Done')).toEqual([
			expect.objectContaining({
				replayed: false,
				response: expect.objectContaining({ id: 'SO-000001' }),
			}),
		]);
		expect(await salesOrders()).toHaveLength(1);
	});

	it('sends an order it cannot book to Failed with the reasons, and books nothing', async () => {
		const unknownSku = shopifyOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }] }).payload();
		const noAddress = shopifyOrder({
			shippingAddress: undefined,
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
		}).payload();
		const yen = shopifyOrder({ presentmentCurrency: 'JPY', exchangeRate: 161.2 }).payload();
		const execution = await engine.execute(fixture(__dirname, 'upsert'), {
			items: [unknownSku, noAddress, yen],
		});
		expect(erpOut(execution, 'Failed').map((failure) => failure.reasons)).toEqual([
			["unknown SKU TOTE-NAT (not in the ERP's SKU master)"],
			['missing shipping address'],
			['unsupported currency JPY (the ERP books EUR, USD)'],
		]);
		expect(execution.output('Failed')[0].id).toBe(unknownSku.id);
		expect(await salesOrders()).toEqual([]);
	});

	it("a dead worker's update whose PUT landed is settled as superseded, not left in flight, once the ERP is known to hold its version", async () => {
		const { order, payload } = shopifyOrder();
		await engine.execute(fixture(__dirname, 'upsert'), { items: [payload()] });
		clock += 60_000;
		order.note = 'leave at the door';
		shop.touch(order);
		const v2 = payload();
		const key = `shopify:order:${order.id.split('/').pop()}:update:${v2.updated_at}`;
		// The worker that died: its PUT of v2 reached the ERP (another engine, the same ERP) …
		const dead = await start();
		await dead.execute(fixture(__dirname, 'upsert'), { items: [v2] });
		const landed = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: dead.userFolder }),
		});
		const { fingerprint } = (await landed.getWrite('erp', key))!;
		// … and the shared ledger still has the write in flight, under a process whose last beat is long gone.
		const entity = `shopify:order:${order.id.split('/').pop()}`;
		const file = defaultSqliteFile({ userFolder: engine.userFolder });
		const worker = await openLedgerAs({ backend: 'sqlite', file }, `worker-${randomUUID()}`);
		await worker.beginWrite({
			scope: 'erp',
			key,
			fingerprint,
			owner: 'killed-execution',
			leaseMs: 600_000,
			entity,
			now: Date.now(),
		});
		await worker.beat(Date.now() - DEAD_AFTER_MS - 1000);
		await worker.close();
		const survivors = await getLedger({ backend: 'sqlite', file });
		expect(await survivors.inFlightWrites('erp', entity, Date.now())).toEqual([
			expect.objectContaining({ key, ownerDead: true }),
		]);

		// The re-drive: the ERP already holds v2, so nothing is sent, and the dead write is settled.
		const redriven = await engine.execute(fixture(__dirname, 'upsert'), { items: [v2] });
		expect(erpOut(redriven, 'Done')).toEqual([expect.objectContaining({ outcome: 'done' })]);
		expect(await survivors.getWrite('erp', key)).toMatchObject({
			state: 'superseded',
			error: expect.stringMatching(/remote now holds version .* nothing to resend/),
		});
		expect((await survivors.trail(entity)).map((event) => event.event)).toContain(
			'write.superseded',
		);
		expect(await salesOrders()).toEqual([
			expect.objectContaining({ sourceUpdatedAt: v2.updated_at }),
		]);
	});

	it('an older update still in flight when a newer version is booked is settled as superseded once its worker is found dead, though no later run touches the order', async () => {
		const { order, payload } = shopifyOrder();
		await engine.execute(fixture(__dirname, 'upsert'), { items: [payload()] });
		const entity = `shopify:order:${order.id.split('/').pop()}`;
		clock += 60_000;
		order.note = 'v2';
		shop.touch(order);
		const v2Key = `${entity}:update:${payload().updated_at}`;
		clock += 60_000;
		order.note = 'v3';
		shop.touch(order);
		const v3 = payload();
		// A worker is sending v2 (its process still beats) when v3's run books v3.
		const file = defaultSqliteFile({ userFolder: engine.userFolder });
		const worker = await openLedgerAs({ backend: 'sqlite', file }, `worker-${randomUUID()}`);
		await worker.beginWrite({
			scope: 'erp',
			key: v2Key,
			fingerprint: 'v2-request',
			owner: 'execution-sending-v2',
			leaseMs: 600_000,
			entity,
			now: Date.now(),
		});
		expect(
			erpOut(await engine.execute(fixture(__dirname, 'upsert'), { items: [v3] }), 'Done'),
		).toEqual([expect.objectContaining({ outcome: 'done' })]);
		const survivors = await getLedger({ backend: 'sqlite', file });
		// Its owner is alive: it may still finish, and its own outcome counts.
		expect(await survivors.getWrite('erp', v2Key)).toMatchObject({ state: 'in_flight' });

		// The worker dies; the order's next delivery is a stale repeat, so no upsert runs again.
		await worker.beat(Date.now() - DEAD_AFTER_MS - 1000);
		await worker.close();
		await survivors.beat();
		expect(await survivors.getWrite('erp', v2Key)).toMatchObject({
			state: 'superseded',
			error: expect.stringMatching(/remote now holds version .* nothing to resend/),
		});
		expect(
			(await survivors.trail(entity)).filter((event) => event.event === 'write.superseded'),
		).toEqual([expect.objectContaining({ details: expect.objectContaining({ key: v2Key }) })]);
		expect(await salesOrders()).toEqual([
			expect.objectContaining({ sourceUpdatedAt: v3.updated_at }),
		]);
	});

	it('a run waiting on the create a worker was sending when it died takes the write over once the worker is found dead, instead of failing', async () => {
		const { order, payload } = shopifyOrder();
		const ref = `shopify:order:${order.id.split('/').pop()}`;
		// The worker began the create and died: its last beat was 8 s ago, so it counts as dead
		// DEAD_AFTER_MS after that, later than a 30-second wait would have lasted.
		const file = defaultSqliteFile({ userFolder: engine.userFolder });
		const worker = await openLedgerAs({ backend: 'sqlite', file }, `worker-${randomUUID()}`);
		const request = { operation: 'createSalesOrder', externalRef: ref };
		await worker.beginWrite({
			scope: 'erp',
			key: `${ref}:create`,
			fingerprint: fingerprint(request),
			owner: 'killed-execution',
			leaseMs: 600_000,
			entity: ref,
			now: Date.now(),
		});
		await worker.beat(Date.now() - 8000);
		await worker.close();
		expect(DEAD_AFTER_MS - 8000).toBeGreaterThan(30_000);

		const waited = await engine.execute(fixture(__dirname, 'upsert'), { items: [payload()] });
		expect(waited.status).toBe('success');
		expect(erpOut(waited, 'Done')).toEqual([
			expect.objectContaining({ outcome: 'done', externalRef: ref }),
		]);
		expect(await salesOrders()).toHaveLength(1);
	}, 90_000);

	it('with On Error: Continue, an ERP node whose credential cannot be read sends the items to Failed, never to Done', async () => {
		const bare = await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-erp-bare-')),
		});
		const workflow = fixture(__dirname, 'upsert');
		const continuing = {
			...workflow,
			nodes: workflow.nodes.map((node) =>
				node.type.endsWith('.erp') ? { ...node, onError: 'continueRegularOutput' as const } : node,
			),
		};
		const execution = await bare.execute(continuing, { items: [shopifyOrder().payload()] });
		expect(execution.status).toBe('success');
		const node = continuing.nodes.find((candidate) => candidate.type.endsWith('.erp'))!.name;
		expect(execution.output(node, 0)).toEqual([]);
		expect(execution.output(node, 1)).toEqual([
			expect.objectContaining({ erp: expect.objectContaining({ outcome: 'failed' }) }),
		]);
		expect(await salesOrders()).toEqual([]);
	});

	it('commit-then-drop: one sales order when the ERP dedupes, In Doubt when it does not', async () => {
		const rule = [{ method: 'POST', path: '/sales-orders', kind: 'commit-then-drop', times: 1 }];
		await call(erp.url, 'PUT', '/_control/faults', { body: rule });
		const deduped = await engine.execute(fixture(__dirname, 'upsert'), {
			items: [shopifyOrder().payload()],
		});
		expect(erpOut(deduped, 'Done')).toHaveLength(1);
		expect(await salesOrders()).toHaveLength(1);

		await call(erp.url, 'POST', '/_control/idempotency', { body: { enabled: false } });
		await call(erp.url, 'PUT', '/_control/faults', { body: rule });
		const blind = await (
			await start('')
		).execute(fixture(__dirname, 'upsert'), { items: [shopifyOrder().payload()] });
		expect(erpOut(blind, 'In doubt')).toEqual([
			expect.objectContaining({
				outcome: 'in-doubt',
				reason: expect.stringMatching(/may or may not have been applied/),
			}),
		]);
		expect(await salesOrders()).toHaveLength(2);
	});

	it('cancels the sales order of a cancelled order once', async () => {
		const { payload } = shopifyOrder();
		await engine.execute(fixture(__dirname, 'upsert'), { items: [payload()] });
		const cancelled = await engine.execute(fixture(__dirname, 'cancel'), {
			items: [{ ...payload(), cancel_reason: 'customer' }],
		});
		expect(erpOut(cancelled, 'Done')).toEqual([
			expect.objectContaining({
				outcome: 'done',
				response: expect.objectContaining({ status: 'cancelled', cancelReason: 'customer' }),
			}),
		]);
		const again = await engine.execute(fixture(__dirname, 'cancel'), { items: [payload()] });
		expect(erpOut(again, 'Done')).toEqual([expect.objectContaining({ replayed: true })]);
		const missing = await engine.execute(fixture(__dirname, 'cancel'), { items: [{ id: 999 }] });
		expect(erpOut(missing, 'Failed')).toEqual([expect.objectContaining({ status: 404 })]);
	});

	it('credits a Shopify refund once against the order’s sales order; a refund of an order not booked yet fails', async () => {
		const { order, payload } = shopifyOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 2, taxRate: 0.19 }],
		});
		await engine.execute(fixture(__dirname, 'upsert'), { items: [payload()] });
		const refund = createRefund(shop, {
			orderId: order.id,
			note: 'too small',
			refundLineItems: [
				{
					lineItemId: order.lineItems[0].id,
					quantity: 1,
					restockType: 'RETURN',
					locationId: BERLIN,
				},
			],
			transactions: [
				{
					orderId: order.id,
					parentId: order.transactions[0].id,
					gateway: 'shopify_payments',
					kind: 'REFUND',
					amount: '47.48',
				},
			],
		});
		const refundPayload = restRefund(shop, refund.id) as IDataObject;
		const credited = await engine.execute(fixture(__dirname, 'credit-memo'), {
			items: [refundPayload],
		});
		expect(erpOut(credited, 'Done')).toEqual([
			expect.objectContaining({
				outcome: 'done',
				externalRef: `shopify:refund:${refund.id.split('/').pop()}`,
				response: expect.objectContaining({
					id: 'CM-000001',
					salesOrderId: 'SO-000001',
					reason: 'too small',
				}),
			}),
		]);
		const memo = erpOut(credited, 'Done')[0].response as IDataObject;
		expect(memo.lines).toEqual([
			expect.objectContaining({
				sku: 'TSHIRT-RED-M',
				quantity: 1,
				amount: expect.objectContaining({ shop: { amount: 3990, currency: 'EUR' } }),
				tax: expect.objectContaining({ shop: { amount: 758, currency: 'EUR' } }),
				restock: true,
			}),
		]);
		expect(memo.total).toMatchObject({ shop: { amount: 4748, currency: 'EUR' } });
		expect(
			erpOut(
				await engine.execute(fixture(__dirname, 'credit-memo'), { items: [refundPayload] }),
				'Done',
			),
		).toEqual([expect.objectContaining({ replayed: true })]);

		const unbooked = shopifyOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }] }).order;
		const early = createRefund(shop, {
			orderId: unbooked.id,
			refundLineItems: [
				{ lineItemId: unbooked.lineItems[0].id, quantity: 1, restockType: 'NO_RESTOCK' },
			],
		});
		const failed = await engine.execute(fixture(__dirname, 'credit-memo'), {
			items: [restRefund(shop, early.id) as IDataObject],
		});
		expect(erpOut(failed, 'Failed')).toEqual([
			expect.objectContaining({
				status: 404,
				response: expect.objectContaining({
					detail: expect.stringMatching(/No sales order for shopify:order:\d+ yet/),
				}),
			}),
		]);
	});

	it('reads the SKU master, all of it or up to a limit', async () => {
		const limited = await engine.execute(fixture(__dirname, 'skus'), { items: [{}] });
		expect(limited.output('Done').map((row) => row.sku)).toEqual(['TSHIRT-RED-M', 'TSHIRT-RED-L']);
		const all = await engine.execute(
			withParameters(fixture(__dirname, 'skus'), 'ERP', { returnAll: true }),
			{ items: [{}] },
		);
		expect(all.output('Done')).toHaveLength(shop.variants.length - 1);
	});
	it('lists the sales orders and the credit memos of the orders placed in a window, and refuses a window that is not a date', async () => {
		const placed = [];
		for (const day of [
			'2026-11-20T23:59:59Z',
			'2026-11-21T00:00:00Z',
			'2026-11-21T18:00:00Z',
			'2026-11-22T00:00:00Z',
		]) {
			clock = Date.parse(day);
			const { order, payload } = shopifyOrder();
			await engine.execute(fixture(__dirname, 'upsert'), { items: [payload()] });
			placed.push(order);
		}
		const refund = createRefund(shop, {
			orderId: placed[2].id,
			refundLineItems: [
				{ lineItemId: placed[2].lineItems[0].id, quantity: 1, restockType: 'NO_RESTOCK' },
			],
		});
		const early = createRefund(shop, {
			orderId: placed[0].id,
			refundLineItems: [
				{ lineItemId: placed[0].lineItems[0].id, quantity: 1, restockType: 'NO_RESTOCK' },
			],
		});
		await engine.execute(fixture(__dirname, 'credit-memo'), {
			items: [
				restRefund(shop, refund.id) as IDataObject,
				restRefund(shop, early.id) as IDataObject,
			],
		});

		const window = {
			orderedFrom: '2026-11-21T00:00:00Z',
			orderedBefore: '2026-11-22T00:00:00Z',
			returnAll: true,
		};
		const orders = await engine.execute(
			withParameters(fixture(__dirname, 'skus'), 'ERP', {
				resource: 'salesOrder',
				operation: 'getMany',
				...window,
			}),
			{ items: [{}] },
		);
		expect(orders.output('Done').map((row) => row.externalRef)).toEqual(
			[placed[1], placed[2]].map((order) => `shopify:order:${order.id.split('/').pop()}`),
		);
		const memos = await engine.execute(
			withParameters(fixture(__dirname, 'skus'), 'ERP', {
				resource: 'creditMemo',
				operation: 'getMany',
				...window,
			}),
			{ items: [{}] },
		);
		expect(memos.output('Done').map((row) => row.externalRef)).toEqual([
			`shopify:refund:${refund.id.split('/').pop()}`,
		]);

		const wrong = await engine.execute(
			withParameters(fixture(__dirname, 'skus'), 'ERP', {
				resource: 'salesOrder',
				operation: 'getMany',
				orderedFrom: 'yesterday',
			}),
			{ items: [{}] },
		);
		expect(wrong.nodeError('ERP')).toMatchObject({
			message: 'Ordered From is not a date: "yesterday"',
			description: expect.stringContaining('ISO 8601'),
		});
	});
});
