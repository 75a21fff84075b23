import { Engine } from '../../../harness';
import { ShopifyEmulator } from '../../../sandbox/shopify/server';
import { fixture } from '../../support/workflows';

describe('Shopify node, Shop: Get (Manual Trigger → Shopify → NoOp) against the Shopify emulator', () => {
	let shopify: ShopifyEmulator;
	const requests: Array<{ url: string; body: string }> = [];

	beforeAll(async () => {
		shopify = await ShopifyEmulator.start({ accessTokens: ['shpat_valid'] });
		shopify.onRequest = (url, body) => requests.push({ url, body });
	});

	afterAll(async () => await shopify.close());

	const engineWithToken = async (accessToken: string) =>
		await Engine.start({
			credentials: {
				Shop: { type: 'shopifyAdminApi', data: { shopDomain: shopify.url, accessToken } },
			},
		});

	it('posts the named shop query to the versioned Admin GraphQL endpoint and emits the shop', async () => {
		const engine = await engineWithToken('shpat_valid');
		const execution = await engine.execute(fixture(__dirname, 'shop-get'));

		expect(execution.status).toBe('success');
		expect(execution.executedNodes).toEqual(['When clicking Execute', 'Shopify', 'Done']);
		const { shop } = shopify.store;
		expect(execution.output('Done')).toEqual([
			{
				id: shop.id,
				name: shop.name,
				email: shop.email,
				myshopifyDomain: shop.myshopifyDomain,
				currencyCode: shop.currencyCode,
				ianaTimezone: shop.ianaTimezone,
			},
		]);
		const sent = requests.at(-1)!;
		expect(sent.url).toBe('/admin/api/2026-10/graphql.json');
		expect(JSON.parse(sent.body).query).toContain('query OrderflowShop');
	});

	it('fails with a NodeApiError that says to check the credential when Shopify rejects the token', async () => {
		const engine = await engineWithToken('shpat_revoked');
		const execution = await engine.execute(fixture(__dirname, 'shop-get'));

		expect(execution.status).toBe('error');
		const error = execution.nodeError('Shopify') as Error & {
			description?: string;
			httpCode?: string;
		};
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('401');
		expect(error.description).toMatch(/access token.*credential/i);
		expect(execution.executedNodes).not.toContain('Done');
	});

	it('routes the failure to the output as an error item when the node continues on fail', async () => {
		const engine = await engineWithToken('shpat_revoked');
		const workflow = fixture(__dirname, 'shop-get');
		workflow.nodes.find((node) => node.name === 'Shopify')!.onError = 'continueRegularOutput';
		const execution = await engine.execute(workflow);

		expect(execution.status).toBe('success');
		expect(execution.output('Done')).toEqual([
			{ error: expect.stringContaining('Invalid API key or access token') },
		]);
	});

	it('names the fix when the credential holds something that is not a shop domain', async () => {
		const engine = await Engine.start({
			credentials: {
				Shop: { type: 'shopifyAdminApi', data: { shopDomain: 'ftp://nope', accessToken: 'x' } },
			},
		});
		const execution = await engine.execute(fixture(__dirname, 'shop-get'));
		const error = execution.nodeError('Shopify') as Error & { description?: string };
		expect(error.message).toMatch(/not a shop domain/);
		expect(error.description).toMatch(/Shop Domain/);
	});
});
