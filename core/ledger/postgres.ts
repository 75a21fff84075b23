/**
 * The shared ledger for n8n queue mode: PostgreSQL through `pg`, one pool per credential per
 * process. Migrations run under a transaction-scoped advisory lock, so workers starting together
 * apply each one once.
 */
import { createHash } from 'node:crypto';

import { Pool, type PoolConfig } from 'pg';

import { MIGRATIONS, type Dialect, type Statement } from './sql';
import { SqlLedger, type SqlExecutor } from './sql-ledger';
import { LedgerError } from './types';

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
}

/** A stable number for the migration advisory lock ("ordf" in ASCII). */
const MIGRATION_LOCK = 0x6f726466;

export function quoteIdentifier(name: string): string {
	if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
		throw new LedgerError(`"${name}" is not a valid PostgreSQL schema name`, 'Use letters, digits and underscores, starting with a letter.');
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

class PostgresExecutor implements SqlExecutor {
	constructor(readonly pool: Pool) {}

	async query(statement: Statement): Promise<Array<Record<string, unknown>>> {
		// Named statements are prepared once per connection: a batch of 100 claims always has the same text.
		const name = `of_${createHash('sha1').update(statement.sql).digest('hex').slice(0, 20)}`;
		return (await this.pool.query({ name, text: statement.sql, values: statement.params })).rows as Array<Record<string, unknown>>;
	}

	async close(): Promise<void> {
		await this.pool.end();
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
		password: connection.password || undefined,
		ssl,
		max: connection.maxConnections ?? 5,
		connectionTimeoutMillis: 10_000,
		application_name: 'n8n-nodes-orderflow',
	};
}

async function migrate(pool: Pool, dialect: Dialect, schema: string): Promise<void> {
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
		await client.query(`CREATE TABLE IF NOT EXISTS ${dialect.table('schema_migrations')} (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`);
		const applied = new Set(
			(await client.query<{ version: number }>(`SELECT version FROM ${dialect.table('schema_migrations')}`)).rows.map((row) => row.version),
		);
		for (const migration of MIGRATIONS.filter((candidate) => !applied.has(candidate.version))) {
			for (const sql of migration.statements(dialect)) await client.query(sql);
			await client.query(`INSERT INTO ${dialect.table('schema_migrations')} (version, applied_at) VALUES ($1, $2)`, [migration.version, Date.now()]);
		}
		await client.query('COMMIT');
	} catch (error) {
		await client.query('ROLLBACK').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
}

export async function openPostgresLedger(connection: PostgresConnection): Promise<SqlLedger> {
	const dialect = postgresDialect(connection.schema);
	const pool = new Pool(poolConfig(connection));
	// An idle client's network error must not crash n8n; the next query reports it.
	pool.on('error', () => undefined);
	try {
		await migrate(pool, dialect, connection.schema);
	} catch (error) {
		await pool.end().catch(() => undefined);
		throw new LedgerError(
			`Could not open the PostgreSQL ledger at ${connection.host}:${connection.port}/${connection.database}: ${(error as Error).message}`,
			'Check host, port, database, user, password and SSL in the Orderflow Ledger credential; the user needs CREATE on the database (or an existing schema).',
		);
	}
	return new SqlLedger('postgres', dialect, new PostgresExecutor(pool));
}
