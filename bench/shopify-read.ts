/**
 * `npm run bench:shopify-read`: reads N orders (default 150, two lines each) from the Shopify
 * emulator under the standard plan (2,000-point bucket, 100 points/s) with the pack's client, and
 * prints how close the read ran to the restore rate and how many THROTTLED answers it drew (and
 * absorbed). The last line is `shopify read points/s: <N>`.
 */
import { ShopifyAdminClient } from '../core/shopify/client';
import { fetchOrders } from '../core/shopify/orders';
import { STANDARD_PLAN } from '../sandbox/shopify/cost';
import { seededStore } from '../sandbox/shopify/seed';
import { ShopifyEmulator } from '../sandbox/shopify/server';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 150);

async function main(): Promise<void> {
	const emulator = await ShopifyEmulator.start({
		store: seededStore(),
		accessTokens: ['shpat_bench'],
		plan: STANDARD_PLAN,
	});
	for (let index = 0; index < ORDERS; index++) {
		emulator.store.createOrder({
			lines: [
				{ sku: 'SOCKS-TRAIL-42', quantity: 1 },
				{ sku: 'TSHIRT-RED-M', quantity: 2 },
			],
			tags: ['bench'],
		});
	}
	let charged = 0;
	let throttledAnswers = 0;
	const fetchFn = async (url: string, init?: RequestInit) => {
		const response = await fetch(url, init);
		const body = (await response.clone().json()) as {
			errors?: Array<{ extensions?: { code?: string } }>;
			extensions?: { cost?: { actualQueryCost: number | null } };
		};
		if (body.errors?.some((error) => error.extensions?.code === 'THROTTLED')) throttledAnswers++;
		charged += body.extensions?.cost?.actualQueryCost ?? 0;
		return response;
	};
	const client = new ShopifyAdminClient(
		{ shopDomain: emulator.url, auth: { kind: 'accessToken', accessToken: 'shpat_bench' } },
		{ fetchFn },
	);
	const startedAt = performance.now();
	const orders = await fetchOrders(client, { query: 'tag:bench' });
	const seconds = (performance.now() - startedAt) / 1000;
	await emulator.close();

	// What the bucket let through: its initial 2,000 points plus the restore over the run.
	const sustainable = STANDARD_PLAN.maximumAvailable + STANDARD_PLAN.restoreRate * seconds;
	const rate = (charged - STANDARD_PLAN.maximumAvailable) / seconds;
	console.log(
		`orders read: ${orders.length} in ${seconds.toFixed(1)} s (${client.stats.requests} requests)`,
	);
	console.log(
		`points charged: ${charged} (bucket allowed ${Math.round(sustainable)} in that time)`,
	);
	console.log(
		`THROTTLED answers from Shopify: ${throttledAnswers}, absorbed: ${client.stats.throttledRetries}; paced ${(client.stats.pacedMs / 1000).toFixed(1)} s`,
	);
	console.log(
		`after the first 2,000 points: ${rate.toFixed(1)} points/s against a restore rate of ${STANDARD_PLAN.restoreRate}/s`,
	);
	console.log(`shopify read points/s: ${rate.toFixed(1)}`);
}

void main();
