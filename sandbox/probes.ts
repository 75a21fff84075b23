/**
 * Probes a running sandbox the way the issue that built it asks to see it work: schema
 * validation, cost extension, throttling, webhook signatures, idempotent refunds, ERP request
 * validation and a non-deduplicating ERP. Used by `npm run sandbox:probe` and by the tests.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SANDBOX_CREDENTIALS } from './index';

export interface ProbeResult {
	name: string;
	passed: boolean;
	detail: string;
}

export interface SandboxUrls {
	shopify: string;
	erp: string;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form replies of a remote system

/** A GraphQL call that, like a well-behaved app, waits out THROTTLED answers (unless asked not to). */
async function graphql(
	urls: SandboxUrls,
	query: string,
	variables?: Json,
	waitWhenThrottled = true,
): Promise<Json> {
	for (;;) {
		const response = await fetch(
			`${urls.shopify}/admin/api/${SANDBOX_CREDENTIALS.shopify.apiVersion}/graphql.json`,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-shopify-access-token': SANDBOX_CREDENTIALS.shopify.accessToken,
				},
				body: JSON.stringify({ query, variables }),
			},
		);
		const reply = (await response.json()) as Json;
		const cost = reply.extensions?.cost;
		if (!waitWhenThrottled || reply.errors?.[0]?.extensions?.code !== 'THROTTLED' || !cost)
			return reply;
		const missing = cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable;
		await new Promise((resolve) =>
			setTimeout(resolve, Math.ceil((missing / cost.throttleStatus.restoreRate) * 1000) + 50),
		);
	}
}

async function control(
	baseUrl: string,
	method: string,
	path: string,
	body?: unknown,
): Promise<Json> {
	const response = await fetch(`${baseUrl}/_control/${path}`, {
		method,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await response.json()) as Json;
}

async function erpCall(
	urls: SandboxUrls,
	method: string,
	path: string,
	body: unknown,
	headers: Record<string, string> = {},
) {
	const response = await fetch(`${urls.erp}${path}`, {
		method,
		headers: {
			'content-type': 'application/json',
			authorization: `Bearer ${SANDBOX_CREDENTIALS.erp.bearerToken}`,
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Json };
}

const PROBES: Array<{ name: string; run: (urls: SandboxUrls) => Promise<string> }> = [
	{
		name: 'a bogus field is rejected with Shopify’s validation message',
		run: async (urls) => {
			const reply = await graphql(urls, '{ shop { name bogus } }');
			const message = reply.errors?.[0]?.message;
			if (message !== "Field 'bogus' doesn't exist on type 'Shop'" || reply.data)
				throw new Error(JSON.stringify(reply));
			return message;
		},
	},
	{
		name: 'shop { name } answers with a cost extension',
		run: async (urls) => {
			const reply = await graphql(urls, '{ shop { name } }');
			const cost = reply.extensions?.cost;
			if (!reply.data?.shop?.name || cost?.requestedQueryCost !== 1 || !cost.throttleStatus)
				throw new Error(JSON.stringify(reply));
			return `${reply.data.shop.name}, cost ${JSON.stringify(cost)}`;
		},
	},
	{
		name: 'a burst beyond the bucket gets THROTTLED',
		run: async (urls) => {
			await control(urls.shopify, 'POST', 'scenarios/order-history', { count: 260 });
			for (let request = 1; request <= 30; request++) {
				const reply = await graphql(
					urls,
					'{ orders(first: 250, query: "tag:history") { nodes { id name } } }',
					undefined,
					false,
				);
				if (reply.errors?.[0]?.extensions?.code === 'THROTTLED') {
					return `request ${request} throttled with ${reply.extensions.cost.throttleStatus.currentlyAvailable} points left for a cost of ${reply.extensions.cost.requestedQueryCost}`;
				}
			}
			throw new Error('30 reads of 250 orders were never throttled');
		},
	},
	{
		name: 'a webhook’s HMAC verifies with Shopify’s algorithm and fails when one byte changes',
		run: async (urls) => {
			const received: Array<{ body: Buffer; hmac: string }> = [];
			const receiver = createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (chunk: Buffer) => chunks.push(chunk));
				req.on('end', () => {
					received.push({
						body: Buffer.concat(chunks),
						hmac: String(req.headers['x-shopify-hmac-sha256']),
					});
					res.end();
				});
			});
			await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
			try {
				const uri = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
				const sub = await graphql(
					urls,
					'mutation S($sub: WebhookSubscriptionInput!) { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: $sub) { webhookSubscription { id } userErrors { message } } }',
					{ sub: { uri, format: 'JSON' } },
				);
				await control(urls.shopify, 'POST', 'scenarios/standard-order');
				for (let wait = 0; wait < 50 && !received.length; wait++)
					await new Promise((resolve) => setTimeout(resolve, 100));
				await graphql(
					urls,
					'mutation D($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId } }',
					{ id: sub.data.webhookSubscriptionCreate.webhookSubscription.id },
				);
				const [delivery] = received;
				if (!delivery) throw new Error('no delivery arrived');
				const verify = (body: Buffer) => {
					const digest = Buffer.from(
						createHmac('sha256', SANDBOX_CREDENTIALS.shopify.appSecret)
							.update(body)
							.digest('base64'),
					);
					const header = Buffer.from(delivery.hmac);
					return digest.length === header.length && timingSafeEqual(digest, header);
				};
				const tampered = Buffer.from(delivery.body);
				tampered[tampered.length - 2] ^= 1;
				if (!verify(delivery.body) || verify(tampered))
					throw new Error('signature check did not behave');
				return `orders/create verified (${delivery.body.length} bytes); one flipped bit fails`;
			} finally {
				receiver.close();
			}
		},
	},
	{
		name: 'a repeated refundCreate with the same idempotency key refunds once',
		run: async (urls) => {
			const scenario = await control(urls.shopify, 'POST', 'scenarios/standard-order');
			const order = (
				await graphql(
					urls,
					'query O($id: ID!) { order(id: $id) { lineItems(first: 1) { nodes { id } } transactions(first: 1) { id } } }',
					{ id: scenario.orderId },
				)
			).data.order;
			const input = {
				orderId: scenario.orderId,
				refundLineItems: [
					{ lineItemId: order.lineItems.nodes[0].id, quantity: 1, restockType: 'NO_RESTOCK' },
				],
				transactions: [
					{
						orderId: scenario.orderId,
						parentId: order.transactions[0].id,
						gateway: 'shopify_payments',
						kind: 'REFUND',
						amount: '10.00',
					},
				],
			};
			const mutation =
				'mutation R($input: RefundInput!, $key: String!) { refundCreate(input: $input) @idempotent(key: $key) { refund { id } userErrors { message } } }';
			const key = `probe-${scenario.orderId}`;
			const first = await graphql(urls, mutation, { input, key });
			const second = await graphql(urls, mutation, { input, key });
			const refunds = (
				await graphql(urls, 'query O($id: ID!) { order(id: $id) { refunds(first: 10) { id } } }', {
					id: scenario.orderId,
				})
			).data.order.refunds;
			if (
				first.data.refundCreate.refund.id !== second.data.refundCreate.refund.id ||
				refunds.length !== 1
			)
				throw new Error(JSON.stringify({ first, second, refunds }));
			return `both calls answered ${first.data.refundCreate.refund.id}; the order has 1 refund`;
		},
	},
	{
		name: 'the ERP rejects an invalid sales order with 400',
		run: async (urls) => {
			const reply = await erpCall(urls, 'POST', '/sales-orders', {
				externalRef: 'probe:invalid',
				lines: [],
			});
			if (reply.status !== 400) throw new Error(JSON.stringify(reply));
			return `400 ${reply.body.title}: ${reply.body.errors.length} problems, first ${reply.body.errors[0].path} ${reply.body.errors[0].message}`;
		},
	},
	{
		name: 'with Idempotency-Key off, a retried create duplicates',
		run: async (urls) => {
			const ref = `probe:order:${Date.now()}`;
			const order = {
				externalRef: ref,
				entity: 'DE01',
				channel: 'web',
				orderNumber: '#PROBE',
				orderedAt: new Date().toISOString(),
				currency: 'EUR',
				presentmentCurrency: 'EUR',
				customer: { name: 'Probe' },
				shipTo: {
					name: 'Probe',
					line1: 'Street 1',
					city: 'Berlin',
					postalCode: '10117',
					country: 'DE',
				},
				lines: [
					{
						lineRef: 'l1',
						sku: 'TOTE-NAT',
						quantity: 1,
						unitPrice: pair(2400),
						discount: pair(0),
						tax: pair(456),
					},
				],
				totals: {
					subtotal: pair(2400),
					discount: pair(0),
					shipping: pair(0),
					tax: pair(456),
					total: pair(2856),
				},
			};
			await control(urls.erp, 'POST', 'idempotency', { enabled: false });
			try {
				await erpCall(urls, 'POST', '/sales-orders', order, { 'Idempotency-Key': ref });
				await erpCall(urls, 'POST', '/sales-orders', order, { 'Idempotency-Key': ref });
			} finally {
				await control(urls.erp, 'POST', 'idempotency', { enabled: true });
			}
			const found = await erpCall(
				urls,
				'GET',
				`/sales-orders?externalRef=${encodeURIComponent(ref)}`,
				undefined,
			);
			if (found.body.items.length !== 2) throw new Error(JSON.stringify(found.body));
			return `two sales orders for one order: ${found.body.items.map((item: Json) => item.id).join(', ')}`;
		},
	},
];

function pair(amount: number) {
	return { shop: { amount, currency: 'EUR' }, presentment: { amount, currency: 'EUR' } };
}

export async function probeSandbox(urls: SandboxUrls): Promise<ProbeResult[]> {
	const results: ProbeResult[] = [];
	for (const probe of PROBES) {
		try {
			results.push({ name: probe.name, passed: true, detail: await probe.run(urls) });
		} catch (error) {
			results.push({ name: probe.name, passed: false, detail: (error as Error).message });
		}
	}
	return results;
}
