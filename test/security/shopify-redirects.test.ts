/**
 * Attack: the shop's address answers with a redirect to another origin. fetch follows redirects
 * by default and drops only `Authorization` on the way — not `X-Shopify-Access-Token`, and a 307
 * re-posts the mutation or the client-secret grant. The Shopify client follows none: the request
 * fails naming the Location, and nothing reaches the other origin. Two loopback servers on two
 * ports are the two origins; the client uses the real fetch.
 */
import { forgetAccessTokens } from '../../core/shopify/access-token';
import {
	ShopifyAdminClient,
	ShopifyRequestError,
	type ShopifyConnection,
} from '../../core/shopify/client';
import { redirect, startLocalServer, type LocalServer } from '../support/http-server';

describe('the Shopify client and redirects to another origin', () => {
	let shop: LocalServer;
	let elsewhere: LocalServer;
	let status: number;

	beforeEach(async () => {
		forgetAccessTokens();
		shop = await startLocalServer((request, res) =>
			redirect(res, status, `${elsewhere.url}${request.url}`),
		);
		elsewhere = await startLocalServer((_request, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					access_token: 'shpat_elsewhere',
					expires_in: 86_400,
					data: { shop: { name: 'Elsewhere' } },
				}),
			);
		});
	});

	afterEach(async () => {
		await shop.close();
		await elsewhere.close();
	});

	/** Every request the other origin received, with the secrets it carried. */
	const arrivals = () =>
		elsewhere.requests.map((request) => ({
			method: request.method,
			url: request.url,
			token: request.headers['x-shopify-access-token'],
			body: request.body,
		}));

	const client = (auth: ShopifyConnection['auth']) =>
		new ShopifyAdminClient({ shopDomain: shop.url, auth }, { sleep: async () => undefined });

	it.each([301, 302, 303, 307, 308])(
		'a query or mutation answered %i is not followed: the error names the Location, the access token stays home',
		async (answered) => {
			status = answered;
			const shopify = client({ kind: 'accessToken', accessToken: `shpat_secret_${answered}` });
			const documents = [
				'query Shop { shop { name } }',
				'mutation Tag($id: ID!) { tagsAdd(id: $id, tags: ["x"]) { userErrors { message } } }',
			];
			const errors = [];
			for (const document of documents)
				errors.push(
					await shopify
						.request(document, { id: 'gid://shopify/Order/1' })
						.catch((caught: unknown) => caught),
				);

			expect(arrivals()).toEqual([]);
			expect(shop.requests.map((request) => request.headers['x-shopify-access-token'])).toEqual([
				`shpat_secret_${answered}`,
				`shpat_secret_${answered}`,
			]);
			for (const error of errors) {
				expect(error).toBeInstanceOf(ShopifyRequestError);
				expect((error as ShopifyRequestError).message).toContain(`${elsewhere.url}/admin/api/`);
				expect((error as ShopifyRequestError).httpStatus).toBe(answered);
			}
		},
	);

	it('the client-credentials grant answered 307 does not re-post the client secret elsewhere', async () => {
		status = 307;
		const error = await client({
			kind: 'clientCredentials',
			clientId: 'app',
			clientSecret: 'secret-client-secret',
		})
			.request('query Shop { shop { name } }')
			.catch((caught: unknown) => caught);
		expect(arrivals()).toEqual([]);
		expect(shop.requests.map((request) => request.url)).toEqual(['/admin/oauth/access_token']);
		expect(error).toBeInstanceOf(ShopifyRequestError);
		expect((error as Error).message).toContain(`${elsewhere.url}/admin/oauth/access_token`);
	});
});
