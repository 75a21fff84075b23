/**
 * The embedded ledger: a SQLite file through Node's built-in node:sqlite, in WAL mode. The
 * driver is synchronous, so the busy timeout is kept short and a busy database is retried after
 * an asynchronous pause: the event loop is never blocked for long while another process writes.
 * Within one process, statements and transactions take turns on the connection, so a
 * transaction never sees another execution's statements.
 */
import {
	chmodSync,
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	statfsSync,
	statSync,
} from 'node:fs';
import path from 'node:path';
import type { DatabaseSync as DatabaseSyncType } from 'node:sqlite';

import type { Dialect, Statement } from './dialect';
import { MIGRATIONS } from './migrations';
import { SqlLedger, type SqlExecutor, type SqlQuerier } from './sql-ledger';
import { LedgerError, type LedgerStorage } from './types';

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

const errorCode = (error: unknown) => ((error as { errcode?: number }).errcode ?? -1) & 0xff;

/** SQLITE_BUSY (5) and SQLITE_LOCKED (6), including their extended codes. */
const isBusy = (error: unknown) => [5, 6].includes(errorCode(error));

/** What a file-level failure means for the person who must fix it, with the file named. */
const FILE_ERRORS: Record<number, string> = {
	8: 'Give the user n8n runs as write access to the file and its folder (and the -wal and -shm files beside it).',
	10: 'The disk or file system failed while writing: check the disk and its free space.',
	13: 'The disk is full: free space on the disk that holds the file.',
	14: 'The folder does not exist or cannot be opened: check N8N_USER_FOLDER and its permissions.',
};

export function explainSqliteError(file: string, error: unknown): unknown {
	const hint = FILE_ERRORS[errorCode(error)];
	if (!hint) return error;
	return new LedgerError(
		`The embedded ledger at ${file} failed: ${(error as Error).message}`,
		hint,
	);
}

async function pause(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

class SqliteExecutor implements SqlExecutor {
	/** Prepared statements by SQL text: a batch of 100 claims always has the same text. */
	private readonly prepared = new Map<string, ReturnType<DatabaseSyncType['prepare']>>();
	private turn: Promise<unknown> = Promise.resolve();
	private readonly direct: SqlQuerier = {
		query: async (statement) => await this.withRetry(() => this.run(statement)),
	};

	constructor(
		private readonly db: DatabaseSyncType,
		private readonly file: string,
	) {}

	async query(statement: Statement): Promise<Array<Record<string, unknown>>> {
		return await this.exclusive(async () => await this.direct.query(statement));
	}

	async storage(): Promise<LedgerStorage> {
		if (this.file === ':memory:') return { location: this.file, sizeBytes: 0, freeBytes: null };
		const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
		const disk = statfsSync(path.dirname(this.file));
		return {
			location: this.file,
			sizeBytes: size(this.file) + size(`${this.file}-wal`),
			freeBytes: disk.bavail * disk.bsize,
		};
	}

	async transaction<T>(work: (tx: SqlQuerier) => Promise<T>): Promise<T> {
		return await this.exclusive(async () => {
			await this.withRetry(() => this.db.exec('BEGIN IMMEDIATE'));
			try {
				const result = await work(this.direct);
				await this.withRetry(() => this.db.exec('COMMIT'));
				return result;
			} catch (error) {
				if (this.db.isTransaction) this.db.exec('ROLLBACK');
				throw error;
			}
		});
	}

	async withRetry<T>(work: () => T): Promise<T> {
		const started = Date.now();
		for (let attempt = 0; ; attempt++) {
			try {
				return work();
			} catch (error) {
				if (!isBusy(error) || Date.now() - started > MAX_BUSY_WAIT_MS)
					throw explainSqliteError(this.file, error);
				await pause(Math.min(50, 2 + attempt * 2) * Math.random() + 1);
			}
		}
	}

	async close(): Promise<void> {
		await this.exclusive(async () => this.db.close());
	}

	private run(statement: Statement): Array<Record<string, unknown>> {
		let prepared = this.prepared.get(statement.sql);
		if (!prepared) {
			prepared = this.db.prepare(statement.sql);
			if (this.prepared.size >= 64)
				this.prepared.delete(this.prepared.keys().next().value as string);
			this.prepared.set(statement.sql, prepared);
		}
		return prepared.all(...(statement.params as Array<string | number | null>)) as Array<
			Record<string, unknown>
		>;
	}

	/** One statement or transaction at a time on this connection. */
	private async exclusive<T>(work: () => Promise<T>): Promise<T> {
		const run = this.turn.then(work, work);
		this.turn = run.catch(() => undefined);
		return await run;
	}
}

/** Applies pending migrations inside one write transaction: safe when several processes open the file at once. */
async function migrate(executor: SqliteExecutor): Promise<void> {
	await executor.transaction(async (tx) => {
		await tx.query({
			sql: 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
			params: [],
		});
		const rows = await tx.query({ sql: 'SELECT version FROM schema_migrations', params: [] });
		const applied = new Set(rows.map((row) => Number(row.version)));
		for (const migration of MIGRATIONS.filter((candidate) => !applied.has(candidate.version))) {
			for (const sql of migration.statements(SQLITE_DIALECT)) await tx.query({ sql, params: [] });
			await tx.query({
				sql: 'INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)',
				params: [migration.version, Date.now()],
			});
		}
	});
}

/** The ledger file holds order data and approval secrets: only n8n's user may read it. */
function createPrivately(file: string): void {
	mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
	closeSync(openSync(file, 'a', 0o600));
	try {
		chmodSync(file, 0o600);
	} catch {
		// A file another user owns keeps its mode; it was writable, so the ledger still works.
	}
}

/** Opens (and migrates) the file; `processId` names the process in the ledger (see liveness.ts). */
export async function openSqliteLedger(
	file: string,
	options: { processId?: string } = {},
): Promise<SqlLedger> {
	let DatabaseSync: typeof DatabaseSyncType;
	try {
		({ DatabaseSync } = await import('node:sqlite'));
	} catch {
		throw new LedgerError(
			`The embedded ledger needs Node's built-in SQLite (node:sqlite), which this Node ${process.version} does not have`,
			'Run n8n on Node 22.13 or later (n8n 2.x needs Node 24), or choose an Orderflow Ledger (PostgreSQL) credential.',
		);
	}
	let db: DatabaseSyncType;
	try {
		if (file !== ':memory:') createPrivately(file);
		db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
	} catch (error) {
		throw new LedgerError(
			`The embedded ledger at ${file} cannot be opened: ${(error as Error).message}`,
			'Give the user n8n runs as write access to that folder, or choose an Orderflow Ledger (PostgreSQL) credential.',
		);
	}
	const executor = new SqliteExecutor(db, file);
	await executor.withRetry(() => db.exec('PRAGMA journal_mode = WAL'));
	await migrate(executor);
	const ledger = new SqlLedger('sqlite', SQLITE_DIALECT, executor, options.processId);
	await ledger.startHeartbeat();
	return ledger;
}
