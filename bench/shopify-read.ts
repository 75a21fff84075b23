/**
 * `npm run bench:shopify-read`: long order reads from the Shopify emulator under the standard
 * plan (2,000-point bucket, 100 points/s), each query holding its requested cost while it runs
 * (service time), as at Shopify. Two cases in one run:
 * - single client: one reader of BENCH_ORDERS orders (default 150);
 * - shared bucket: 2 worker processes × 4 concurrent readers of BENCH_SHARED_ORDERS orders each
 *   (default 15), all on the same shop's bucket.
 * For each: the whole read's rate against the restore rate, measured by the emulator, and
 * THROTTLED answers the clients saw against those that reached the caller.
 *
 * The whole read's rate is the points charged beyond the bucket's first 2,000 (a burst any
 * client gets, so the full bucket at the start counts neither for nor against), per second from
 * the first request to the last answer. Since the bucket starts full, that is exactly the share
 * of the points restored during the read that the read spent; the rest is accounted for and
 * printed: what was still in the bucket at the end (the tail: the last query's requested cost
 * less its charge, plus what restored while it ran — a fixed loss, so a shorter read scores
 * lower) and what was lost while the bucket was full.
 */
import { ShopifyAdminClient } from '../core/shopify/client';
import { fetchOrders } from '../core/shopify/orders';
import { STANDARD_PLAN } from '../sandbox/shopify/cost';
import type { CostRecord, ShopifyEmulator } from '../sandbox/shopify/server';
import { BENCH_TOKEN, benchShop, runReaderProcesses, type WorkerReport } from './shared-bucket';

const SINGLE_ORDERS = Number(process.env.BENCH_ORDERS ?? 150);
const SHARED_ORDERS = Number(process.env.BENCH_SHARED_ORDERS ?? 15);
const PROCESSES = 2;
const READERS = 4;
/** About what Shopify takes for a page of orders: 0.1 s plus 1 ms per point actually resolved. */
const SERVICE_TIME = { fixedMs: 100, msPerPoint: 1 };
const PLAN = STANDARD_PLAN;

interface Rates {
	seconds: number;
	charged: number;
	wholeRead: number;
	/** Points restored while the read ran, spent or not. */
	restored: number;
	leftInBucket: number;
	queries: number;
	meanRequested: number;
	meanCharged: number;
	throttledAnswers: number;
}

/** The figures of one read, from what the emulator recorded about each query. */
function ratesOf(records: CostRecord[], startedAt: number): Rates {
	const answered = records.filter((record) => record.actual !== undefined);
	const endedAt = Math.max(...answered.map((record) => record.answeredAt));
	const seconds = (endedAt - startedAt) / 1000;
	const charged = answered.reduce((sum, record) => sum + (record.actual ?? 0), 0);
	const requested = answered.reduce((sum, record) => sum + record.requested, 0);
	const last = answered.find((record) => record.answeredAt === endedAt);
	return {
		seconds,
		charged,
		wholeRead: (charged - PLAN.maximumAvailable) / seconds,
		restored: Math.round(seconds * PLAN.restoreRate),
		leftInBucket: last?.status.currentlyAvailable ?? 0,
		queries: answered.length,
		meanRequested: requested / answered.length,
		meanCharged: charged / answered.length,
		throttledAnswers: records.length - answered.length,
	};
}

const percent = (rate: number) => `${((rate / PLAN.restoreRate) * 100).toFixed(1)} %`;

function printRates(label: string, rates: Rates, goal: string): void {
	const spent = rates.charged - PLAN.maximumAvailable;
	console.log(
		`${label}: whole read ${rates.wholeRead.toFixed(1)} points/s = ${percent(rates.wholeRead)} of the restore rate (goal ${goal}) over ${rates.seconds.toFixed(1)} s`,
	);
	console.log(
		`${label}: of ${rates.restored} points restored during the read, ${spent} spent (${rates.charged} charged less the bucket's first ${PLAN.maximumAvailable}), ${rates.leftInBucket} left in the bucket at the end, ${rates.restored - spent - rates.leftInBucket} lost while it was full`,
	);
	console.log(
		`${label}: ${rates.queries} queries answered, requesting ${rates.meanRequested.toFixed(0)} points on average and charged ${rates.meanCharged.toFixed(0)}`,
	);
}

/** Runs `read` against a fresh shop and records every query's cost. */
async function measure(
	orders: number,
	read: (emulator: ShopifyEmulator) => Promise<void>,
): Promise<Rates> {
	const emulator = await benchShop(orders, PLAN, SERVICE_TIME);
	const records: CostRecord[] = [];
	emulator.onCost = (record) => records.push(record);
	try {
		const startedAt = Date.now();
		await read(emulator);
		return ratesOf(records, startedAt);
	} finally {
		await emulator.close();
	}
}

async function singleClient(): Promise<Rates> {
	let absorbed = 0;
	let read = 0;
	const rates = await measure(SINGLE_ORDERS, async (emulator) => {
		const client = new ShopifyAdminClient({
			shopDomain: emulator.url,
			auth: { kind: 'accessToken', accessToken: BENCH_TOKEN },
		});
		read = (await fetchOrders(client, { query: 'tag:bench' })).length;
		absorbed = client.stats.throttledRetries;
	});
	console.log(`single client: ${read} orders read`);
	printRates('single client', rates, '≥ 95 %');
	console.log(
		`single client: THROTTLED answers ${rates.throttledAnswers}, absorbed by the client ${absorbed}, reaching the caller 0`,
	);
	return rates;
}

async function sharedBucket(): Promise<{ rates: Rates; reachingCaller: number }> {
	const reports: WorkerReport[] = [];
	const rates = await measure(SHARED_ORDERS * 2, async (emulator) => {
		reports.push(...(await runReaderProcesses(emulator.url, PROCESSES, READERS, SHARED_ORDERS)));
	});
	const label = `shared bucket (${PROCESSES} processes × ${READERS} readers)`;
	const sum = (pick: (report: WorkerReport) => number) =>
		reports.reduce((total, report) => total + pick(report), 0);
	console.log(
		`${label}: ${sum((report) => report.ordersRead.reduce((a, b) => a + b, 0))} orders read by ${PROCESSES * READERS} readers`,
	);
	printRates(label, rates, '≥ 90 %');
	console.log(
		`${label}: THROTTLED answers ${sum((report) => report.throttledSeen)}, absorbed by the clients ${sum((report) => report.throttledAbsorbed)}, reaching the caller ${sum((report) => report.throttledReachingCaller)}; other failures ${sum((report) => report.failures.length - report.throttledReachingCaller)}`,
	);
	for (const failure of reports.flatMap((report) => report.failures))
		console.log(`${label}: failed: ${failure}`);
	return { rates, reachingCaller: sum((report) => report.throttledReachingCaller) };
}

async function main(): Promise<void> {
	console.log(
		`standard plan: ${PLAN.maximumAvailable}-point bucket, ${PLAN.restoreRate} points/s; each query holds its requested cost for ${SERVICE_TIME.fixedMs} ms + ${SERVICE_TIME.msPerPoint} ms per point it costs`,
	);
	const single = await singleClient();
	const shared = await sharedBucket();
	console.log(
		`shopify read whole read of the restore rate: single ${percent(single.wholeRead)} (goal ≥ 95 %), shared ${percent(shared.rates.wholeRead)} (goal ≥ 90 %); THROTTLED reaching a caller: ${shared.reachingCaller}`,
	);
}

void main();
