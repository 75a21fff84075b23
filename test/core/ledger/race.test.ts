import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { checkAndClaim } from '../../../core/dedupe/gate';
import { closeAllLedgers, getLedger, type LedgerConfig } from '../../../core/ledger';
import { openPostgresLedger } from '../../../core/ledger/postgres';
import { dropSchema, freshSchema, sqliteFile, TEST_POSTGRES } from '../../support/ledgers';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '..', '..', '..');
const KEYS = 1000;
const ROUNDS = 3;

function expectOneWinnerPerKey(results: Array<Record<string, string[]>>): void {
	for (let round = 0; round < ROUNDS; round++) {
		const winners = results.flatMap((result) => result[round]);
		expect(winners).toHaveLength(KEYS);
		expect(new Set(winners).size).toBe(KEYS);
		// Every process had a share: the race was real.
		expect(results.filter((result) => result[round].length > 0).length).toBeGreaterThan(1);
	}
}

describe('claims under real concurrency: exactly one winner per key', () => {
	afterAll(async () => await closeAllLedgers());

	it(`SQLite: 8 processes on one file claim the same ${KEYS} keys, ${ROUNDS} rounds (commit and hold)`, async () => {
		const config: LedgerConfig = { backend: 'sqlite', file: sqliteFile('race') };
		const barrier = mkdtempSync(path.join(tmpdir(), 'orderflow-race-start-'));
		const results = await Promise.all(
			Array.from({ length: 8 }, async (_, worker) => {
				const { stdout } = await run(
					path.join(REPO, 'node_modules', '.bin', 'tsx'),
					[
						path.join(__dirname, 'race-worker.ts'),
						JSON.stringify(config),
						String(worker),
						String(KEYS),
						barrier,
						'8',
						String(ROUNDS),
					],
					{ cwd: REPO, maxBuffer: 64 * 1024 * 1024 },
				);
				return JSON.parse(stdout) as Record<string, string[]>;
			}),
		);
		expectOneWinnerPerKey(results);
		const ledger = await getLedger(config);
		for (let round = 0; round < ROUNDS; round++)
			expect(await ledger.countKeys(`race-${round}`)).toBe(KEYS);
	}, 120_000);

	it(`PostgreSQL: 8 connections claim the same ${KEYS} keys, ${ROUNDS} rounds (commit and hold)`, async () => {
		const schema = freshSchema('race');
		try {
			const ledgers = await Promise.all(
				Array.from(
					{ length: 8 },
					async () => await openPostgresLedger({ ...TEST_POSTGRES, schema, maxConnections: 1 }),
				),
			);
			const results: Array<Record<string, string[]>> = ledgers.map(() => ({}));
			for (let round = 0; round < ROUNDS; round++) {
				await Promise.all(
					ledgers.map(async (ledger, worker) => {
						const keys = Array.from({ length: KEYS }, (_, i) => `order-${i}`).sort(
							() => Math.random() - 0.5,
						);
						results[worker][round] = [];
						for (let i = 0; i < keys.length; i += 100) {
							const decisions = await checkAndClaim(
								ledger,
								keys.slice(i, i + 100).map((key) => ({ key, entity: key })),
								{
									namespace: `race-${round}`,
									mode: 'firstSeenWins',
									hold: round % 2 === 1,
									leaseMs: 60_000,
									retentionMs: 86_400_000,
									workflowId: 'race',
									executionId: `connection-${worker}`,
									node: 'race',
								},
							);
							results[worker][round].push(
								...decisions.filter((d) => d.outcome === 'new').map((d) => d.key),
							);
						}
					}),
				);
			}
			expectOneWinnerPerKey(results);
			for (let round = 0; round < ROUNDS; round++)
				expect(await ledgers[0].countKeys(`race-${round}`)).toBe(KEYS);
			await Promise.all(ledgers.map(async (ledger) => await ledger.close()));
		} finally {
			await dropSchema(schema);
		}
	}, 120_000);

	it('PostgreSQL: 8 processes open a fresh schema at once and the migrations apply once', async () => {
		const schema = freshSchema('migrate');
		try {
			const ledgers = await Promise.all(
				Array.from(
					{ length: 8 },
					async () => await openPostgresLedger({ ...TEST_POSTGRES, schema, maxConnections: 1 }),
				),
			);
			expect(await ledgers[0].countKeys()).toBe(0);
			await Promise.all(ledgers.map(async (ledger) => await ledger.close()));
		} finally {
			await dropSchema(schema);
		}
	});
});
