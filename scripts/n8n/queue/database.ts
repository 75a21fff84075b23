/**
 * The run's PostgreSQL database: created fresh, shared by n8n (public schema) and the Orderflow
 * ledger (its own schema), read for the ledger's state and n8n's executions, dropped at the end.
 */
import { Client } from 'pg';

import { LEDGER_SCHEMA, POSTGRES, type RunIdentity } from './config';

async function withClient<T>(database: string, work: (client: Client) => Promise<T>): Promise<T> {
	const client = new Client({ ...POSTGRES, database });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** The maintenance database every PostgreSQL has: where CREATE and DROP DATABASE are issued. */
const MAINTENANCE_DB = 'postgres';

export async function createDatabase(run: RunIdentity): Promise<void> {
	// The name is made of digits and underscores (runIdentity): safe to write into the statement.
	await withClient(
		MAINTENANCE_DB,
		async (client) => await client.query(`CREATE DATABASE "${run.database}"`),
	);
}

/** FORCE: a process that died without closing its pool must not keep the database alive. */
export async function dropDatabase(run: RunIdentity): Promise<void> {
	await withClient(
		MAINTENANCE_DB,
		async (client) => await client.query(`DROP DATABASE IF EXISTS "${run.database}" WITH (FORCE)`),
	);
}

export interface LedgerState {
	/** Idempotent writes a process started and never finished (its lease may still run). */
	inFlight: number;
	/** Writes sent whose answer was lost: nobody knows whether the ERP booked them. */
	inDoubt: number;
	/** Dedupe keys claimed and neither confirmed nor released: deliveries of them are refused. */
	claimed: number;
}

async function tableExists(client: Client, table: string): Promise<boolean> {
	const result = await client.query('SELECT to_regclass($1) AS name', [
		`${LEDGER_SCHEMA}.${table}`,
	]);
	return result.rows[0]?.name !== null;
}

async function countWhere(client: Client, table: string, where: string): Promise<number> {
	// The ledger creates its tables on first use: none yet means nothing is held.
	if (!(await tableExists(client, table))) return 0;
	const result = await client.query(
		`SELECT count(*)::int AS n FROM ${LEDGER_SCHEMA}.${table} WHERE ${where}`,
	);
	return Number(result.rows[0].n);
}

export async function ledgerState(run: RunIdentity): Promise<LedgerState> {
	return await withClient(run.database, async (client) => ({
		inFlight: await countWhere(client, 'idempotency_records', "state = 'in_flight'"),
		inDoubt: await countWhere(client, 'idempotency_records', "state = 'in_doubt'"),
		claimed: await countWhere(client, 'dedupe_keys', "state = 'claimed'"),
	}));
}

/** n8n's executions by status (success, error, running, crashed, …), from its own table. */
export async function executionStatuses(run: RunIdentity): Promise<Record<string, number>> {
	return await withClient(run.database, async (client) => {
		const result = await client.query(
			'SELECT status, count(*)::int AS n FROM execution_entity GROUP BY status ORDER BY status',
		);
		return Object.fromEntries(
			result.rows.map((row: { status: string; n: number }) => [row.status, Number(row.n)]),
		);
	});
}

/** A few of what the ledger still holds open, to name in the report: claimed keys, open writes. */
export async function openLedgerEntries(run: RunIdentity, limit = 5): Promise<string[]> {
	return await withClient(run.database, async (client) => {
		const entries: string[] = [];
		if (await tableExists(client, 'dedupe_keys')) {
			const keys = await client.query(
				`SELECT coalesce(key_text, key) AS key_text, version, last_execution FROM ${LEDGER_SCHEMA}.dedupe_keys WHERE state = 'claimed' ORDER BY key_text LIMIT ${limit}`,
			);
			entries.push(
				...keys.rows.map(
					(row: { key_text: string; version: string; last_execution: string }) =>
						`key ${row.key_text} v${row.version} claimed (last seen by execution ${row.last_execution})`,
				),
			);
		}
		if (await tableExists(client, 'idempotency_records')) {
			const writes = await client.query(
				`SELECT coalesce(key_text, key) AS key, state FROM ${LEDGER_SCHEMA}.idempotency_records WHERE state IN ('in_flight', 'in_doubt') ORDER BY key LIMIT ${limit}`,
			);
			entries.push(
				...writes.rows.map(
					(row: { key: string; state: string }) => `write ${row.key} ${row.state}`,
				),
			);
		}
		return entries;
	});
}

/** What n8n now says of particular executions (those a killed worker had in flight). */
export async function statusesOf(run: RunIdentity, ids: string[]): Promise<Record<string, string>> {
	if (ids.length === 0) return {};
	return await withClient(run.database, async (client) => {
		const result = await client.query(
			'SELECT id::text AS id, status FROM execution_entity WHERE id = ANY($1::int[])',
			[ids.map(Number)],
		);
		return Object.fromEntries(
			result.rows.map((row: { id: string; status: string }) => [row.id, row.status]),
		);
	});
}

/** Rows of one table about an order, as lines (`table: column=value …`). */
async function rowsAbout(
	client: Client,
	table: string,
	where: string,
	values: unknown[],
): Promise<string[]> {
	if (!(await tableExists(client, table))) return [];
	const result = await client.query(
		`SELECT * FROM ${LEDGER_SCHEMA}.${table} WHERE ${where}`,
		values,
	);
	return result.rows.map(
		(row: Record<string, unknown>) =>
			`${table}: ${Object.entries(row)
				.filter(([, value]) => value !== null)
				.map(([column, value]) => `${column}=${String(value).slice(0, 400)}`)
				.join(' ')}`,
	);
}

/** Everything the ledger holds about an order (`shopify:order:<id>`): for a failed run's log folder. */
export async function ledgerTrace(run: RunIdentity, ref: string): Promise<string[]> {
	const id = ref.split(':').pop()!;
	return await withClient(run.database, async (client) => [
		...(await rowsAbout(client, 'dedupe_keys', 'coalesce(key_text, key) = $1', [id])),
		...(await rowsAbout(client, 'inbox', 'entity = $1 ORDER BY received_at', [ref])),
		...(await rowsAbout(
			client,
			'idempotency_records',
			"coalesce(key_text, key) LIKE $1 || '%' ORDER BY created_at",
			[ref],
		)),
		...(await rowsAbout(client, 'audit_events', 'coalesce(entity_text, entity) = $1 ORDER BY id', [
			ref,
		])),
	]);
}

export interface Redrives {
	/** Deliveries the sweep ran again (their first execution died or never settled them). */
	redriven: number;
	/** Of those, still unsettled. */
	open: number;
	/** When the last of them was settled (epoch ms), if any. */
	lastSettledAt: number | null;
	/** Repeats the trigger answered without an execution (trail events inbox.repeated). */
	absorbed: number;
	/** Order versions the trigger knew were processed, answered without one (webhook.processed). */
	processed: number;
}

/** What the inbox says of the recovery: the re-driven deliveries and when the last one settled. */
export async function redriveFacts(run: RunIdentity): Promise<Redrives> {
	return await withClient(run.database, async (client) => {
		if (!(await tableExists(client, 'inbox')))
			return { redriven: 0, open: 0, lastSettledAt: null, absorbed: 0, processed: 0 };
		const inbox = await client.query(
			`SELECT count(*)::int AS redriven, count(*) FILTER (WHERE state = 'accepted')::int AS open, max(settled_at)::bigint AS last FROM ${LEDGER_SCHEMA}.inbox WHERE redrives > 0`,
		);
		const answered = await client.query(
			`SELECT count(*) FILTER (WHERE event = 'inbox.repeated')::int AS repeated, count(*) FILTER (WHERE event = 'webhook.processed')::int AS processed FROM ${LEDGER_SCHEMA}.audit_events WHERE event IN ('inbox.repeated', 'webhook.processed')`,
		);
		const counts = answered.rows[0] as { repeated: number; processed: number };
		const row = inbox.rows[0] as { redriven: number; open: number; last: string | null };
		return {
			redriven: Number(row.redriven),
			open: Number(row.open),
			lastSettledAt: row.last === null ? null : Number(row.last),
			absorbed: Number(counts.repeated),
			processed: Number(counts.processed),
		};
	});
}

/** What the killed worker left, as the ledger sees it now. */
export interface CrashState {
	/** Dedupe claims and in-flight writes still owned by the killed worker's process. */
	holds: number;
	/** Deliveries its executions held, or accepted before the kill and re-driven since, still unsettled. */
	unsettled: number;
	/** The entities those deliveries are about (shopify:order:…). */
	entities: string[];
}

/** The killed worker's leftovers: found by its pid (its ledger process) and the executions it had in flight. */
export async function crashState(
	run: RunIdentity,
	crash: { pid: number; executions: string[]; at: number },
): Promise<CrashState> {
	return await withClient(run.database, async (client) => {
		if (!(await tableExists(client, 'inbox'))) return { holds: 0, unsettled: 0, entities: [] };
		const ids = (
			await client.query(`SELECT id FROM ${LEDGER_SCHEMA}.processes WHERE pid = $1`, [crash.pid])
		).rows.map((row: { id: string }) => row.id);
		const claims = await client.query(
			`SELECT count(*)::int AS n FROM ${LEDGER_SCHEMA}.dedupe_keys WHERE state = 'claimed' AND owner_process = ANY($1)`,
			[ids],
		);
		const writes = await client.query(
			`SELECT count(*)::int AS n FROM ${LEDGER_SCHEMA}.idempotency_records WHERE state = 'in_flight' AND owner_process = ANY($1)`,
			[ids],
		);
		const deliveries = await client.query(
			`SELECT entity, state FROM ${LEDGER_SCHEMA}.inbox WHERE claim_execution = ANY($1) OR (redrives > 0 AND received_at <= $2)`,
			[crash.executions, crash.at],
		);
		const rows = deliveries.rows as Array<{ entity: string; state: string }>;
		return {
			holds: Number(claims.rows[0].n) + Number(writes.rows[0].n),
			unsettled: rows.filter((row) => row.state === 'accepted').length,
			entities: [...new Set(rows.map((row) => row.entity))],
		};
	});
}

/** The Shopify event ids the ledger's inbox holds for a workflow (every delivery its trigger accepted). */
export async function inboxEventIds(run: RunIdentity, workflowId: string): Promise<Set<string>> {
	return await withClient(run.database, async (client) => {
		if (!(await tableExists(client, 'inbox'))) return new Set<string>();
		const result = await client.query(
			`SELECT event_id FROM ${LEDGER_SCHEMA}.inbox WHERE workflow_id = $1`,
			[workflowId],
		);
		return new Set(result.rows.map((row: { event_id: string }) => row.event_id));
	});
}
