import { createHmac, timingSafeEqual } from 'node:crypto';

import { seededStore } from '../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../sandbox/shopify/server';
import { startLocalServer, type LocalServer, type ReceivedRequest } from '../support/http-server';
import { adminGraphql } from '../support/shopify';

const SECRET = 'hush-app-secret';

/** Shopify's verification: base64 HMAC-SHA256 of the raw body, compared in constant time. */
function verifies(request: ReceivedRequest, body = request.body): boolean {
	const expected = Buffer.from(
		createHmac('sha256', SECRET).update(Buffer.from(body, 'utf8')).digest('base64'),
	);
	const received = Buffer.from(String(request.headers['x-shopify-hmac-sha256']));
	return expected.length === received.length && timingSafeEqual(expected, received);
}

describe('Shopify emulator: webhooks', () => {
	let emulator: ShopifyEmulator;
	let receiver: LocalServer;
	let answers: number[];

	beforeEach(async () => {
		answers = [];
		receiver = await startLocalServer((_request, res) => {
			res.writeHead(answers.shift() ?? 200);
			res.end();
		});
		emulator = await ShopifyEmulator.start({
			store: seededStore(),
			appSecret: SECRET,
			webhookRetryBaseMs: 5,
		});
	});

	afterEach(async () => {
		await emulator.webhooks.idle();
		await emulator.close();
		await receiver.close();
	});

	const subscribe = async (topic: string, uri = `${receiver.url}/hooks`) =>
		await adminGraphql<{
			webhookSubscriptionCreate: {
				webhookSubscription: { id: string; topic: string; uri: string } | null;
				userErrors: Array<{ message: string }>;
			};
		}>(
			emulator,
			'mutation Sub($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) { webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) { webhookSubscription { id topic uri format apiVersion { handle } } userErrors { field message } } }',
			{ topic, sub: { uri, format: 'JSON' } },
		);

	it("delivers orders/create signed with Shopify's HMAC, which fails when one byte changes", async () => {
		await subscribe('ORDERS_CREATE');
		const order = emulator.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 2 }] });
		await emulator.webhooks.idle();

		expect(receiver.requests).toHaveLength(1);
		const [delivery] = receiver.requests;
		expect(delivery.headers['x-shopify-topic']).toBe('orders/create');
		expect(delivery.headers['x-shopify-shop-domain']).toBe('orderflow-sandbox.myshopify.com');
		expect(delivery.headers['x-shopify-api-version']).toBe('2026-10');
		expect(delivery.headers['x-shopify-webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
		expect(delivery.headers['x-shopify-event-id']).toMatch(/^[0-9a-f-]{36}$/);
		expect(Date.parse(String(delivery.headers['x-shopify-triggered-at']))).not.toBeNaN();

		expect(verifies(delivery)).toBe(true);
		const tampered = delivery.body.replace('"quantity":2', '"quantity":3');
		expect(tampered).not.toBe(delivery.body);
		expect(verifies(delivery, tampered)).toBe(false);

		const payload = JSON.parse(delivery.body) as Record<string, unknown>;
		expect(payload.admin_graphql_api_id).toBe(order.id);
		expect(payload.id).toBe(Number(order.id.split('/').pop()));
		expect(payload.total_price).toBe('48.00');
		expect((payload.line_items as Array<Record<string, unknown>>)[0]).toMatchObject({
			sku: 'TOTE-NAT',
			quantity: 2,
			price: '24.00',
		});
	});

	it('finds an existing subscription instead of duplicating it, lists it, and deletes it', async () => {
		const first = await subscribe('ORDERS_UPDATED');
		const again = await subscribe('ORDERS_UPDATED');
		expect(first.data!.webhookSubscriptionCreate.userErrors).toEqual([]);
		expect(again.data!.webhookSubscriptionCreate).toEqual({
			webhookSubscription: null,
			userErrors: [
				{
					field: ['webhookSubscription', 'callbackUrl'],
					message: 'Address for this topic has already been taken',
				},
			],
		});
		const listed = await adminGraphql<{
			webhookSubscriptions: { nodes: Array<{ id: string; topic: string }> };
		}>(
			emulator,
			'{ webhookSubscriptions(first: 10, topics: [ORDERS_UPDATED]) { nodes { id topic } } }',
		);
		const id = first.data!.webhookSubscriptionCreate.webhookSubscription!.id;
		expect(listed.data!.webhookSubscriptions.nodes).toEqual([{ id, topic: 'ORDERS_UPDATED' }]);

		const deleted = await adminGraphql<{
			webhookSubscriptionDelete: { deletedWebhookSubscriptionId: string };
		}>(
			emulator,
			'mutation Del($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { message } } }',
			{ id },
		);
		expect(deleted.data!.webhookSubscriptionDelete.deletedWebhookSubscriptionId).toBe(id);
		expect(emulator.webhooks.subscriptions).toHaveLength(0);
	});

	it('on its control API, drops a topic’s subscriptions as Shopify does after failed deliveries, and revokes and grants access tokens', async () => {
		await subscribe('ORDERS_CREATE');
		await subscribe('ORDERS_UPDATED');
		const control = async (method: string, path: string, body?: unknown) => {
			const response = await fetch(`${emulator.url}/_control${path}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			return { status: response.status, body: (await response.json()) as Record<string, unknown> };
		};
		expect(await control('DELETE', '/webhooks/subscriptions/ORDERS_CREATE')).toEqual({
			status: 200,
			body: { deleted: 1, topic: 'ORDERS_CREATE' },
		});
		expect((await control('GET', '/webhooks/subscriptions')).body).toEqual([
			expect.objectContaining({ topic: 'ORDERS_UPDATED', uri: `${receiver.url}/hooks` }),
		]);
		emulator.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }] });
		await emulator.webhooks.idle();
		expect(
			receiver.requests.filter((request) => request.headers['x-shopify-topic'] === 'orders/create'),
		).toEqual([]);

		expect(await control('POST', '/tokens/revoke', { token: 'shpat_sandbox' })).toEqual({
			status: 200,
			body: { revoked: 'shpat_sandbox' },
		});
		const refused = await fetch(`${emulator.url}/admin/api/2026-10/graphql.json`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_sandbox' },
			body: JSON.stringify({ query: '{ shop { name } }' }),
		});
		expect(refused.status).toBe(401);
		expect(await control('POST', '/tokens/grant', { token: 'shpat_sandbox' })).toEqual({
			status: 200,
			body: { granted: 'shpat_sandbox' },
		});
		expect(
			(await adminGraphql<{ shop: { name: string } }>(emulator, '{ shop { name } }')).data!.shop
				.name,
		).toBeTruthy();
		expect(await control('POST', '/tokens/revoke', {})).toMatchObject({
			status: 400,
			body: { error: expect.stringMatching(/token/) },
		});
	});

	it('refuses an address that is not https (loopback http is the sandbox exception)', async () => {
		const reply = await subscribe('ORDERS_CREATE', 'http://shop-receiver.example.com/hooks');
		expect(reply.data!.webhookSubscriptionCreate.userErrors).toEqual([
			{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address is invalid' },
		]);
	});

	it('repeats deliveries on demand with the same event id (at-least-once)', async () => {
		await subscribe('ORDERS_CREATE');
		emulator.webhooks.faults = { duplicates: 2 };
		emulator.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }] });
		await emulator.webhooks.idle();
		expect(receiver.requests).toHaveLength(3);
		expect(new Set(receiver.requests.map((r) => r.headers['x-shopify-event-id'])).size).toBe(1);
		expect(receiver.requests.every((request) => verifies(request))).toBe(true);
	});

	it('reorders held deliveries: the newer update arrives first', async () => {
		await subscribe('ORDERS_UPDATED');
		const order = emulator.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }] });
		emulator.webhooks.faults = { reorder: true };
		let clock = Date.parse('2026-11-22T09:00:00Z');
		emulator.store.now = () => new Date(clock);
		emulator.store.touch(order);
		clock += 60_000;
		emulator.store.touch(order);
		expect(receiver.requests).toHaveLength(0);
		emulator.webhooks.flush();
		await emulator.webhooks.idle();
		const updatedAts = receiver.requests.map(
			(request) => (JSON.parse(request.body) as { updated_at: string }).updated_at,
		);
		expect(updatedAts).toEqual(['2026-11-22T09:01:00Z', '2026-11-22T09:00:00Z']);
	});

	it('retries a delivery the receiver answered with non-2xx, with the same webhook id', async () => {
		await subscribe('ORDERS_CREATE');
		answers = [500, 503];
		emulator.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }] });
		await emulator.webhooks.idle();
		expect(receiver.requests).toHaveLength(3);
		expect(new Set(receiver.requests.map((r) => r.headers['x-shopify-webhook-id'])).size).toBe(1);
		expect(emulator.webhooks.deliveries[0].attempts.map((attempt) => attempt.status)).toEqual([
			500, 503, 200,
		]);
		expect(emulator.webhooks.deliveries[0].delivered).toBe(true);
	});
});
