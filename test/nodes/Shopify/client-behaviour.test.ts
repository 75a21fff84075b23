import { Engine } from '../../../harness';
import { STANDARD_PLAN } from '../../../sandbox/shopify/cost';
import { seededStore } from '../../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../../sandbox/shopify/server';
import { fixture, withParameters } from '../../support/workflows';
import { startShopifyFixture } from './support';

const operationWorkflow = fixture(__dirname, 'shopify-operation');

describe('Shopify node: pacing under the standard plan and client-credentials tokens', () => {
	it('reads more than the standard bucket holds without a THROTTLED error reaching the workflow', async () => {
		const shop = await startShopifyFixture({ plan: STANDARD_PLAN });
		const replies: string[] = [];
		try {
			for (let index = 0; index < 70; index++)
				shop.emulator.store.createOrder({
					lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
					tags: ['bulk-read'],
				});
			const original = shop.emulator.bucket.bind(shop.emulator);
			shop.emulator.bucket = (token: string) => {
				const bucket = original(token);
				replies.push(String(bucket.status().currentlyAvailable));
				return bucket;
			};
			const startedAt = Date.now();
			const orders = await shop.output({
				resource: 'order',
				operation: 'getMany',
				filterBy: 'query',
				query: 'tag:bulk-read',
				returnAll: true,
			});
			const seconds = (Date.now() - startedAt) / 1000;
			expect(orders).toHaveLength(70);
			// The read cost more than the 2,000-point bucket: it only completed by waiting for the restore.
			expect(Math.min(...replies.map(Number))).toBeLessThan(1000);
			expect(seconds).toBeGreaterThan(2);
		} finally {
			await shop.close();
		}
	}, 120_000);

	it('gets a token with the client credentials grant, reuses it, renews it before expiry and after a revocation', async () => {
		const emulator = await ShopifyEmulator.start({
			store: seededStore(),
			accessTokens: [],
			clientCredentials: {
				clientId: 'orderflow-app',
				clientSecret: 'app-secret',
				tokenLifetimeSeconds: 2,
			},
		});
		try {
			const engine = await Engine.start({
				credentials: {
					Shop: {
						type: 'shopifyAdminApi',
						data: {
							shopDomain: emulator.url,
							authentication: 'clientCredentials',
							clientId: 'orderflow-app',
							clientSecret: 'app-secret',
						},
					},
				},
			});
			const shopGet = withParameters(operationWorkflow, 'Shopify', {
				resource: 'shop',
				operation: 'get',
			});
			const run = async () => {
				const execution = await engine.execute(shopGet);
				expect(execution.nodeError('Shopify')).toBeUndefined();
				return execution.output('Done')[0];
			};
			expect((await run()).name).toBe(emulator.store.shop.name);
			await run();
			expect(emulator.issuedTokens.size).toBe(1);

			await new Promise((resolve) => setTimeout(resolve, 1900));
			await run();
			expect(emulator.issuedTokens.size).toBe(2);

			emulator.issuedTokens.clear();
			await run();
			expect(emulator.issuedTokens.size).toBe(1);
		} finally {
			await emulator.close();
		}
	});

	it('names the credential fix when the client secret is wrong', async () => {
		const emulator = await ShopifyEmulator.start({
			store: seededStore(),
			accessTokens: [],
			clientCredentials: { clientId: 'app', clientSecret: 'right' },
		});
		try {
			const engine = await Engine.start({
				credentials: {
					Shop: {
						type: 'shopifyAdminApi',
						data: {
							shopDomain: emulator.url,
							authentication: 'clientCredentials',
							clientId: 'app',
							clientSecret: 'wrong',
						},
					},
				},
			});
			const execution = await engine.execute(
				withParameters(operationWorkflow, 'Shopify', { resource: 'shop', operation: 'get' }),
			);
			const error = execution.nodeError('Shopify') as Error & {
				description?: string;
				httpCode?: string;
			};
			expect(error.message).toMatch(/refused the client credentials \(HTTP 401\)/);
			expect(error.description).toMatch(/client ID and secret/);
		} finally {
			await emulator.close();
		}
	});
});
