import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	assertRecorded,
	intakeLines,
	meanBodyBytes,
	postDeliveries,
} from '../../bench/intake-client';
import { INTAKE_SECRET, signedDeliveries, startIntakeShop } from '../../bench/intake-shop';
import { verifyWebhookHmac } from '../../core/shopify/webhooks';
import type { ShopifyEmulator } from '../../sandbox/shopify/server';
import type { DeliveryRecord } from '../../sandbox/shopify/webhooks';
import { MAIN_PORTS, portOffset, WEBHOOK_PORTS } from '../../scripts/n8n/queue/config';

/** A server that answers every POST with `status` and remembers which event ids it was sent. */
async function answering(status: number): Promise<{ server: Server; url: string; seen: string[] }> {
	const seen: string[] = [];
	const server = createServer((req, res) => {
		seen.push(String(req.headers['x-shopify-event-id']));
		req.resume();
		req.on('end', () => res.writeHead(status).end());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { server, url: `http://127.0.0.1:${port}/webhook/x/webhook`, seen };
}

describe('intake bench: the deliveries it posts and what it counts', () => {
	let shop: ShopifyEmulator;
	let deliveries: DeliveryRecord[];

	beforeAll(async () => {
		shop = await startIntakeShop();
		shop.webhooks.subscriptions.push({
			id: 'gid://shopify/WebhookSubscription/1',
			topic: 'ORDERS_CREATE',
			uri: 'http://127.0.0.1:9/webhook/x/webhook',
			format: 'JSON',
			includeFields: [],
			filter: null,
			name: null,
			apiVersion: '2026-10',
			createdAt: new Date().toISOString(),
			updatedAt: new Date().toISOString(),
		});
		deliveries = signedDeliveries(shop, 6);
	});

	afterAll(async () => await shop.close());

	it('makes orders/create deliveries signed as Shopify signs them, each with its own event id, about 5 KB', () => {
		expect(new Set(deliveries.map((d) => d.eventId)).size).toBe(6);
		for (const delivery of deliveries) {
			expect(delivery.topic).toBe('orders/create');
			const hmac = delivery.headers['X-Shopify-Hmac-Sha256'];
			expect(verifyWebhookHmac(Buffer.from(delivery.body), hmac, INTAKE_SECRET)).toBe(true);
			expect(verifyWebhookHmac(Buffer.from(`${delivery.body} `), hmac, INTAKE_SECRET)).toBe(false);
		}
		expect(meanBodyBytes(deliveries)).toBeGreaterThan(4000);
	});

	it('spreads deliveries round-robin, counts only 2xx as accepted, and refuses a figure when an accepted one is not in the inbox', async () => {
		const accepting = await answering(200);
		const refusing = await answering(503);
		try {
			const run = await postDeliveries(deliveries, [accepting.url, refusing.url], 2);
			expect(accepting.seen.sort()).toEqual(
				deliveries
					.filter((_, i) => i % 2 === 0)
					.map((d) => d.eventId)
					.sort(),
			);
			expect(refusing.seen).toHaveLength(3);
			const inbox = new Set(accepting.seen);
			expect(() => assertRecorded('test', run, inbox)).not.toThrow();
			const [rate, , , summary] = intakeLines('test', run, meanBodyBytes(deliveries));
			expect(rate).toMatch(/^deliveries\/s accepted \(test\): [\d.]+$/);
			expect(summary).toContain('deliveries accepted (test): 3 of 6');
			inbox.delete(accepting.seen[0]);
			expect(() => assertRecorded('test', run, inbox)).toThrow(
				/1 deliveries were answered 2xx but are not in the inbox/,
			);
		} finally {
			accepting.server.close();
			refusing.server.close();
		}
	});
});

describe('queue-mode ports', () => {
	it('keeps the rig’s ports without an offset and refuses an offset that is not a whole number', () => {
		expect(MAIN_PORTS.http).toBe(5700);
		expect(WEBHOOK_PORTS.map((ports) => ports.http)).toEqual([5702, 5704, 5706, 5708]);
		expect(portOffset(undefined)).toBe(0);
		expect(portOffset('40')).toBe(40);
		expect(() => portOffset('forty')).toThrow(/ORDERFLOW_QUEUE_PORT_OFFSET/);
		expect(() => portOffset('-1')).toThrow(/ORDERFLOW_QUEUE_PORT_OFFSET/);
	});
});
