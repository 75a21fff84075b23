import { ShopifyEmulator } from '../../sandbox/shopify/server';
import { graphqlErrors, type GraphqlReply } from '../support/graphql-reply';

/** 2 + 200 orders × (the order, its customer and two addresses): 802 points requested. */
const EXPENSIVE_QUERY =
	'{ orders(first: 200) { nodes { id customer { id } shippingAddress { city } billingAddress { city } } } }';

describe('Shopify emulator: concurrent queries compete for the bucket while they run', () => {
	let emulator: ShopifyEmulator;

	beforeEach(async () => {
		emulator = await ShopifyEmulator.start({ accessTokens: ['shpat_many'] });
	});

	afterEach(async () => await emulator.close());

	const ask = async (query: string) => {
		const response = await fetch(`${emulator.url}/admin/api/2026-10/graphql.json`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_many' },
			body: JSON.stringify({ query }),
		});
		return (await response.json()) as GraphqlReply;
	};
	const codeOf = (reply: GraphqlReply) =>
		reply.errors ? String(graphqlErrors(reply)[0].extensions.code) : 'OK';
	const setServiceTime = async (body: unknown) =>
		await fetch(`${emulator.url}/_control/throttle/service-time`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});

	it('answers 16 concurrent 802-point queries without THROTTLED when queries take no time', async () => {
		const replies = await Promise.all(Array.from({ length: 16 }, () => ask(EXPENSIVE_QUERY)));
		expect(replies[0].extensions.cost.requestedQueryCost).toBe(802);
		expect(replies.map(codeOf)).toEqual(Array(16).fill('OK'));
	});

	it('throttles concurrent queries while admitted ones hold their requested cost, never going below zero', async () => {
		const set = await setServiceTime({ fixedMs: 300 });
		expect(set.status).toBe(200);
		expect(await set.json()).toEqual({ fixedMs: 300 });

		const replies = await Promise.all(Array.from({ length: 16 }, () => ask(EXPENSIVE_QUERY)));
		const codes = replies.map(codeOf);
		// The 2,000-point bucket holds two 802-point queries at a time; the third cannot pay.
		expect(codes.filter((code) => code === 'OK').length).toBeGreaterThanOrEqual(2);
		expect(codes.filter((code) => code === 'THROTTLED').length).toBeGreaterThanOrEqual(10);
		expect(codes.every((code) => code === 'OK' || code === 'THROTTLED')).toBe(true);
		for (const reply of replies) {
			expect(reply.extensions.cost.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(0);
			if (codeOf(reply) === 'THROTTLED') {
				expect(reply.data).toBeUndefined();
				expect(reply.extensions.cost.actualQueryCost).toBeNull();
				expect(reply.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(802);
			}
		}
		expect(emulator.bucket('shpat_many').lowestAvailable).toBeGreaterThanOrEqual(0);
		// Once the admitted queries ended, the unused part of their requested cost was refunded.
		const after = await ask('{ shop { name } }');
		expect(after.extensions.cost.throttleStatus.currentlyAvailable).toBeGreaterThan(1000);
	});

	it('refuses a service time that is not a number of milliseconds', async () => {
		const refused = await setServiceTime({ msPerPoint: -1 });
		expect(refused.status).toBe(400);
		expect(await refused.json()).toEqual({
			error: 'msPerPoint must be a number of milliseconds, 0 or more',
		});
		expect(emulator.serviceTime).toEqual({});
	});
});
