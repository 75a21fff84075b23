import {
	ShopifyAdminClient,
	ShopifyRequestError,
	type FetchFn,
} from '../../../core/shopify/client';
import { CostPacer } from '../../../core/shopify/throttle';

const ok = (data: unknown, available = 1900) =>
	new Response(
		JSON.stringify({
			data,
			extensions: {
				cost: {
					requestedQueryCost: 50,
					actualQueryCost: 10,
					throttleStatus: {
						maximumAvailable: 2000,
						currentlyAvailable: available,
						restoreRate: 100,
					},
				},
			},
		}),
		{
			status: 200,
			headers: { 'content-type': 'application/json' },
		},
	);

const throttled = (requested: number, available: number) =>
	new Response(
		JSON.stringify({
			errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
			extensions: {
				cost: {
					requestedQueryCost: requested,
					actualQueryCost: null,
					throttleStatus: {
						maximumAvailable: 2000,
						currentlyAvailable: available,
						restoreRate: 100,
					},
				},
			},
		}),
		{ status: 200, headers: { 'content-type': 'application/json' } },
	);

function scripted(replies: Array<() => Response | Promise<Response>>): {
	fetchFn: FetchFn;
	calls: Array<{ url: string; headers: Headers }>;
} {
	const calls: Array<{ url: string; headers: Headers }> = [];
	return {
		calls,
		fetchFn: async (url, init) => {
			calls.push({ url, headers: new Headers(init?.headers) });
			const next = replies.shift();
			if (!next) throw new Error('no more scripted replies');
			return await next();
		},
	};
}

const connection = (shopDomain: string) => ({
	shopDomain,
	auth: { kind: 'accessToken' as const, accessToken: 'shpat_x' },
});

describe('ShopifyAdminClient retries and pacing (scripted Shopify answers)', () => {
	it('waits out THROTTLED for (requested − available) / restoreRate and succeeds, never surfacing it', async () => {
		const waits: number[] = [];
		const { fetchFn, calls } = scripted([
			() => throttled(752, 666),
			() => ok({ shop: { name: 'S' } }),
		]);
		const client = new ShopifyAdminClient(connection('throttle-1.myshopify.com'), {
			fetchFn,
			sleep: async (ms) => void waits.push(ms),
		});
		await expect(client.request('query A { shop { name } }')).resolves.toEqual({
			shop: { name: 'S' },
		});
		// (752 + 10 − 666) / 100 points/s, less what a millisecond or two of the test restored.
		expect(waits).toHaveLength(1);
		expect(waits[0]).toBeGreaterThan(940);
		expect(waits[0]).toBeLessThanOrEqual(960);
		expect(calls).toHaveLength(2);
		expect(calls[0].url).toBe('https://throttle-1.myshopify.com/admin/api/2026-10/graphql.json');
		expect(calls[0].headers.get('x-shopify-access-token')).toBe('shpat_x');
		expect(calls[0].headers.get('x-orderflow-attempt')).toBeNull();
	});

	it('reads Retry-After as seconds on 429 (the library would read milliseconds)', async () => {
		const waits: number[] = [];
		const { fetchFn } = scripted([
			() =>
				new Response('{"errors":"Too many"}', { status: 429, headers: { 'retry-after': '2.0' } }),
			() => ok({ shop: { name: 'S' } }),
		]);
		const client = new ShopifyAdminClient(connection('throttle-2.myshopify.com'), {
			fetchFn,
			sleep: async (ms) => void waits.push(ms),
		});
		await client.request('query A { shop { name } }');
		expect(waits[0]).toBeGreaterThanOrEqual(2000);
	});

	it('does not resend a plain mutation after a 502 (it may have been applied) but resends one under @idempotent', async () => {
		const bad = () => new Response('bad gateway', { status: 502 });
		const plain = scripted([bad, () => ok({})]);
		const client = new ShopifyAdminClient(connection('throttle-3.myshopify.com'), {
			fetchFn: plain.fetchFn,
			sleep: async () => undefined,
		});
		const error = await client
			.request(
				'mutation T($id: ID!) { tagsAdd(id: $id, tags: ["a"]) { userErrors { message } } }',
				{ id: 'x' },
			)
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ShopifyRequestError);
		expect((error as Error).message).toMatch(/may have been applied/);
		expect(plain.calls).toHaveLength(1);

		const keyed = scripted([bad, () => ok({ refundCreate: { userErrors: [] } })]);
		const idempotent = new ShopifyAdminClient(connection('throttle-4.myshopify.com'), {
			fetchFn: keyed.fetchFn,
			sleep: async () => undefined,
		});
		await idempotent.request(
			'mutation R($input: RefundInput!, $key: String!) { refundCreate(input: $input) @idempotent(key: $key) { userErrors { message } } }',
			{ input: {}, key: 'k' },
		);
		expect(keyed.calls).toHaveLength(2);
	});

	it('paces the next request of an operation when the bucket cannot hold its last cost', async () => {
		const waits: number[] = [];
		const { fetchFn } = scripted([() => ok({ a: 1 }, 20), () => ok({ a: 2 }, 1000)]);
		const client = new ShopifyAdminClient(connection('throttle-5.myshopify.com'), {
			fetchFn,
			sleep: async (ms) => void waits.push(ms),
		});
		await client.request('query Heavy { shop { name } }');
		await client.request('query Heavy { shop { name } }');
		// Last cost 50 (+10 headroom) against ~20 available at 100/s: about 0.4 s.
		expect(waits).toHaveLength(1);
		expect(waits[0]).toBeGreaterThan(300);
		expect(waits[0]).toBeLessThanOrEqual(400);
	});

	it('reserves what an admitted request will cost, so a concurrent one waits for the rest', async () => {
		const waits: number[] = [];
		const { fetchFn } = scripted([
			() => ok({ a: 1 }, 100),
			() => ok({ a: 2 }, 50),
			() => ok({ a: 3 }, 50),
		]);
		const client = new ShopifyAdminClient(connection('throttle-7.myshopify.com'), {
			fetchFn,
			sleep: async (ms) => void waits.push(ms),
		});
		await client.request('query Heavy { shop { name } }');
		// 100 points left; each Heavy costs 50 (+10 headroom): the first fits, the second waits.
		await Promise.all([
			client.request('query Heavy { shop { name } }'),
			client.request('query Heavy { shop { name } }'),
		]);
		expect(waits).toHaveLength(1);
		expect(waits[0]).toBeGreaterThan(90);
		expect(waits[0]).toBeLessThanOrEqual(100);
	});

	it('sends one request of an operation whose cost it does not know yet, and the others after its answer', async () => {
		let answerFirst!: () => void;
		const firstAnswered = new Promise<void>((resolve) => (answerFirst = resolve));
		const { fetchFn, calls } = scripted([
			async () => {
				await firstAnswered;
				return ok({ a: 1 }, 1900);
			},
			() => ok({ a: 2 }, 1900),
		]);
		const client = new ShopifyAdminClient(connection('throttle-8.myshopify.com'), {
			fetchFn,
			// Waits end only when the pacer cuts them short.
			sleep: async (_ms, signal) =>
				await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve())),
		});
		const both = Promise.all([
			client.request('query New { shop { name } }'),
			client.request('query New { shop { name } }'),
		]);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(calls).toHaveLength(1);
		answerFirst();
		await expect(both).resolves.toEqual([{ a: 1 }, { a: 2 }]);
		expect(calls).toHaveLength(2);
	});

	it('cuts a pacing wait short when a concurrent answer shows the bucket refilled', async () => {
		let answerOther!: () => void;
		const otherAnswered = new Promise<void>((resolve) => (answerOther = resolve));
		const { fetchFn } = scripted([
			() => ok({ a: 1 }, 0),
			async () => {
				await otherAnswered;
				return ok({ b: 1 }, 2000);
			},
			() => ok({ a: 2 }, 1950),
		]);
		const client = new ShopifyAdminClient(connection('throttle-9.myshopify.com'), {
			fetchFn,
			sleep: async (_ms, signal) =>
				await new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve())),
		});
		await client.request('query Heavy { shop { name } }');
		const other = client.request('query Other { shop { name } }');
		// The bucket was empty at the last answer: Heavy has to wait for about 0.6 s of restore...
		const heavy = client.request('query Heavy { shop { name } }');
		await new Promise((resolve) => setTimeout(resolve, 20));
		// ...until Other's answer says the bucket is full again.
		answerOther();
		await expect(Promise.all([other, heavy])).resolves.toEqual([{ b: 1 }, { a: 2 }]);
	});

	it('gives up on THROTTLED after the configured total wait, with a message that says why', async () => {
		const { fetchFn } = scripted(Array.from({ length: 10 }, () => () => throttled(900, 0)));
		const client = new ShopifyAdminClient(connection('throttle-6.myshopify.com'), {
			fetchFn,
			sleep: async () => undefined,
			maxThrottledWaitMs: 20_000,
		});
		await expect(client.request('query A { shop { name } }')).rejects.toThrow(/kept throttling A/);
	});

	it('CostPacer: no wait without history, the THROTTLED wait never below 100 ms', () => {
		expect(new CostPacer().delayBefore('Unknown')).toBe(0);
		expect(
			CostPacer.delayAfterThrottled({
				requestedQueryCost: 10,
				actualQueryCost: null,
				throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1999, restoreRate: 100 },
			}),
		).toBe(100);
	});
});
