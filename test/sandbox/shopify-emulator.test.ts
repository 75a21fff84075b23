import { ShopifyEmulator } from '../../sandbox/shopify/server';
import { graphqlErrors, type GraphqlReply } from '../support/graphql-reply';

describe('Shopify Admin emulator: wire format, schema validation and cost', () => {
	let emulator: ShopifyEmulator;

	beforeAll(async () => {
		emulator = await ShopifyEmulator.start({ accessTokens: ['shpat_valid'] });
	});

	afterAll(async () => await emulator.close());

	const post = async (body: unknown, token = 'shpat_valid', version = '2026-10') => {
		const response = await fetch(`${emulator.url}/admin/api/${version}/graphql.json`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
			body: JSON.stringify(body),
		});
		return {
			status: response.status,
			headers: response.headers,
			json: (await response.json()) as GraphqlReply,
		};
	};

	it('answers shop { name } with the shop and a cost extension', async () => {
		const { status, headers, json } = await post({ query: 'query { shop { name } }' });
		expect(status).toBe(200);
		expect(headers.get('x-shopify-api-version')).toBe('2026-10');
		expect(json.data).toEqual({ shop: { name: 'Orderflow Sandbox' } });
		expect(json.extensions.cost).toEqual({
			requestedQueryCost: 1,
			actualQueryCost: 1,
			throttleStatus: {
				maximumAvailable: 2000,
				currentlyAvailable: expect.any(Number),
				restoreRate: 100,
			},
		});
		expect(json.extensions.cost.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(1998);
	});

	it("rejects a field the official schema does not have, in Shopify's words, with no data", async () => {
		const { status, json } = await post({ query: 'query { shop { name bogus } }' });
		expect(status).toBe(200);
		expect(json.data).toBeUndefined();
		expect(json.errors).toEqual([
			{
				message: "Field 'bogus' doesn't exist on type 'Shop'",
				locations: [{ line: 1, column: 21 }],
				extensions: { code: 'undefinedField', typeName: 'Shop', fieldName: 'bogus' },
			},
		]);
	});

	it('rejects an argument the field does not accept', async () => {
		const { json } = await post({ query: 'query { shop(id: "1") { name } }' });
		expect(graphqlErrors(json)[0].message).toBe("Field 'shop' doesn't accept argument 'id'");
		expect(graphqlErrors(json)[0].extensions.code).toBe('argumentNotAccepted');
	});

	it('validates against the requested API version and refuses versions it has no schema for', async () => {
		const { status, json } = await post({ query: '{ shop { name } }' }, 'shpat_valid', '2019-04');
		expect(status).toBe(404);
		expect(json.errors).toMatch(/2019-04/);
	});

	it('answers 401 with a string error for a missing or wrong access token', async () => {
		for (const token of ['', 'shpat_wrong']) {
			const { status, json } = await post({ query: '{ shop { name } }' }, token);
			expect(status).toBe(401);
			expect(json).toEqual({
				errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
			});
		}
	});

	it('charges connections by page size and throttles (HTTP 200, THROTTLED) when the bucket cannot pay', async () => {
		const small = await ShopifyEmulator.start({
			accessTokens: ['shpat_small'],
			plan: { maximumAvailable: 50, restoreRate: 1 },
		});
		try {
			const ask = async (first: number) => {
				const response = await fetch(`${small.url}/admin/api/2026-10/graphql.json`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_small' },
					body: JSON.stringify({ query: `{ locations(first: ${first}) { nodes { id name } } }` }),
				});
				return { status: response.status, json: (await response.json()) as GraphqlReply };
			};
			const affordable = await ask(10);
			expect(affordable.json.extensions.cost.requestedQueryCost).toBe(2 + 10 * 1);
			expect(affordable.json.extensions.cost.actualQueryCost).toBe(2 + 2 * 1);
			expect(affordable.json.data?.locations?.nodes).toHaveLength(2);

			const tooExpensive = await ask(60);
			expect(tooExpensive.status).toBe(200);
			expect(tooExpensive.json.data).toBeUndefined();
			expect(tooExpensive.json.errors).toEqual([
				{
					message: 'Throttled',
					extensions: {
						code: 'THROTTLED',
						documentation: 'https://shopify.dev/api/usage/rate-limits',
					},
				},
			]);
			expect(tooExpensive.json.extensions.cost.requestedQueryCost).toBe(62);
			expect(tooExpensive.json.extensions.cost.actualQueryCost).toBeNull();
		} finally {
			await small.close();
		}
	});

	it('refuses a single query over the maximum cost of 1,000', async () => {
		const { json } = await post({
			query:
				'{ locations(first: 250) { nodes { id } } a: locations(first: 250) { nodes { id } } b: locations(first: 250) { nodes { id } } c: locations(first: 250) { nodes { id } } }',
		});
		expect(graphqlErrors(json)[0].extensions).toEqual({
			code: 'MAX_COST_EXCEEDED',
			cost: 1008,
			maxCost: 1000,
		});
	});
});
