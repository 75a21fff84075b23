/**
 * `npm run bench:dedupe`: Check & Claim throughput (batches of 100 keys, audit trail included)
 * with 0, 100k and 1M keys already stored, on SQLite and PostgreSQL, and peak memory.
 * The last line is `dedupe sqlite keys/s: <N>` for the 1M-stored-keys case.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { checkAndClaim } from '../core/dedupe/gate';
import { closeAllLedgers, getLedger, type Ledger, type LedgerConfig } from '../core/ledger';

const BATCH = 100;
const MEASURED_KEYS = Number(process.env.BENCH_KEYS ?? 50_000);
const FILLS = [0, 100_000, 1_000_000];
const PG = { host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', password: '' };

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

const options = (namespace: string, executionId: string) => ({
	namespace,
	mode: 'firstSeenWins' as const,
	hold: false,
	leaseMs: 0,
	retentionMs: 30 * 86_400_000,
	workflowId: 'bench',
	executionId,
	node: 'bench',
});

/** Fills a namespace with keys through the ledger's own claim statement, in large batches, without audit rows. */
async function fill(ledger: Ledger, namespace: string, from: number, to: number): Promise<void> {
	for (let start = from; start < to; start += 500) {
		const requests = Array.from({ length: Math.min(500, to - start) }, (_, i) => ({
			key: `filled-${start + i}`,
			version: null,
			versionRank: null,
		}));
		await ledger.claim(requests, { ...options(namespace, 'fill'), token: 'fill', now: Date.now() });
	}
}

async function measure(ledger: Ledger, namespace: string, fillLevel: number): Promise<number> {
	const started = process.hrtime.bigint();
	for (let start = 0; start < MEASURED_KEYS; start += BATCH) {
		const items = Array.from({ length: BATCH }, (_, i) => ({
			key: `new-${fillLevel}-${start + i}`,
			entity: `bench:${start + i}`,
		}));
		const decisions = await checkAndClaim(ledger, items, options(namespace, `run-${start}`));
		if (decisions.some((decision) => decision.outcome !== 'new'))
			throw new Error('a fresh key did not pass');
	}
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	return MEASURED_KEYS / seconds;
}

async function run(
	backend: 'sqlite' | 'postgres',
	config: LedgerConfig,
): Promise<Record<number, number>> {
	const ledger = await getLedger(config);
	const namespace = 'bench';
	const results: Record<number, number> = {};
	let filled = 0;
	for (const level of FILLS) {
		await fill(ledger, namespace, filled, level);
		filled = level;
		const stored = await ledger.countKeys(namespace);
		const rate = await measure(ledger, namespace, level);
		results[level] = rate;
		console.log(
			`${backend.padEnd(8)} stored ${String(stored).padStart(9)} keys: ${Math.round(rate).toLocaleString('en')} keys/s (batches of ${BATCH}, ${MEASURED_KEYS.toLocaleString('en')} keys)`,
		);
	}
	return results;
}

async function main(): Promise<void> {
	const dir = mkdtempSync(path.join(tmpdir(), 'orderflow-bench-'));
	const schema = `orderflow_bench_${process.pid}`;
	try {
		const sqlite = await run('sqlite', {
			backend: 'sqlite',
			file: path.join(dir, 'ledger.sqlite'),
		});
		const postgres = await run('postgres', { backend: 'postgres', connection: { ...PG, schema } });
		await closeAllLedgers();
		console.log(
			`peak memory: ${Math.round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024)} MB RSS`,
		);
		const slowdown = (results: Record<number, number>) =>
			((1 - results[1_000_000] / results[0]) * 100).toFixed(1);
		console.log(
			`slower at 1M stored keys than at 0: sqlite ${slowdown(sqlite)} %, postgres ${slowdown(postgres)} %`,
		);
		console.log(`dedupe postgres keys/s: ${Math.round(postgres[1_000_000])}`);
		console.log(`dedupe sqlite keys/s: ${Math.round(sqlite[1_000_000])}`);
	} finally {
		clearInterval(sampler);
		rmSync(dir, { recursive: true, force: true });
		const client = new Client(PG);
		await client.connect();
		await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
		await client.end();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
