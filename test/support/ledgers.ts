import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import {
	closeAllLedgers,
	getLedger,
	type Ledger,
	type LedgerConfig,
	type PostgresConnection,
} from '../../core/ledger';
import { openPostgresLedger } from '../../core/ledger/postgres';
import type { SqlLedger } from '../../core/ledger/sql-ledger';
import { openSqliteLedger } from '../../core/ledger/sqlite';

/** The PostgreSQL the test machine runs (scripts/services.sh starts it). */
export const TEST_POSTGRES: Omit<PostgresConnection, 'schema'> = {
	host: process.env.ORDERFLOW_TEST_PG_HOST ?? '127.0.0.1',
	port: Number(process.env.ORDERFLOW_TEST_PG_PORT ?? 5432),
	database: process.env.ORDERFLOW_TEST_PG_DATABASE ?? 'test',
	user: process.env.ORDERFLOW_TEST_PG_USER ?? 'postgres',
	password: process.env.ORDERFLOW_TEST_PG_PASSWORD ?? '',
};

/** A schema of its own for one test file, so parallel test files never share keys. */
export function freshSchema(label: string): string {
	return `of_test_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A plain client of the test PostgreSQL (not connected yet), for set-up and injected faults. */
export function testPgClient(): Client {
	const { host, port, database, user, password } = TEST_POSTGRES;
	return new Client({ host, port, database, user, password });
}

export async function dropSchema(schema: string): Promise<void> {
	const client = testPgClient();
	await client.connect();
	try {
		await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
	} finally {
		await client.end();
	}
}

export function sqliteFile(label: string): string {
	return path.join(mkdtempSync(path.join(tmpdir(), `orderflow-${label}-`)), 'ledger.sqlite');
}

/** Both backends, for describe.each. */
export function backends(label: string): Array<[string, () => LedgerConfig]> {
	return [
		['sqlite', () => ({ backend: 'sqlite', file: sqliteFile(label) })],
		[
			'postgres',
			() => ({ backend: 'postgres', connection: { ...TEST_POSTGRES, schema: freshSchema(label) } }),
		],
	];
}

export async function disposeConfig(config: LedgerConfig): Promise<void> {
	if (config.backend === 'postgres') await dropSchema(config.connection.schema);
}

/** A ledger opened as another process would open it (its own process id, its own heartbeat). */
export async function openLedgerAs(config: LedgerConfig, processId: string): Promise<SqlLedger> {
	return config.backend === 'sqlite'
		? await openSqliteLedger(config.file, { processId })
		: await openPostgresLedger(config.connection, { processId });
}

/**
 * Two processes sharing one fresh ledger, opened before each test of the describe block that
 * calls this and closed (unless a test already "killed" one) and dropped after it.
 */
export function twoProcesses(
	makeConfig: () => LedgerConfig,
	names: [string, string],
): { ledgers: [SqlLedger, SqlLedger] } {
	const shared = { ledgers: [] as unknown as [SqlLedger, SqlLedger] };
	let config: LedgerConfig;
	beforeEach(async () => {
		config = makeConfig();
		shared.ledgers = [
			await openLedgerAs(config, `${names[0]}-${randomUUID()}`),
			await openLedgerAs(config, `${names[1]}-${randomUUID()}`),
		];
	});
	afterEach(async () => {
		for (const ledger of shared.ledgers) await ledger.close().catch(() => undefined);
		await disposeConfig(config);
	});
	return shared;
}

/** A fresh ledger for each test of the describe block that calls this, closed and dropped after it. */
export function freshLedger(makeConfig: () => LedgerConfig): {
	ledger: Ledger;
	config: LedgerConfig;
} {
	const shared = {} as { ledger: Ledger; config: LedgerConfig };
	beforeEach(async () => {
		shared.config = makeConfig();
		shared.ledger = await getLedger(shared.config);
	});
	afterEach(async () => {
		await closeAllLedgers();
		await disposeConfig(shared.config);
	});
	return shared;
}
