/**
 * The embedded ledger: a SQLite file through Node's built-in node:sqlite, in WAL mode. The
 * driver is synchronous, so the busy timeout is kept short and a busy database is retried after
 * an asynchronous pause: the event loop is never blocked for long while another process writes.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseSync as DatabaseSyncType } from 'node:sqlite';

import { MIGRATIONS, type Dialect, type Statement } from './sql';
import { SqlLedger, type SqlExecutor } from './sql-ledger';
import { LedgerError } from './types';

const BUSY_TIMEOUT_MS = 50;
const MAX_BUSY_WAIT_MS = 30_000;

export const SQLITE_DIALECT: Dialect = {
	name: 'sqlite',
	param: (n) => `?${n}`,
	table: (name) => name,
	bigint: 'INTEGER',
	real: 'REAL',
	serialKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
	rowId: 'rowid',
	// Binding hundreds of parameters is slow in node:sqlite; one JSON array of rows is not.
	batch: (columns, rows, firstParam) => ({
		from: `(SELECT ${columns.map((column, i) => `k.value ->> ${i} AS ${column.name}`).join(', ')} FROM json_each(?${firstParam}) AS k) AS r`,
		params: [JSON.stringify(rows)],
	}),
};

function isBusy(error: unknown): boolean {
	const code = (error as { errcode?: number }).errcode;
	// SQLITE_BUSY (5) and SQLITE_LOCKED (6), including their extended codes.
	return code !== undefined && [5, 6].includes(code & 0xff);
}

async function pause(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

class SqliteExecutor implements SqlExecutor {
	/** Prepared statements by SQL text: a batch of 100 claims always has the same text. */
	private readonly prepared = new Map<string, ReturnType<DatabaseSyncType['prepare']>>();

	constructor(private readonly db: DatabaseSyncType) {}

	async query(statement: Statement): Promise<Array<Record<string, unknown>>> {
		return await this.withRetry(() => {
			let prepared = this.prepared.get(statement.sql);
			if (!prepared) {
				prepared = this.db.prepare(statement.sql);
				if (this.prepared.size >= 64) this.prepared.delete(this.prepared.keys().next().value as string);
				this.prepared.set(statement.sql, prepared);
			}
			return prepared.all(...(statement.params as Array<string | number | null>)) as Array<Record<string, unknown>>;
		});
	}

	async withRetry<T>(work: () => T): Promise<T> {
		const started = Date.now();
		for (let attempt = 0; ; attempt++) {
			try {
				return work();
			} catch (error) {
				if (!isBusy(error) || Date.now() - started > MAX_BUSY_WAIT_MS) throw error;
				await pause(Math.min(50, 2 + attempt * 2) * Math.random() + 1);
			}
		}
	}

	async close(): Promise<void> {
		this.db.close();
	}
}

/** Applies pending migrations inside one write transaction: safe when several processes open the file at once. */
async function migrate(executor: SqliteExecutor, db: DatabaseSyncType): Promise<void> {
	await executor.withRetry(() => {
		db.exec('BEGIN IMMEDIATE');
		try {
			db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
			const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((row) => row.version));
			for (const migration of MIGRATIONS.filter((candidate) => !applied.has(candidate.version))) {
				for (const sql of migration.statements(SQLITE_DIALECT)) db.exec(sql);
				db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(migration.version, Date.now());
			}
			db.exec('COMMIT');
		} catch (error) {
			db.exec('ROLLBACK');
			throw error;
		}
	});
}

export async function openSqliteLedger(file: string): Promise<SqlLedger> {
	let DatabaseSync: typeof DatabaseSyncType;
	try {
		({ DatabaseSync } = await import('node:sqlite'));
	} catch {
		throw new LedgerError(
			`The embedded ledger needs Node's built-in SQLite (node:sqlite), which this Node ${process.version} does not have`,
			'Run n8n on Node 22.13 or later (n8n 2.x needs Node 24), or choose an Orderflow Ledger (PostgreSQL) credential.',
		);
	}
	if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
	const db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
	const executor = new SqliteExecutor(db);
	await executor.withRetry(() => db.exec('PRAGMA journal_mode = WAL'));
	await migrate(executor, db);
	return new SqlLedger('sqlite', SQLITE_DIALECT, executor);
}
