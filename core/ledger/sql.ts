/**
 * The ledger's SQL, written once for both backends. Every claim is a single
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` whose CASE expressions decide, against the row as
 * it was, whether this claim wins the key: never read-then-write.
 */
import type { AuditEvent, ClaimOptions, ClaimRequest, StoredAuditEvent, StoredKey, WriteRecord } from './types';

export interface Dialect {
	name: 'sqlite' | 'postgres';
	/** Positional parameter n (1-based). */
	param(n: number): string;
	/** A table name as the statements must write it (schema-qualified on PostgreSQL). */
	table(name: string): string;
	bigint: string;
	real: string;
	serialKey: string;
	/** The row identifier used to delete in bounded batches. */
	rowId: string;
	/**
	 * A FROM clause `… AS r(columns)` over a batch of rows passed in a few parameters (from
	 * `firstParam` on), not one per value: binding is cheap and one prepared statement serves
	 * every batch size.
	 */
	batch(columns: BatchColumn[], rows: unknown[][], firstParam: number): { from: string; params: unknown[] };
}

export interface BatchColumn {
	name: string;
	type: 'text' | 'real' | 'bigint';
}

export const MIGRATIONS: Array<{ version: number; statements: (d: Dialect) => string[] }> = [
	{
		version: 1,
		statements: (d) => [
			`CREATE TABLE IF NOT EXISTS ${d.table('dedupe_keys')} (
				namespace TEXT NOT NULL,
				key TEXT NOT NULL,
				state TEXT NOT NULL,
				version TEXT,
				version_rank ${d.real},
				claim_token TEXT NOT NULL,
				lease_until ${d.bigint},
				first_seen_at ${d.bigint} NOT NULL,
				last_seen_at ${d.bigint} NOT NULL,
				times_seen INTEGER NOT NULL,
				first_execution TEXT NOT NULL,
				first_workflow TEXT NOT NULL,
				last_execution TEXT NOT NULL,
				expires_at ${d.bigint} NOT NULL,
				PRIMARY KEY (namespace, key)
			)`,
			`CREATE INDEX IF NOT EXISTS dedupe_keys_expires_at ON ${d.table('dedupe_keys')} (expires_at)`,
			`CREATE TABLE IF NOT EXISTS ${d.table('audit_events')} (
				id ${d.serialKey},
				entity TEXT NOT NULL,
				event TEXT NOT NULL,
				decision TEXT,
				workflow_id TEXT,
				execution_id TEXT,
				node TEXT,
				at ${d.bigint} NOT NULL,
				details TEXT NOT NULL
			)`,
			`CREATE INDEX IF NOT EXISTS audit_events_entity ON ${d.table('audit_events')} (entity, id)`,
		],
	},
	{
		version: 2,
		statements: (d) => [
			`CREATE TABLE IF NOT EXISTS ${d.table('idempotency_records')} (
				scope TEXT NOT NULL,
				key TEXT NOT NULL,
				fingerprint TEXT NOT NULL,
				state TEXT NOT NULL,
				owner TEXT NOT NULL,
				lease_until ${d.bigint},
				attempts INTEGER NOT NULL,
				status INTEGER,
				body TEXT,
				error TEXT,
				entity TEXT,
				created_at ${d.bigint} NOT NULL,
				updated_at ${d.bigint} NOT NULL,
				PRIMARY KEY (scope, key)
			)`,
		],
	},
	{
		version: 3,
		statements: (d) => [
			`CREATE TABLE IF NOT EXISTS ${d.table('approval_requests')} (
				request_id TEXT PRIMARY KEY,
				secret TEXT NOT NULL,
				workflow_id TEXT,
				execution_id TEXT NOT NULL,
				node TEXT,
				created_at ${d.bigint} NOT NULL,
				expires_at ${d.bigint} NOT NULL,
				quorum INTEGER NOT NULL,
				payload TEXT NOT NULL,
				status TEXT NOT NULL,
				decided_at ${d.bigint},
				decided_by TEXT
			)`,
			`CREATE TABLE IF NOT EXISTS ${d.table('approval_decisions')} (
				request_id TEXT NOT NULL,
				approver TEXT NOT NULL,
				decision TEXT NOT NULL,
				comment TEXT,
				at ${d.bigint} NOT NULL,
				ip TEXT,
				user_agent TEXT,
				PRIMARY KEY (request_id, approver)
			)`,
		],
	},
];

const RECORD_COLUMNS = 'scope, key, fingerprint, state, owner, lease_until, attempts, status, body, error, entity, created_at, updated_at';

/**
 * Starts (or takes over) an idempotent write in one statement: a new key is inserted in flight;
 * an in-flight record whose lease lapsed, with the same fingerprint, passes to the new owner.
 */
export function beginWriteStatement(
	d: Dialect,
	input: { scope: string; key: string; fingerprint: string; owner: string; leaseMs: number; entity: string; now: number },
): Statement {
	const p = (n: number) => d.param(n);
	const takeover = `(t.state = 'in_flight' AND t.lease_until <= ${p(6)} AND t.fingerprint = excluded.fingerprint)`;
	return {
		sql: `INSERT INTO ${d.table('idempotency_records')} AS t (${RECORD_COLUMNS})
			VALUES (${p(1)}, ${p(2)}, ${p(3)}, 'in_flight', ${p(4)}, ${p(5)}, 1, NULL, NULL, NULL, ${p(7)}, ${p(6)}, ${p(6)})
			ON CONFLICT (scope, key) DO UPDATE SET
				owner = CASE WHEN ${takeover} THEN excluded.owner ELSE t.owner END,
				lease_until = CASE WHEN ${takeover} THEN excluded.lease_until ELSE t.lease_until END,
				attempts = CASE WHEN ${takeover} THEN t.attempts + 1 ELSE t.attempts END,
				updated_at = CASE WHEN ${takeover} THEN excluded.updated_at ELSE t.updated_at END
			RETURNING ${RECORD_COLUMNS}`,
		params: [input.scope, input.key, input.fingerprint, input.owner, input.now + input.leaseMs, input.now, input.entity],
	};
}

/** Records the outcome, only for the owner of a write still in flight. */
export function finishWriteStatement(
	d: Dialect,
	input: { scope: string; key: string; owner: string; state: string; status: number | null; body: string | null; error: string | null; now: number },
): Statement {
	return {
		sql: `UPDATE ${d.table('idempotency_records')} SET state = ${d.param(4)}, status = ${d.param(5)}, body = ${d.param(6)}, error = ${d.param(7)},
				lease_until = NULL, updated_at = ${d.param(8)}
			WHERE scope = ${d.param(1)} AND key = ${d.param(2)} AND owner = ${d.param(3)} AND state = 'in_flight' RETURNING key`,
		params: [input.scope, input.key, input.owner, input.state, input.status, input.body, input.error, input.now],
	};
}

/** Gives an in-flight write back (its attempt certainly changed nothing remotely, or the remote dedupes). */
export function abandonWriteStatement(d: Dialect, scope: string, key: string, owner: string): Statement {
	return {
		sql: `DELETE FROM ${d.table('idempotency_records')} WHERE scope = ${d.param(1)} AND key = ${d.param(2)} AND owner = ${d.param(3)} AND state = 'in_flight' RETURNING key`,
		params: [scope, key, owner],
	};
}

export function getWriteStatement(d: Dialect, scope: string, key: string): Statement {
	return {
		sql: `SELECT ${RECORD_COLUMNS} FROM ${d.table('idempotency_records')} WHERE scope = ${d.param(1)} AND key = ${d.param(2)}`,
		params: [scope, key],
	};
}

export function forgetWriteStatement(d: Dialect, scope: string, key: string): Statement {
	return {
		sql: `DELETE FROM ${d.table('idempotency_records')} WHERE scope = ${d.param(1)} AND key = ${d.param(2)} RETURNING key`,
		params: [scope, key],
	};
}

export function toWriteRecord(row: Record<string, unknown>): WriteRecord {
	return {
		scope: String(row.scope),
		key: String(row.key),
		fingerprint: String(row.fingerprint),
		state: row.state as WriteRecord['state'],
		owner: String(row.owner),
		leaseUntil: row.lease_until === null ? null : Number(row.lease_until),
		attempts: Number(row.attempts),
		status: row.status === null ? null : Number(row.status),
		body: (row.body as string | null) ?? null,
		error: (row.error as string | null) ?? null,
		entity: (row.entity as string | null) ?? null,
		createdAt: Number(row.created_at),
		updatedAt: Number(row.updated_at),
	};
}

const KEY_COLUMNS = [
	'namespace',
	'key',
	'state',
	'version',
	'version_rank',
	'claim_token',
	'lease_until',
	'first_seen_at',
	'last_seen_at',
	'times_seen',
	'first_execution',
	'first_workflow',
	'last_execution',
	'expires_at',
];

export interface Statement {
	sql: string;
	params: unknown[];
}

/** One statement claiming every key of the batch (keys must be distinct). */
export function claimStatement(d: Dialect, requests: ClaimRequest[], options: ClaimOptions): Statement {
	const constants = [
		options.now,
		options.namespace,
		options.hold ? 'claimed' : 'confirmed',
		options.token,
		options.hold ? options.now + options.leaseMs : null,
		options.executionId,
		options.workflowId,
		options.now + options.retentionMs,
	];
	const [now, namespace, state, token, lease, execution, workflow, expires] = constants.map((_, i) => d.param(i + 1));
	const { from, params: rowParams } = d.batch(
		[
			{ name: 'key', type: 'text' },
			{ name: 'version', type: 'text' },
			{ name: 'version_rank', type: 'real' },
		],
		requests.map((request) => [request.key, request.version, request.versionRank]),
		constants.length + 1,
	);
	const params = [...constants, ...rowParams];
	const selected = [namespace, 'r.key', state, 'r.version', 'r.version_rank', token, lease, now, now, '1', execution, workflow, execution, expires];
	// The old row is `t`; its retention ended (R), its hold lapsed unconfirmed, or this version is newer: the claim wins (W).
	const retentionEnded = `(t.expires_at <= ${now})`;
	const wins = `(${retentionEnded} OR (t.state = 'claimed' AND t.lease_until <= ${now}) OR (excluded.version_rank IS NOT NULL AND (t.version_rank IS NULL OR excluded.version_rank > t.version_rank)))`;
	const onWin = (column: string) => `${column} = CASE WHEN ${wins} THEN excluded.${column} ELSE t.${column} END`;
	const onReset = (column: string) => `${column} = CASE WHEN ${retentionEnded} THEN excluded.${column} ELSE t.${column} END`;
	const sql = `INSERT INTO ${d.table('dedupe_keys')} AS t (${KEY_COLUMNS.join(', ')})
		SELECT ${selected.join(', ')} FROM ${from} WHERE true
		ON CONFLICT (namespace, key) DO UPDATE SET
			${['state', 'version', 'version_rank', 'claim_token', 'lease_until', 'expires_at'].map(onWin).join(',\n\t\t\t')},
			${['first_seen_at', 'first_execution', 'first_workflow'].map(onReset).join(',\n\t\t\t')},
			times_seen = CASE WHEN ${retentionEnded} THEN 1 ELSE t.times_seen + 1 END,
			last_seen_at = excluded.last_seen_at,
			last_execution = excluded.last_execution
		RETURNING ${KEY_COLUMNS.join(', ')}`;
	return { sql, params };
}

function keyList(d: Dialect, namespace: string, keys: string[]): { where: string; params: unknown[] } {
	const params: unknown[] = [namespace, ...keys];
	return { where: `namespace = ${d.param(1)} AND key IN (${keys.map((_, i) => d.param(i + 2)).join(', ')})`, params };
}

export function confirmStatement(d: Dialect, namespace: string, keys: string[]): Statement {
	const { where, params } = keyList(d, namespace, keys);
	return {
		sql: `UPDATE ${d.table('dedupe_keys')} SET state = 'confirmed', lease_until = NULL WHERE ${where} AND state = 'claimed' RETURNING key`,
		params,
	};
}

export function releaseStatement(d: Dialect, namespace: string, keys: string[]): Statement {
	const { where, params } = keyList(d, namespace, keys);
	return { sql: `DELETE FROM ${d.table('dedupe_keys')} WHERE ${where} AND state = 'claimed' RETURNING key`, params };
}

export function forgetStatement(d: Dialect, namespace: string, keys: string[]): Statement {
	const { where, params } = keyList(d, namespace, keys);
	return { sql: `DELETE FROM ${d.table('dedupe_keys')} WHERE ${where} RETURNING key`, params };
}

export function inspectStatement(d: Dialect, namespace: string, keys: string[]): Statement {
	const { where, params } = keyList(d, namespace, keys);
	return { sql: `SELECT ${KEY_COLUMNS.join(', ')} FROM ${d.table('dedupe_keys')} WHERE ${where}`, params };
}

export function purgeStatement(d: Dialect, now: number, limit: number): Statement {
	const table = d.table('dedupe_keys');
	return {
		sql: `DELETE FROM ${table} WHERE ${d.rowId} IN (SELECT ${d.rowId} FROM ${table} WHERE expires_at <= ${d.param(1)} LIMIT ${d.param(2)}) RETURNING key`,
		params: [now, limit],
	};
}

export function countStatement(d: Dialect, namespace?: string): Statement {
	return namespace === undefined
		? { sql: `SELECT count(*) AS n FROM ${d.table('dedupe_keys')}`, params: [] }
		: { sql: `SELECT count(*) AS n FROM ${d.table('dedupe_keys')} WHERE namespace = ${d.param(1)}`, params: [namespace] };
}

export function auditInsertStatement(d: Dialect, events: AuditEvent[], now: number): Statement {
	const columns: BatchColumn[] = ['entity', 'event', 'decision', 'workflow_id', 'execution_id', 'node', 'at', 'details'].map((name) => ({
		name,
		type: name === 'at' ? 'bigint' : 'text',
	}));
	const rows = events.map((event) => [
		event.entity,
		event.event,
		event.decision ?? null,
		event.workflowId ?? null,
		event.executionId ?? null,
		event.node ?? null,
		event.at ?? now,
		JSON.stringify(event.details ?? {}),
	]);
	const { from, params } = d.batch(columns, rows, 1);
	const names = columns.map((column) => column.name);
	return {
		sql: `INSERT INTO ${d.table('audit_events')} (${names.join(', ')}) SELECT ${names.map((name) => `r.${name}`).join(', ')} FROM ${from}`,
		params,
	};
}

export function trailStatement(d: Dialect, entity: string, afterId: number, limit: number): Statement {
	return {
		sql: `SELECT id, entity, event, decision, workflow_id, execution_id, node, at, details FROM ${d.table('audit_events')}
			WHERE entity = ${d.param(1)} AND id > ${d.param(2)} ORDER BY id LIMIT ${d.param(3)}`,
		params: [entity, afterId, limit],
	};
}

type Row = Record<string, unknown>;

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export function toStoredKey(row: Row): StoredKey {
	return {
		namespace: String(row.namespace),
		key: String(row.key),
		state: row.state as StoredKey['state'],
		version: (row.version as string | null) ?? null,
		versionRank: num(row.version_rank),
		claimToken: String(row.claim_token),
		leaseUntil: num(row.lease_until),
		firstSeenAt: Number(row.first_seen_at),
		lastSeenAt: Number(row.last_seen_at),
		timesSeen: Number(row.times_seen),
		firstExecutionId: String(row.first_execution),
		firstWorkflowId: String(row.first_workflow),
		lastExecutionId: String(row.last_execution),
		expiresAt: Number(row.expires_at),
	};
}

export function toStoredAuditEvent(row: Row): StoredAuditEvent {
	return {
		id: Number(row.id),
		entity: String(row.entity),
		event: String(row.event),
		decision: (row.decision as string | null) ?? '',
		workflowId: (row.workflow_id as string | null) ?? '',
		executionId: (row.execution_id as string | null) ?? '',
		node: (row.node as string | null) ?? '',
		at: Number(row.at),
		details: JSON.parse(String(row.details)) as Record<string, unknown>,
	};
}
