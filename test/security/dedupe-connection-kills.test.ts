/**
 * Attack: PostgreSQL connections cut at random while batches are claimed. A batch whose ledger
 * call failed must leave its keys claimable, so the retry passes them: every key passes exactly
 * once, none is stuck as a duplicate of a run that failed.
 */
import { checkAndClaim, type DedupeItem } from '../../core/dedupe/gate';
import { closeAllLedgers, getLedger, type Ledger } from '../../core/ledger';
import { dropSchema, freshSchema, TEST_POSTGRES, testPgClient } from '../support/ledgers';

const BATCHES = 240;
const KEYS = 400;
const LANES = 4;

/** Batch i: 10 distinct keys, overlapping with its neighbours so duplicates happen too. */
function batch(i: number): DedupeItem[] {
	return Array.from({ length: 10 }, (_, j) => `order-${(i * 7 + j * 13) % KEYS}`).map((key) => ({
		key,
		entity: `shopify:order:${key}`,
	}));
}

/** Ends every connection of the ledger's pool, again and again, until stopped. */
function startKiller(applicationName: string): { stop: () => Promise<number> } {
	const client = testPgClient();
	let running = true;
	let kills = 0;
	const loop = (async () => {
		await client.connect();
		while (running) {
			const { rows } = await client.query(
				'SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = $1',
				[applicationName],
			);
			kills += rows.filter((row: { killed: boolean }) => row.killed).length;
			await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 12));
		}
		await client.end();
	})();
	return { stop: async () => ((running = false), await loop, kills) };
}

describe('Dedupe claims while PostgreSQL connections are killed', () => {
	const schema = freshSchema('kills');
	const applicationName = `orderflow-kills-${process.pid}`;
	let ledger: Ledger;

	beforeAll(async () => {
		ledger = await getLedger({
			backend: 'postgres',
			connection: { ...TEST_POSTGRES, schema, applicationName, maxConnections: LANES },
		});
	});
	afterAll(async () => {
		await closeAllLedgers();
		await dropSchema(schema);
	});

	it(`${BATCHES} batches on ${LANES} connections: every key passes exactly once, failed batches are retried`, async () => {
		const passes = new Map<string, number>();
		let failures = 0;
		const claimUntilRecorded = async (i: number) => {
			for (let attempt = 1; attempt <= 200; attempt++) {
				try {
					const options = {
						namespace: 'shared:kills',
						mode: 'firstSeenWins' as const,
						hold: false,
						leaseMs: 0,
						retentionMs: 86_400_000,
						workflowId: 'wf',
						executionId: `run-${i}-${attempt}`,
						node: 'Dedupe Gate',
					};
					for (const decision of await checkAndClaim(ledger, batch(i), options)) {
						if (decision.outcome === 'new')
							passes.set(decision.key, (passes.get(decision.key) ?? 0) + 1);
					}
					return;
				} catch {
					failures++;
				}
			}
			throw new Error(`batch ${i} never got through`);
		};
		const killer = startKiller(applicationName);
		try {
			const lanes = Array.from({ length: LANES }, async (_, lane) => {
				for (let i = lane; i < BATCHES; i += LANES) await claimUntilRecorded(i);
			});
			await Promise.all(lanes);
		} finally {
			const kills = await killer.stop();
			expect(kills).toBeGreaterThan(0);
		}
		expect(failures).toBeGreaterThan(0);
		const offered = new Set(
			Array.from({ length: BATCHES }, (_, i) => batch(i).map((item) => item.key)).flat(),
		);
		const wrong = [...offered]
			.filter((key) => passes.get(key) !== 1)
			.map((key) => `${key}: passed ${passes.get(key) ?? 0}×`);
		expect(wrong).toEqual([]);
		// The trail agrees: one "new" per key, written with its claim.
		for (const key of [...offered].slice(0, 60)) {
			const trail = await ledger.trail(`shopify:order:${key}`);
			expect(trail.filter((event) => event.event === 'dedupe.new')).toHaveLength(1);
		}
	}, 240_000);
});
