import { benchShop, runReaderProcesses } from '../../../bench/shared-bucket';
import type { CostRecord, ShopifyEmulator } from '../../../sandbox/shopify/server';

/**
 * Two real processes with four concurrent readers each, against one small bucket whose queries
 * hold their requested cost while they run: the readers collide (THROTTLED), and the client
 * waits every collision out, so no read fails.
 */
describe('Shopify client pacing across concurrent readers and processes sharing a bucket', () => {
	let emulator: ShopifyEmulator;
	const records: CostRecord[] = [];

	beforeAll(async () => {
		// One page of orders asks for ~950 points: the 1,000-point bucket runs one at a time.
		emulator = await benchShop(12, { maximumAvailable: 1000, restoreRate: 500 }, { fixedMs: 50 });
		emulator.onCost = (record) => records.push(record);
	});

	afterAll(async () => await emulator.close());

	it('lets no THROTTLED reach a caller with 2 processes × 4 readers', async () => {
		const reports = await runReaderProcesses(emulator.url, 2, 4, 10);

		for (const report of reports) {
			expect(report.failures).toEqual([]);
			expect(report.throttledReachingCaller).toBe(0);
			expect(report.ordersRead).toEqual([10, 10, 10, 10]);
			expect(report.throttledAbsorbed).toBe(report.throttledSeen);
		}
		// The readers did compete: Shopify refused some of their queries.
		const throttledAnswers = records.filter((record) => record.actual === undefined).length;
		expect(throttledAnswers).toBeGreaterThan(0);
		expect(reports.reduce((sum, report) => sum + report.throttledSeen, 0)).toBe(throttledAnswers);
		expect(emulator.bucket('shpat_bench').lowestAvailable).toBeGreaterThanOrEqual(0);
	});
});
