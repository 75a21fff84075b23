/**
 * Opening the ledger: one per SQLite file or PostgreSQL credential per process (a pool, not a
 * connection per item), embedded SQLite by default, refused in queue mode where workers on other
 * hosts could not share the file.
 */
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import path from 'node:path';

import { openPostgresLedger, type PostgresConnection } from './postgres';
import { assertSoleInstance } from './file-guard';
import { openSqliteLedger } from './sqlite';
import { LedgerError, type Ledger } from './types';

export * from './types';
export type { PostgresConnection } from './postgres';
export {
	parsePostgresUrl,
	queueModeReason,
	sharedLedgerFromEnvironment,
	SHARED_LEDGER_VARIABLE,
	type ProcessFacts,
} from './environment';

export type LedgerConfig =
	/** `soleInstance`: refused when another n8n instance uses the file (file-guard.ts). */
	| { backend: 'sqlite'; file: string; soleInstance?: boolean }
	| { backend: 'postgres'; connection: PostgresConnection };

export interface LedgerEnvironment {
	/** Why this process runs n8n in queue mode (see environment.ts); set: the embedded ledger is refused. */
	queueMode?: string;
	/** n8n's user folder (N8N_USER_FOLDER, else the home folder). */
	userFolder?: string;
}

/** Where the embedded ledger lives: beside n8n's own data, never inside its database. */
export function defaultSqliteFile(environment: LedgerEnvironment): string {
	return path.join(environment.userFolder ?? homedir(), '.n8n', 'orderflow', 'ledger.sqlite');
}

export function embeddedLedgerConfig(environment: LedgerEnvironment): LedgerConfig {
	if (environment.queueMode) {
		throw new LedgerError(
			`The embedded SQLite ledger cannot be used in n8n queue mode (${environment.queueMode}): every worker would keep its own file and duplicates would pass`,
			'Set ORDERFLOW_LEDGER_POSTGRES_URL (postgres://user:password@host:5432/database?schema=orderflow) for every n8n process, or choose an Orderflow Ledger credential (PostgreSQL) in this node.',
		);
	}
	return { backend: 'sqlite', file: defaultSqliteFile(environment), soleInstance: true };
}

const open = new Map<string, Promise<Ledger>>();

function cacheKey(config: LedgerConfig): string {
	return config.backend === 'sqlite'
		? `sqlite:${path.resolve(config.file)}`
		: `postgres:${createHash('sha256').update(JSON.stringify(config.connection)).digest('hex')}`;
}

/** A refused file is closed again: its heartbeat must not make the instance that owns it look shared. */
async function openEmbedded(config: { file: string; soleInstance?: boolean }): Promise<Ledger> {
	const ledger = await openSqliteLedger(config.file);
	if (!config.soleInstance) return ledger;
	try {
		await assertSoleInstance(ledger, config.file);
	} catch (error) {
		await ledger.closeUnused();
		throw error;
	}
	return ledger;
}

/** The process-wide ledger for a configuration, opened (and migrated) on first use. */
export async function getLedger(config: LedgerConfig): Promise<Ledger> {
	const key = cacheKey(config);
	let ledger = open.get(key);
	if (!ledger) {
		ledger =
			config.backend === 'sqlite' ? openEmbedded(config) : openPostgresLedger(config.connection);
		open.set(key, ledger);
		ledger.catch(() => open.delete(key));
	}
	return await ledger;
}

/** Closes every ledger this process opened (tests and shutdown). */
export async function closeAllLedgers(): Promise<void> {
	const ledgers = [...open.values()];
	open.clear();
	await Promise.all(
		ledgers.map(async (ledger) => await (await ledger.catch(() => undefined))?.close()),
	);
}
