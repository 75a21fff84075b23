/**
 * One worker process sharing a shop's API bucket, as a queue-mode worker running several
 * executions at once would: `readers` concurrent reads of the orders tagged `bench`, each through
 * its own client of the pack (executions build their own). Used by `bench:shopify-read`'s
 * shared-bucket case and by the test that THROTTLED never reaches a caller.
 *
 * argv: <shop url> <access token> <readers> <orders per reader>
 * Prints one JSON line (WorkerReport) and exits.
 */
import { ShopifyAdminClient, ShopifyRequestError } from '../core/shopify/client';
import { fetchOrders } from '../core/shopify/orders';

export interface WorkerReport {
	/** Orders each reader got back. */
	ordersRead: number[];
	/** THROTTLED answers the clients received from the shop. */
	throttledSeen: number;
	/** THROTTLED answers the clients waited out and retried. */
	throttledAbsorbed: number;
	/** Reads that failed because of THROTTLED (what a workflow would have seen). */
	throttledReachingCaller: number;
	/** Every failure's message. */
	failures: string[];
}

interface CostReply {
	errors?: Array<{ extensions?: { code?: string } }>;
}

async function main(): Promise<void> {
	const [shopUrl, accessToken, readers, ordersPerReader] = process.argv.slice(2);
	let throttledSeen = 0;
	const fetchFn = async (url: string, init?: RequestInit) => {
		const response = await fetch(url, init);
		const body = (await response.clone().json()) as CostReply;
		if (body.errors?.some((error) => error.extensions?.code === 'THROTTLED')) throttledSeen++;
		return response;
	};
	const clients = Array.from(
		{ length: Number(readers) },
		() =>
			new ShopifyAdminClient(
				{ shopDomain: shopUrl, auth: { kind: 'accessToken', accessToken } },
				{ fetchFn },
			),
	);
	const failures: string[] = [];
	let throttledReachingCaller = 0;
	const ordersRead = await Promise.all(
		clients.map(async (client) => {
			try {
				const orders = await fetchOrders(client, {
					query: 'tag:bench',
					limit: Number(ordersPerReader),
				});
				return orders.length;
			} catch (error) {
				failures.push((error as Error).message);
				const codes =
					error instanceof ShopifyRequestError
						? error.graphqlErrors.map((detail) => detail.extensions?.code)
						: [];
				if (codes.includes('THROTTLED')) throttledReachingCaller++;
				return 0;
			}
		}),
	);
	const report: WorkerReport = {
		ordersRead,
		throttledSeen,
		throttledAbsorbed: clients.reduce((sum, client) => sum + client.stats.throttledRetries, 0),
		throttledReachingCaller,
		failures,
	};
	process.stdout.write(`${JSON.stringify(report)}\n`);
}

void main();
