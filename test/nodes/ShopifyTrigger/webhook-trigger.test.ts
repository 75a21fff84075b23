import { Engine } from '../../../harness';
import { seededStore } from '../../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../../sandbox/shopify/server';
import { signWebhook } from '../../../sandbox/shopify/webhooks';
import { startLocalServer, type LocalServer } from '../../support/http-server';
import { fixture } from '../../support/workflows';

const SECRET = 'trigger-app-secret';
const workflow = fixture(__dirname, 'webhook-trigger');

describe('Shopify Trigger: subscriptions on publish, verified deliveries through the engine', () => {
	let emulator: ShopifyEmulator;
	let engine: Engine;
	let bridge: LocalServer;
	const calls: Array<Awaited<ReturnType<Engine['webhook']>>> = [];

	beforeAll(async () => {
		emulator = await ShopifyEmulator.start({
			store: seededStore(),
			accessTokens: ['shpat_trigger'],
			appSecret: SECRET,
			webhookRetryBaseMs: 10,
		});
		// n8n's HTTP layer: what reaches this server is handed to the workflow's production webhook.
		bridge = await startLocalServer((request, response) => {
			void engine
				.webhook(workflow, {
					path: request.url.replace(/^\/webhook\//, ''),
					method: request.method,
					headers: request.headers as Record<string, string>,
					rawBody: request.body,
				})
				.then((call) => {
					calls.push(call);
					response.writeHead(call.response.statusCode, call.response.headers);
					response.end(call.response.body);
				});
		});
		engine = await Engine.start({
			baseUrl: bridge.url,
			credentials: {
				Shop: {
					type: 'shopifyAdminApi',
					data: { shopDomain: emulator.url, accessToken: 'shpat_trigger', webhookSecret: SECRET },
				},
			},
		});
	});

	afterAll(async () => {
		await emulator.close();
		await bridge.close();
	});

	it('publishing subscribes each topic once, publishing again finds them, unpublishing deletes them', async () => {
		const [url] = await engine.activate(workflow);
		expect(url).toBe(`${bridge.url}/webhook/3f0c8f0e-5b7a-4a53-9d3e-5d2f4c1a0b01/webhook`);
		const mine = () =>
			emulator.webhooks.subscriptions
				.filter((subscription) => subscription.uri === url)
				.map((subscription) => subscription.topic)
				.sort();
		expect(mine()).toEqual(['ORDERS_CREATE', 'REFUNDS_CREATE']);
		await engine.activate(workflow);
		expect(mine()).toEqual(['ORDERS_CREATE', 'REFUNDS_CREATE']);
		await engine.deactivate(workflow);
		expect(mine()).toEqual([]);
	});

	it("a signed orders/create delivery from Shopify starts one execution with the delivery's event id and payload", async () => {
		await engine.activate(workflow);
		calls.length = 0;
		const order = emulator.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }] });
		await emulator.webhooks.idle();
		const started = calls.filter((call) => call.execution);
		expect(started).toHaveLength(1);
		expect(started[0].response.statusCode).toBe(200);
		const [item] = started[0].execution!.output('Received');
		const delivery = emulator.webhooks.deliveries.find(
			(candidate) => candidate.topic === 'orders/create',
		)!;
		expect(item).toEqual({
			topic: 'orders/create',
			shopDomain: emulator.store.shop.myshopifyDomain,
			apiVersion: '2026-10',
			webhookId: delivery.webhookId,
			eventId: delivery.eventId,
			triggeredAt: expect.any(String),
			payload: expect.objectContaining({ admin_graphql_api_id: order.id, name: order.name }),
			inboxId: expect.any(String),
		});
		await engine.deactivate(workflow);
	});

	it('answers 401 to a wrong signature and to an unsigned request, and starts nothing', async () => {
		const body = JSON.stringify({ id: 1, name: '#1' });
		const path = '3f0c8f0e-5b7a-4a53-9d3e-5d2f4c1a0b01/webhook';
		const headers = {
			'x-shopify-topic': 'orders/create',
			'x-shopify-event-id': 'e-1',
			'content-type': 'application/json',
		};
		const forged = await engine.webhook(workflow, {
			path,
			headers: { ...headers, 'x-shopify-hmac-sha256': signWebhook(body, 'another-secret') },
			rawBody: body,
		});
		expect(forged.response.statusCode).toBe(401);
		expect(forged.execution).toBeUndefined();
		const unsigned = await engine.webhook(workflow, { path, headers, rawBody: body });
		expect(unsigned.response.statusCode).toBe(401);
		expect(unsigned.execution).toBeUndefined();
		// The same bytes re-serialised (whitespace) no longer match: the HMAC is over the raw body.
		const reformatted = await engine.webhook(workflow, {
			path,
			headers: { ...headers, 'x-shopify-hmac-sha256': signWebhook(body, SECRET) },
			rawBody: JSON.stringify(JSON.parse(body), null, 2),
		});
		expect(reformatted.response.statusCode).toBe(401);
		const genuine = await engine.webhook(workflow, {
			path,
			headers: { ...headers, 'x-shopify-hmac-sha256': signWebhook(body, SECRET) },
			rawBody: body,
		});
		expect(genuine.response.statusCode).toBe(200);
		expect(genuine.execution?.output('Received')[0]).toMatchObject({
			eventId: 'e-1',
			topic: 'orders/create',
		});
	});

	it('acknowledges a topic the trigger was not set up for without running', async () => {
		const body = JSON.stringify({ id: 5 });
		const call = await engine.webhook(workflow, {
			path: '3f0c8f0e-5b7a-4a53-9d3e-5d2f4c1a0b01/webhook',
			headers: {
				'x-shopify-topic': 'products/update',
				'x-shopify-hmac-sha256': signWebhook(body, SECRET),
			},
			rawBody: body,
		});
		expect(call.response.statusCode).toBe(200);
		expect(call.execution).toBeUndefined();
	});
});
