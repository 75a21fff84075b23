import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { Engine, type WorkflowJson } from '../../harness';
import type { ContractServer } from '../../sandbox/contract/server';
import { startErpServer } from '../../sandbox/erp/server';
import { seededStore } from '../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../sandbox/shopify/server';
import { call } from '../support/contract';
import { startLocalServer, type LocalServer } from '../support/http-server';
import { withParameters } from '../support/workflows';

const TEMPLATE = path.resolve(__dirname, '..', '..', 'workflows', 'order-sync.json');
const SECRET = 'order-sync-secret';
const ADDRESS = { firstName: 'Ada', lastName: 'Lovelace', address1: 'Torstraße 1', city: 'Berlin', zip: '10119', countryCodeV2: 'DE' };

describe('Order sync template, run by n8n’s engine against the sandbox', () => {
	let shopify: ShopifyEmulator;
	let erp: ContractServer;
	let exceptions: LocalServer;
	let bridge: LocalServer;
	let engine: Engine;
	let workflow: WorkflowJson;

	beforeEach(async () => {
		shopify = await ShopifyEmulator.start({ store: seededStore(), accessTokens: ['shpat_sync'], appSecret: SECRET, webhookRetryBaseMs: 20 });
		erp = await startErpServer({ seed: { skus: shopify.store.variants.filter((v) => v.sku !== 'TOTE-NAT').map((v) => ({ sku: v.sku, description: v.title })), inventory: [] } });
		exceptions = await startLocalServer((_request, response) => {
			response.writeHead(200);
			response.end('ok');
		});
		const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as WorkflowJson;
		workflow = withParameters({ ...template, id: 'templateOrderSync' }, 'Report Exception', { url: `${exceptions.url}/exceptions` });
		bridge = await startLocalServer((request, response) => {
			void engine.webhook(workflow, { path: request.url.replace(/^\/webhook\//, ''), method: request.method, headers: request.headers as Record<string, string>, rawBody: request.body }).then((result) => {
				response.writeHead(result.response.statusCode);
				response.end(result.response.body);
			});
		});
		engine = await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-order-sync-')),
			baseUrl: bridge.url,
			credentials: {
				'Shopify Admin API': { type: 'shopifyAdminApi', data: { shopDomain: shopify.url, accessToken: 'shpat_sync', webhookSecret: SECRET } },
				ERP: { type: 'orderflowErpApi', data: { baseUrl: erp.url, authentication: 'bearer', token: 'erp-sandbox-token', idempotencyHeader: 'Idempotency-Key' } },
			},
		});
		await engine.activate(workflow);
	});

	afterEach(async () => {
		await shopify.close();
		await erp.close();
		await exceptions.close();
		await bridge.close();
	});

	const salesOrders = async () => (await call<{ items: IDataObject[] }>(erp.url, 'GET', '/sales-orders')).body.items;
	const settle = async () => await shopify.webhooks.idle();

	it('books each new order once in the ERP and tags it synced in Shopify, even when Shopify delivers it three times', async () => {
		shopify.webhooks.faults = { duplicates: 2 };
		const order = shopify.store.createOrder({ lines: [{ sku: 'TSHIRT-RED-M', quantity: 2 }], shippingAddress: ADDRESS });
		await settle();
		const booked = await salesOrders();
		expect(booked).toHaveLength(1);
		expect(booked[0]).toMatchObject({ externalRef: `shopify:order:${order.id.split('/').pop()}`, status: 'open' });
		expect(shopify.store.order(order.id)!.tags).toContain('erp-synced');
		expect(exceptions.requests).toHaveLength(0);
	});

	it('cancels the sales order when the order is cancelled in Shopify', async () => {
		const order = shopify.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }], shippingAddress: ADDRESS });
		await settle();
		const { cancelOrder } = await import('../../sandbox/shopify/domain/fulfillment');
		cancelOrder(shopify.store, order.id, 'CUSTOMER', true);
		await settle();
		const [salesOrder] = await salesOrders();
		expect(salesOrder.status).toBe('cancelled');
	});

	it('reports an order the ERP cannot book (unknown SKU) to the exceptions webhook and books nothing', async () => {
		const order = shopify.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }], shippingAddress: ADDRESS });
		await settle();
		expect(await salesOrders()).toEqual([]);
		const reports = exceptions.requests.map((request) => JSON.parse(request.body) as { text: string; order: number });
		expect(reports[0].text).toContain('unknown SKU TOTE-NAT');
		expect(String(reports[0].order)).toBe(order.id.split('/').pop());
	});

	it('rides out an ERP 503 during the write: one sales order', async () => {
		await call(erp.url, 'PUT', '/_control/faults', { body: [{ method: 'POST', path: '/sales-orders', kind: 'status', status: 503, times: 2 }] });
		shopify.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 3 }], shippingAddress: ADDRESS });
		await settle();
		expect(await salesOrders()).toHaveLength(1);
	});
});
