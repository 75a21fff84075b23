/**
 * The shared ledger for n8n queue mode: PostgreSQL through `pg`, one pool per credential per
 * process. Migrations run under a transaction-scoped advisory lock, so workers starting together
 * apply each one once.
 */
import { createHash } from 'node:crypto';

import { Pool, type PoolClient, type PoolConfig } from 'pg';

import type { Dialect, Statement } from './dialect';
import { MIGRATIONS } from './migrations';
import { SqlLedger, type SqlExecutor, type SqlQuerier } from './sql-ledger';
import { LedgerError, type LedgerStorage } from './types';

export interface PostgresConnection {
	host: string;
	port: number;
	database: string;
	user: string;
	password?: string;
	ssl?: boolean | 'require' | 'no-verify';
	schema: string;
	/** Connections this process keeps open to the ledger at most. */
	maxConnections?: number;
	/** A ledger statement that runs longer (a locked table) fails with a clear error; default 15 s. */
	statementTimeoutMs?: number;
	/** How the connections name themselves in pg_stat_activity. */
	applicationName?: string;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;

/** A stable number for the migration advisory lock ("ordf" in ASCII). */
const MIGRATION_LOCK = 0x6f726466;

export function quoteIdentifier(name: string): string {
	if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
		throw new LedgerError(
			`"${name}" is not a valid PostgreSQL schema name`,
			'Use letters, digits and underscores, starting with a letter.',
		);
	}
	return `"${name}"`;
}

export function postgresDialect(schema: string): Dialect {
	const quoted = quoteIdentifier(schema);
	return {
		name: 'postgres',
		param: (n) => `$${n}`,
		table: (name) => `${quoted}.${name}`,
		bigint: 'BIGINT',
		real: 'DOUBLE PRECISION',
		serialKey: 'BIGSERIAL PRIMARY KEY',
		rowId: 'ctid',
		// One array per column, unnested into rows.
		batch: (columns, rows, firstParam) => {
			const types = { text: 'text[]', real: 'float8[]', bigint: 'int8[]' };
			return {
				from: `unnest(${columns.map((column, i) => `$${firstParam + i}::${types[column.type]}`).join(', ')}) AS r(${columns.map((column) => column.name).join(', ')})`,
				params: columns.map((_, i) => rows.map((row) => row[i])),
			};
		},
	};
}

type PgClient = Pick<PoolClient, 'query'>;

/** Named statements are prepared once per connection: a batch of 100 claims always has the same text. */
async function run(
	client: PgClient,
	statement: Statement,
	timeoutMs: number,
): Promise<Array<Record<string, unknown>>> {
	const name = `of_${createHash('sha1').update(statement.sql).digest('hex').slice(0, 20)}`;
	try {
		return (await client.query({ name, text: statement.sql, values: statement.params }))
			.rows as Array<Record<string, unknown>>;
	} catch (error) {
		throw explained(error, timeoutMs);
	}
}

/** A statement timeout says what to look for instead of "canceling statement due to statement timeout". */
function explained(error: unknown, timeoutMs: number): unknown {
	if ((error as { code?: string }).code !== '57014') return error;
	return new LedgerError(
		`The PostgreSQL ledger did not answer within ${Math.round(timeoutMs / 1000)} s: ${(error as Error).message}`,
		'Another connection holds a lock on the ledger tables (a long transaction, a migration, a manual session): find it in pg_stat_activity and end it; nothing was recorded, so the run can be retried.',
	);
}

const ignore = () => undefined;

class PostgresExecutor implements SqlExecutor {
	constructor(
		readonly pool: Pool,
		private readonly timeoutMs: number,
		/** host:port/database and the schema the ledger lives in, for storage(). */
		private readonly where: { label: string; schema: string },
	) {}

	async query(statement: Statement): Promise<Array<Record<string, unknown>>> {
		return await this.withClient(async (client) => await run(client, statement, this.timeoutMs));
	}

	async storage(): Promise<LedgerStorage> {
		const [row] = await this.query({
			sql: `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = $1 AND c.relkind = 'r'`,
			params: [this.where.schema],
		});
		return {
			location: `${this.where.label} (schema ${this.where.schema})`,
			sizeBytes: Number(row.n),
			freeBytes: null,
		};
	}

	async transaction<T>(work: (tx: SqlQuerier) => Promise<T>): Promise<T> {
		return await this.withClient(async (client) => {
			await client.query('BEGIN');
			try {
				const result = await work({
					query: async (statement) => await run(client, statement, this.timeoutMs),
				});
				await client.query('COMMIT');
				return result;
			} catch (error) {
				await client.query('ROLLBACK').catch(ignore);
				throw error;
			}
		});
	}

	async close(): Promise<void> {
		await this.pool.end();
	}

	/**
	 * A checked-out connection that is cut emits error events (one per message still arriving,
	 * even after the pool let it go): unheard, they would end n8n's process. The statement under
	 * way reports the failure instead; a failed connection is never reused.
	 */
	private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
		const client = await this.pool.connect();
		let failure: Error | undefined;
		const onError = (error: Error) => (failure ??= error);
		client.on('error', onError);
		try {
			return await work(client);
		} catch (error) {
			failure ??= error as Error;
			throw error;
		} finally {
			if (failure) client.on('error', ignore);
			client.off('error', onError);
			client.release(failure);
		}
	}
}

function poolConfig(connection: PostgresConnection): PoolConfig {
	const ssl =
		connection.ssl === true || connection.ssl === 'require'
			? { rejectUnauthorized: true }
			: connection.ssl === 'no-verify'
				? { rejectUnauthorized: false }
				: undefined;
	return {
		host: connection.host,
		port: connection.port,
		database: connection.database,
		user: connection.user,
		// A function, so an empty password stays empty: pg would otherwise read PGPASSWORD or ~/.pgpass.
		password: async () => connection.password ?? '',
		ssl,
		max: connection.maxConnections ?? 5,
		connectionTimeoutMillis: 10_000,
		application_name: connection.applicationName ?? 'n8n-nodes-orderflow',
		statement_timeout: connection.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
	};
}

async function migrate(executor: SqlExecutor, dialect: Dialect, schema: string): Promise<void> {
	const statement = (sql: string, params: unknown[] = []) => ({ sql, params });
	await executor.transaction(async (tx) => {
		await tx.query(statement('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]));
		await tx.query(statement(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`));
		await tx.query(
			statement(
				`CREATE TABLE IF NOT EXISTS ${dialect.table('schema_migrations')} (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`,
			),
		);
		const applied = new Set(
			(await tx.query(statement(`SELECT version FROM ${dialect.table('schema_migrations')}`))).map(
				(row) => Number(row.version),
			),
		);
		for (const migration of MIGRATIONS.filter((candidate) => !applied.has(candidate.version))) {
			for (const sql of migration.statements(dialect)) await tx.query(statement(sql));
			await tx.query(
				statement(
					`INSERT INTO ${dialect.table('schema_migrations')} (version, applied_at) VALUES ($1, $2)`,
					[migration.version, Date.now()],
				),
			);
		}
	});
}

/** Opens (and migrates) the ledger; `processId` names the process in the ledger (see liveness.ts). */
export async function openPostgresLedger(
	connection: PostgresConnection,
	options: { processId?: string } = {},
): Promise<SqlLedger> {
	const dialect = postgresDialect(connection.schema);
	const pool = new Pool(poolConfig(connection));
	// A cut connection's error events must never end n8n's process (pg emits them on idle,
	// checked-out and already released clients alike); the statement under way reports it.
	pool.on('error', ignore);
	pool.on('connect', (client) => client.on('error', ignore));
	const executor = new PostgresExecutor(
		pool,
		connection.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
		{
			label: `${connection.host}:${connection.port}/${connection.database}`,
			schema: connection.schema,
		},
	);
	try {
		await migrate(executor, dialect, connection.schema);
	} catch (error) {
		await pool.end().catch(ignore);
		throw new LedgerError(
			`Could not open the PostgreSQL ledger at ${connection.host}:${connection.port}/${connection.database}: ${(error as Error).message}`,
			'Check host, port, database, user, password and SSL in the Orderflow Ledger credential; the user needs CREATE on the database (or an existing schema).',
		);
	}
	const ledger = new SqlLedger('postgres', dialect, executor, options.processId);
	await ledger.startHeartbeat();
	return ledger;
}
