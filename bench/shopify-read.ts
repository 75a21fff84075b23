/**
 * `npm run bench:shopify-read`: long order reads from the Shopify emulator under the standard
 * plan (2,000-point bucket, 100 points/s), each query holding its requested cost while it runs
 * (service time), as at Shopify. Two cases in one run:
 * - single client: one reader of BENCH_ORDERS orders (default 150);
 * - shared bucket: 2 worker processes × 4 concurrent readers of BENCH_SHARED_ORDERS orders each
 *   (default 15), all on the same shop's bucket.
 * For each: points/s against the restore rate, measured by the emulator, and THROTTLED answers
 * the clients saw against those that reached the caller.
 *
 * Two rates are printed. The whole read's leaves out the bucket's first 2,000 points (a burst
 * any client gets) but counts the points left in the bucket at the end, which no client can
 * spend (a query is only admitted when the bucket holds its whole requested cost, here ~950
 * points for ~220 charged): a read of a minute scores ~85 % however it is paced. The
 * bucket-bound rate is measured from the first query admitted with the bucket below half full
 * to the last query admitted: the pace a long read keeps. It is the restore rate plus the
 * bucket's level at the start of that window less its level at the end, per second, so a client
 * that leaves restored points unspent (paces too long, backs off too far, lets the bucket fill)
 * scores below 100 %, and both levels are printed.
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
	leftInBucket: number;
	bucketBound?: { rate: number; seconds: number; levelAtStart: number; levelAtEnd: number };
	throttledAnswers: number;
}

/**
 * Points the bucket lost in [from, to): requested costs taken by queries admitted then, less
 * the refunds (requested − actual) paid back then, whenever those queries were admitted.
 */
function chargedBetween(answered: CostRecord[], from: number, to: number): number {
	const within = (at: number) => at >= from && at < to;
	return answered.reduce(
		(sum, record) =>
			sum +
			(within(record.admittedAt) ? record.requested : 0) -
			(within(record.answeredAt) ? record.requested - (record.actual ?? 0) : 0),
		0,
	);
}

/** The figures of one read, from what the emulator recorded about each query. */
function ratesOf(records: CostRecord[], startedAt: number): Rates {
	const answered = records.filter((record) => record.actual !== undefined);
	const endedAt = Math.max(...answered.map((record) => record.answeredAt));
	const seconds = (endedAt - startedAt) / 1000;
	const charged = answered.reduce((sum, record) => sum + (record.actual ?? 0), 0);
	const last = answered.find((record) => record.answeredAt === endedAt);
	const admitted = [...answered].sort((a, b) => a.admittedAt - b.admittedAt);
	const first = admitted.find((record) => record.availableBefore < PLAN.maximumAvailable / 2);
	const final = admitted[admitted.length - 1];
	let bucketBound: Rates['bucketBound'];
	if (first && final && final.admittedAt > first.admittedAt) {
		const windowSeconds = (final.admittedAt - first.admittedAt) / 1000;
		bucketBound = {
			rate: chargedBetween(answered, first.admittedAt, final.admittedAt) / windowSeconds,
			seconds: windowSeconds,
			levelAtStart: first.availableBefore,
			levelAtEnd: final.availableBefore,
		};
	}
	return {
		seconds,
		charged,
		wholeRead: (charged - PLAN.maximumAvailable) / seconds,
		leftInBucket: last?.status.currentlyAvailable ?? 0,
		bucketBound,
		throttledAnswers: records.length - answered.length,
	};
}

const percent = (rate: number) => `${((rate / PLAN.restoreRate) * 100).toFixed(1)} %`;

function printRates(label: string, rates: Rates): void {
	console.log(
		`${label}: whole read ${rates.wholeRead.toFixed(1)} points/s (${percent(rates.wholeRead)} of ${PLAN.restoreRate}/s) over ${rates.seconds.toFixed(1)} s; ${rates.charged} points charged, the bucket's first ${PLAN.maximumAvailable} excluded, ${rates.leftInBucket} left in it at the end`,
	);
	const bound = rates.bucketBound;
	if (!bound) return console.log(`${label}: the read never made the bucket the limit`);
	console.log(
		`${label}: bucket-bound ${bound.rate.toFixed(1)} points/s = ${percent(bound.rate)} of the restore rate, over ${bound.seconds.toFixed(1)} s (bucket at ${bound.levelAtStart} points when it began, ${bound.levelAtEnd} when it ended)`,
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
	printRates('single client', rates);
	console.log(
		`single client: THROTTLED answers ${rates.throttledAnswers}, absorbed by the client ${absorbed}, reaching the caller 0`,
	);
	return rates;
}

async function sharedBucket(): Promise<Rates> {
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
	printRates(label, rates);
	console.log(
		`${label}: THROTTLED answers ${sum((report) => report.throttledSeen)}, absorbed by the clients ${sum((report) => report.throttledAbsorbed)}, reaching the caller ${sum((report) => report.throttledReachingCaller)}; other failures ${sum((report) => report.failures.length - report.throttledReachingCaller)}`,
	);
	for (const failure of reports.flatMap((report) => report.failures))
		console.log(`${label}: failed: ${failure}`);
	return rates;
}

async function main(): Promise<void> {
	console.log(
		`standard plan: ${PLAN.maximumAvailable}-point bucket, ${PLAN.restoreRate} points/s; each query holds its requested cost for ${SERVICE_TIME.fixedMs} ms + ${SERVICE_TIME.msPerPoint} ms per point it costs`,
	);
	const single = await singleClient();
	const shared = await sharedBucket();
	const figure = (rates: Rates) => rates.bucketBound?.rate.toFixed(1) ?? 'n/a';
	console.log(
		`shopify read bucket-bound points/s: single ${figure(single)}, shared ${figure(shared)}`,
	);
}

void main();
