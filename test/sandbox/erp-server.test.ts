import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { ContractServer } from '../../sandbox/contract/server';
import { startErpServer } from '../../sandbox/erp/server';
import { call, salesOrderInput } from '../support/contract';

describe('ERP reference server on the canonical contract', () => {
	let erp: ContractServer;

	beforeEach(async () => {
		erp = await startErpServer({
			basicUsers: { integration: 's3cret' },
			bearerTokens: ['erp-sandbox-token'],
			seed: {
				skus: [
					{ sku: 'TSHIRT-RED-M', description: 'Merino T-Shirt Red M' },
					{ sku: 'TOTE-NAT', description: 'Canvas Tote Bag' },
					{ sku: 'SOCKS-TRAIL-42', description: 'Trail Socks 42' },
				],
				inventory: [
					{ sku: 'TSHIRT-RED-M', location: 'BER', onHand: 40, safetyStock: 5 },
					{ sku: 'TOTE-NAT', location: 'RTM', onHand: 80 },
				],
			},
		});
	});

	afterEach(async () => await erp.close());

	const salesOrdersFor = async (externalRef: string) =>
		(
			await call<{ items: Array<{ id: string }> }>(
				erp.url,
				'GET',
				`/sales-orders?externalRef=${encodeURIComponent(externalRef)}`,
			)
		).body.items;

	it('requires bearer or basic credentials', async () => {
		expect((await call(erp.url, 'GET', '/skus', { token: null })).status).toBe(401);
		expect((await call(erp.url, 'GET', '/skus', { token: 'wrong' })).status).toBe(401);
		expect((await call(erp.url, 'GET', '/skus')).status).toBe(200);
		const basic = Buffer.from('integration:s3cret').toString('base64');
		expect(
			(
				await call(erp.url, 'GET', '/skus', {
					token: null,
					headers: { authorization: `Basic ${basic}` },
				})
			).status,
		).toBe(200);
	});

	it('rejects an invalid sales order with 400 problem details naming each problem, and stores nothing', async () => {
		const invalid = salesOrderInput('shopify:order:1', {
			currency: 'euro',
			lines: [{ sku: 'X', quantity: 0 }],
			colour: 'red',
		});
		delete invalid.shipTo;
		const reply = await call<{
			title: string;
			status: number;
			errors: Array<{ path: string; message: string }>;
		}>(erp.url, 'POST', '/sales-orders', { body: invalid });
		expect(reply.status).toBe(400);
		expect(reply.headers.get('content-type')).toBe('application/problem+json');
		expect(reply.body.title).toBe('Invalid request');
		expect(reply.body.errors).toEqual(
			expect.arrayContaining([
				{ path: '/', message: 'must have the property "shipTo"' },
				{ path: '/', message: 'has an unknown property "colour"' },
				{ path: '/currency', message: 'must match pattern "^[A-Z]{3}$"' },
				{ path: '/lines/0/quantity', message: 'must be >= 1' },
				{ path: '/lines/0', message: 'must have the property "unitPrice"' },
			]),
		);
		expect(await salesOrdersFor('shopify:order:1')).toEqual([]);
	});

	it('creates, reads, finds by external reference, replaces and cancels a sales order', async () => {
		const created = await call<{ id: string; status: string }>(erp.url, 'POST', '/sales-orders', {
			body: salesOrderInput(),
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			id: 'SO-000001',
			status: 'open',
			externalRef: 'shopify:order:5531',
		});
		expect((await call(erp.url, 'GET', '/sales-orders/SO-000001')).body).toMatchObject({
			orderNumber: '#1001',
		});
		expect((await salesOrdersFor('shopify:order:5531')).map((o) => o.id)).toEqual(['SO-000001']);

		const replaced = await call(erp.url, 'PUT', '/sales-orders/SO-000001', {
			body: salesOrderInput('shopify:order:5531', { note: 'gift wrap' }),
		});
		expect(replaced.body).toMatchObject({ id: 'SO-000001', note: 'gift wrap' });
		const cancelled = await call(erp.url, 'POST', '/sales-orders/SO-000001/cancel', {
			body: { reason: 'customer' },
		});
		expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'customer' });
		expect(
			(await call(erp.url, 'PUT', '/sales-orders/SO-000001', { body: salesOrderInput() })).status,
		).toBe(409);
		expect((await call(erp.url, 'GET', '/sales-orders/SO-999999')).status).toBe(404);
	});

	it('answers a retried create with the same Idempotency-Key once, and refuses the key with another body', async () => {
		const headers = { 'Idempotency-Key': 'so-5531-v1' };
		const first = await call<{ id: string }>(erp.url, 'POST', '/sales-orders', {
			body: salesOrderInput(),
			headers,
		});
		const retry = await call<{ id: string }>(erp.url, 'POST', '/sales-orders', {
			body: salesOrderInput(),
			headers,
		});
		expect(retry.status).toBe(201);
		expect(retry.body.id).toBe(first.body.id);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(await salesOrdersFor('shopify:order:5531')).toHaveLength(1);

		const reused = await call(erp.url, 'POST', '/sales-orders', {
			body: salesOrderInput('shopify:order:5531', { note: 'changed' }),
			headers,
		});
		expect(reused.status).toBe(409);
		expect(await salesOrdersFor('shopify:order:5531')).toHaveLength(1);
	});

	it('with the Idempotency-Key switched off, a retried create really books twice', async () => {
		await call(erp.url, 'POST', '/_control/idempotency', { body: { enabled: false } });
		const headers = { 'Idempotency-Key': 'so-5531-v1' };
		await call(erp.url, 'POST', '/sales-orders', { body: salesOrderInput(), headers });
		await call(erp.url, 'POST', '/sales-orders', { body: salesOrderInput(), headers });
		expect((await salesOrdersFor('shopify:order:5531')).map((o) => o.id)).toEqual([
			'SO-000001',
			'SO-000002',
		]);
	});

	it('injects 429 with Retry-After in seconds and 503 for a number of requests, then recovers', async () => {
		await call(erp.url, 'PUT', '/_control/faults', {
			body: [
				{
					method: 'POST',
					path: '/sales-orders',
					kind: 'status',
					status: 429,
					retryAfterSeconds: 2,
					times: 1,
				},
				{ method: 'POST', path: '/sales-orders', kind: 'status', status: 503, times: 1 },
			],
		});
		const throttled = await call(erp.url, 'POST', '/sales-orders', { body: salesOrderInput() });
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('retry-after')).toBe('2');
		const unavailable = await call(erp.url, 'POST', '/sales-orders', { body: salesOrderInput() });
		expect(unavailable.status).toBe(503);
		expect(await salesOrdersFor('shopify:order:5531')).toHaveLength(0);
		const after = await call(erp.url, 'POST', '/sales-orders', { body: salesOrderInput() });
		expect(after.status).toBe(201);
		expect(await salesOrdersFor('shopify:order:5531')).toHaveLength(1);
	});

	it('times out and adds latency on demand', async () => {
		await call(erp.url, 'PUT', '/_control/faults', {
			body: [{ path: '/skus', kind: 'timeout', times: 1 }],
		});
		await expect(call(erp.url, 'GET', '/skus', { timeoutMs: 300 })).rejects.toThrow(
			/timeout|aborted/i,
		);
		await call(erp.url, 'PUT', '/_control/faults', {
			body: [{ path: '/skus', kind: 'latency', ms: 250 }],
		});
		const started = Date.now();
		expect((await call(erp.url, 'GET', '/skus')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
	});

	it('commit-then-drop: the write happens although the client sees a failure', async () => {
		await call(erp.url, 'PUT', '/_control/faults', {
			body: [{ method: 'POST', path: '/sales-orders', kind: 'commit-then-drop', times: 1 }],
		});
		await expect(
			call(erp.url, 'POST', '/sales-orders', { body: salesOrderInput() }),
		).rejects.toThrow();
		expect((await salesOrdersFor('shopify:order:5531')).map((o) => o.id)).toEqual(['SO-000001']);
	});

	it('creates credit memos against existing sales orders only', async () => {
		await call(erp.url, 'POST', '/sales-orders', { body: salesOrderInput() });
		const memo = {
			externalRef: 'shopify:refund:901',
			salesOrderId: 'SO-000001',
			currency: 'EUR',
			presentmentCurrency: 'EUR',
			lines: [
				{
					sku: 'TSHIRT-RED-M',
					quantity: 1,
					amount: {
						shop: { amount: 3740, currency: 'EUR' },
						presentment: { amount: 3740, currency: 'EUR' },
					},
					restock: true,
				},
			],
			total: {
				shop: { amount: 3740, currency: 'EUR' },
				presentment: { amount: 3740, currency: 'EUR' },
			},
		};
		expect((await call(erp.url, 'POST', '/credit-memos', { body: memo })).body).toMatchObject({
			id: 'CM-000001',
		});
		expect(
			(await call(erp.url, 'POST', '/credit-memos', { body: { ...memo, salesOrderId: 'SO-404' } }))
				.status,
		).toBe(404);
		const found = await call<{ items: unknown[] }>(
			erp.url,
			'GET',
			'/credit-memos?salesOrderId=SO-000001',
		);
		expect(found.body.items).toHaveLength(1);
	});

	it('pages the SKU master and inventory with cursors', async () => {
		const first = await call<{ items: Array<{ sku: string }>; nextCursor: string | null }>(
			erp.url,
			'GET',
			'/skus?limit=2',
		);
		expect(first.body.items.map((s) => s.sku)).toEqual(['TSHIRT-RED-M', 'TOTE-NAT']);
		const second = await call<{ items: Array<{ sku: string }>; nextCursor: string | null }>(
			erp.url,
			'GET',
			`/skus?limit=2&cursor=${first.body.nextCursor}`,
		);
		expect(second.body).toEqual({
			items: [expect.objectContaining({ sku: 'SOCKS-TRAIL-42' })],
			nextCursor: null,
		});
		const stock = await call<{
			items: Array<{ sku: string; available: number; safetyStock: number }>;
		}>(erp.url, 'GET', '/inventory?sku=TSHIRT-RED-M');
		expect(stock.body.items).toEqual([
			expect.objectContaining({
				sku: 'TSHIRT-RED-M',
				location: 'BER',
				onHand: 40,
				available: 40,
				safetyStock: 5,
			}),
		]);
	});

	it('keeps its state in a SQLite file across a restart', async () => {
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'erp-')), 'erp.sqlite');
		const before = await startErpServer({ databaseFile: file });
		await call(before.url, 'POST', '/sales-orders', { body: salesOrderInput() });
		await before.close();
		const after = await startErpServer({ databaseFile: file });
		try {
			await call(after.url, 'POST', '/sales-orders', {
				body: salesOrderInput('shopify:order:5532'),
			});
			const all = await call<{ items: Array<{ id: string; externalRef: string }> }>(
				after.url,
				'GET',
				'/sales-orders',
			);
			expect(all.body.items.map((o) => [o.id, o.externalRef])).toEqual([
				['SO-000001', 'shopify:order:5531'],
				['SO-000002', 'shopify:order:5532'],
			]);
		} finally {
			await after.close();
		}
	});
});
