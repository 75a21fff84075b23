/**
 * What the process's environment says about the ledger: whether this n8n runs in queue mode
 * (however n8n was told), and the shared PostgreSQL ledger an admin set once for every process.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { PostgresConnection } from './postgres';
import { LedgerError } from './types';

export interface ProcessFacts {
	env: Record<string, string | undefined>;
	argv: string[];
	readFile?: (file: string) => string;
}

const readText = (facts: ProcessFacts, file: string) =>
	(facts.readFile ?? ((name: string) => readFileSync(name, 'utf8')))(file).trim();

/** The n8n CLI command this process runs (`start`, `worker`, `webhook`, …), if it is n8n's CLI. */
function n8nCommand(argv: string[]): string | undefined {
	const script = argv[1] ?? '';
	if (path.basename(script) !== 'n8n' && !/[\\/]n8n[\\/]bin[\\/]n8n$/.test(script))
		return undefined;
	return argv.slice(2).find((argument) => !argument.startsWith('-'));
}

/** Why this process runs n8n in queue mode, or undefined when it does not. */
export function queueModeReason(facts: ProcessFacts): string | undefined {
	const command = n8nCommand(facts.argv);
	// `n8n worker` and `n8n webhook` run queue mode whatever EXECUTIONS_MODE says.
	if (command === 'worker' || command === 'webhook')
		return `this process is "n8n ${command}", which always runs in queue mode`;
	if (facts.env.EXECUTIONS_MODE === 'queue') return 'EXECUTIONS_MODE is queue';
	const modeFile = facts.env.EXECUTIONS_MODE_FILE;
	if (modeFile) {
		try {
			if (readText(facts, modeFile) === 'queue')
				return `EXECUTIONS_MODE_FILE (${modeFile}) says queue`;
		} catch {
			return `EXECUTIONS_MODE_FILE (${modeFile}) cannot be read, so queue mode cannot be ruled out`;
		}
	}
	return undefined;
}

export const SHARED_LEDGER_VARIABLE = 'ORDERFLOW_LEDGER_POSTGRES_URL';

/**
 * The shared ledger from `ORDERFLOW_LEDGER_POSTGRES_URL` (or `…_FILE`, for secrets mounted as
 * files): `postgres://user:password@host:5432/database?schema=orderflow&sslmode=require`.
 */
export function sharedLedgerFromEnvironment(facts: ProcessFacts): PostgresConnection | undefined {
	const file = facts.env[`${SHARED_LEDGER_VARIABLE}_FILE`];
	const text = (file ? readText(facts, file) : (facts.env[SHARED_LEDGER_VARIABLE] ?? '')).trim();
	if (!text) return undefined;
	return parsePostgresUrl(text, file ? `${SHARED_LEDGER_VARIABLE}_FILE` : SHARED_LEDGER_VARIABLE);
}

const SSL_MODES: Record<string, PostgresConnection['ssl']> = {
	disable: false,
	require: 'require',
	'no-verify': 'no-verify',
	prefer: 'require',
	'verify-full': 'require',
};

export function parsePostgresUrl(text: string, source: string): PostgresConnection {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new LedgerError(
			`${source} is not a URL`,
			'Write it as postgres://user:password@host:5432/database?schema=orderflow',
		);
	}
	if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
		throw new LedgerError(
			`${source} must start with postgres://, not ${url.protocol}//`,
			'Write it as postgres://user:password@host:5432/database?schema=orderflow',
		);
	const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
	if (!url.hostname || !database || !url.username)
		throw new LedgerError(
			`${source} needs a user, a host and a database`,
			'Write it as postgres://user:password@host:5432/database?schema=orderflow',
		);
	const sslmode = url.searchParams.get('sslmode') ?? 'disable';
	if (!(sslmode in SSL_MODES))
		throw new LedgerError(
			`${source}: sslmode "${sslmode}" is not one of ${Object.keys(SSL_MODES).join(', ')}`,
		);
	const pool = url.searchParams.get('pool');
	return {
		host: url.hostname,
		port: Number(url.port || 5432),
		database,
		user: decodeURIComponent(url.username),
		password: decodeURIComponent(url.password),
		ssl: SSL_MODES[sslmode],
		schema: url.searchParams.get('schema') || 'orderflow',
		...(pool ? { maxConnections: Math.max(1, Number(pool)) } : {}),
	};
}
