/** Idempotent writes (Stripe's key states), one statement per transition; keys in their indexed form. */
import { boundedDelete, nullableNumber, type Dialect, type Statement } from './dialect';
import { ownerDead } from './liveness';
import type { WriteRecord } from './types';

const RECORD_COLUMNS =
	'scope, key, fingerprint, state, owner, lease_until, attempts, status, body, error, entity, created_at, updated_at, key_text, owner_process';

export interface IndexedBegin {
	scope: string;
	key: string;
	keyText: string | null;
	fingerprint: string;
	owner: string;
	leaseMs: number;
	entity: string;
	now: number;
	/** The process writing, and the moment before which a process that has not beaten is dead. */
	processId: string;
	deadline: number;
}

/**
 * Starts (or takes over) an idempotent write in one statement: a new key is inserted in flight;
 * an in-flight record whose lease lapsed or whose process died, with the same fingerprint,
 * passes to the new owner.
 */
export function beginWriteStatement(d: Dialect, input: IndexedBegin): Statement {
	const p = (n: number) => d.param(n);
	const ended = `(t.lease_until <= ${p(6)} OR ${ownerDead(d, 't.owner_process', p(10))})`;
	const takeover = `(t.state = 'in_flight' AND ${ended} AND t.fingerprint = excluded.fingerprint)`;
	const onTakeover = (column: string, value: string) =>
		`${column} = CASE WHEN ${takeover} THEN ${value} ELSE t.${column} END`;
	return {
		sql: `INSERT INTO ${d.table('idempotency_records')} AS t (${RECORD_COLUMNS})
			VALUES (${p(1)}, ${p(2)}, ${p(3)}, 'in_flight', ${p(4)}, ${p(5)}, 1, NULL, NULL, NULL, ${p(7)}, ${p(6)}, ${p(6)}, ${p(8)}, ${p(9)})
			ON CONFLICT (scope, key) DO UPDATE SET
				${onTakeover('owner', 'excluded.owner')},
				${onTakeover('lease_until', 'excluded.lease_until')},
				${onTakeover('attempts', 't.attempts + 1')},
				${onTakeover('updated_at', 'excluded.updated_at')},
				${onTakeover('owner_process', 'excluded.owner_process')}
			RETURNING ${RECORD_COLUMNS}`,
		params: [
			input.scope,
			input.key,
			input.fingerprint,
			input.owner,
			input.now + input.leaseMs,
			input.now,
			input.entity,
			input.keyText,
			input.processId,
			input.deadline,
		],
	};
}

/** Records the outcome, only for the owner of a write still in flight. */
export function finishWriteStatement(
	d: Dialect,
	input: {
		scope: string;
		key: string;
		owner: string;
		state: string;
		status: number | null;
		body: string | null;
		error: string | null;
		now: number;
	},
): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `UPDATE ${d.table('idempotency_records')} SET state = ${p(4)}, status = ${p(5)}, body = ${p(6)}, error = ${p(7)},
				lease_until = NULL, updated_at = ${p(8)}
			WHERE scope = ${p(1)} AND key = ${p(2)} AND owner = ${p(3)} AND state = 'in_flight' RETURNING key`,
		params: [
			input.scope,
			input.key,
			input.owner,
			input.state,
			input.status,
			input.body,
			input.error,
			input.now,
		],
	};
}

/** Gives an in-flight write back (its attempt certainly changed nothing remotely, or the remote dedupes). */
/** Ends an in-flight write's lease now, keeping the record (its outcome could not be checked): the next attempt takes it over. */
export function yieldWriteStatement(
	d: Dialect,
	scope: string,
	key: string,
	owner: string,
	now: number,
): Statement {
	return {
		sql: `UPDATE ${d.table('idempotency_records')} SET lease_until = ${d.param(4)}, updated_at = ${d.param(4)} WHERE scope = ${d.param(1)} AND key = ${d.param(2)} AND owner = ${d.param(3)} AND state = 'in_flight' RETURNING key`,
		params: [scope, key, owner, now],
	};
}

export function abandonWriteStatement(
	d: Dialect,
	scope: string,
	key: string,
	owner: string,
): Statement {
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

/** Settled writes past their retention; in-flight and in-doubt ones wait for a person. */
export function purgeWritesStatement(d: Dialect, before: number, limit: number): Statement {
	return boundedDelete(
		d,
		'idempotency_records',
		`state IN ('succeeded', 'failed', 'superseded') AND updated_at < ${d.param(1)}`,
		before,
		limit,
	);
}

/** One entity's writes still in flight, each saying whether its process died (its attempt ended with it). */
export function inFlightWritesStatement(
	d: Dialect,
	scope: string,
	entity: string,
	deadline: number,
): Statement {
	return {
		sql: `SELECT ${RECORD_COLUMNS}, CASE WHEN ${ownerDead(d, 'owner_process', d.param(3))} THEN 1 ELSE 0 END AS owner_dead
			FROM ${d.table('idempotency_records')} WHERE scope = ${d.param(1)} AND entity = ${d.param(2)} AND state = 'in_flight'`,
		params: [scope, entity, deadline],
	};
}

/**
 * Notes on a write still in flight that the remote already holds what it sends, or newer
 * (`holds`, e.g. "version 2026-11-22T10:02:00Z"): its live owner may still finish it, but once
 * its process is dead it is superseded (settleCoveredStatement).
 */
export function coverWriteStatement(
	d: Dialect,
	input: { scope: string; key: string; holds: string },
): Statement {
	return {
		sql: `UPDATE ${d.table('idempotency_records')} SET covered_by = ${d.param(3)} WHERE scope = ${d.param(1)} AND key = ${d.param(2)} AND state = 'in_flight' RETURNING key`,
		params: [input.scope, input.key, input.holds],
	};
}

/** Settles as superseded the covered writes (optionally of one scope and entity) whose process died. */
export function settleCoveredStatement(
	d: Dialect,
	input: { now: number; deadline: number; scope?: string; entity?: string },
): Statement {
	const p = (n: number) => d.param(n);
	const params: unknown[] = [input.now, input.deadline];
	const scope = input.scope === undefined ? '' : ` AND scope = ${p(params.push(input.scope))}`;
	const entity = input.entity === undefined ? '' : ` AND entity = ${p(params.push(input.entity))}`;
	return {
		sql: `UPDATE ${d.table('idempotency_records')}
			SET state = 'superseded', lease_until = NULL, updated_at = ${p(1)},
				error = 'Its process died mid-attempt, and the remote now holds ' || covered_by || ' of ' || COALESCE(entity, key_text, key) || ': nothing to resend'
			WHERE state = 'in_flight' AND covered_by IS NOT NULL AND ${ownerDead(d, 'owner_process', p(2))}${scope}${entity}
			RETURNING ${RECORD_COLUMNS}, covered_by`,
		params,
	};
}

/** In-doubt writes, oldest first, optionally of one scope or entity. */
export function inDoubtWritesStatement(
	d: Dialect,
	filter: { scope?: string; entity?: string; limit: number },
): Statement {
	const where = [`state = 'in_doubt'`];
	const params: unknown[] = [];
	if (filter.scope) where.push(`scope = ${d.param(params.push(filter.scope))}`);
	if (filter.entity) where.push(`entity = ${d.param(params.push(filter.entity))}`);
	params.push(filter.limit);
	return {
		sql: `SELECT ${RECORD_COLUMNS} FROM ${d.table('idempotency_records')} WHERE ${where.join(' AND ')} ORDER BY updated_at LIMIT ${d.param(params.length)}`,
		params,
	};
}

/** A person checked the remote and found the write applied: it becomes the write's result. */
export function resolveAppliedStatement(
	d: Dialect,
	input: { scope: string; key: string; status: number; body: string; now: number },
): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `UPDATE ${d.table('idempotency_records')} SET state = 'succeeded', status = ${p(3)}, body = ${p(4)}, error = NULL, lease_until = NULL, updated_at = ${p(5)}
			WHERE scope = ${p(1)} AND key = ${p(2)} AND state = 'in_doubt' RETURNING ${RECORD_COLUMNS}`,
		params: [input.scope, input.key, input.status, input.body, input.now],
	};
}

/** A person found it not applied: the record goes, so the next run sends it again. */
export function resolveNotAppliedStatement(d: Dialect, scope: string, key: string): Statement {
	return {
		sql: `DELETE FROM ${d.table('idempotency_records')} WHERE scope = ${d.param(1)} AND key = ${d.param(2)} AND state = 'in_doubt' RETURNING ${RECORD_COLUMNS}`,
		params: [scope, key],
	};
}

export function toWriteRecord(row: Record<string, unknown>): WriteRecord {
	return {
		scope: String(row.scope),
		key: String(row.key_text ?? row.key),
		fingerprint: String(row.fingerprint),
		state: row.state as WriteRecord['state'],
		owner: String(row.owner),
		leaseUntil: nullableNumber(row.lease_until),
		attempts: Number(row.attempts),
		status: nullableNumber(row.status),
		body: (row.body as string | null) ?? null,
		error: (row.error as string | null) ?? null,
		entity: (row.entity as string | null) ?? null,
		createdAt: Number(row.created_at),
		updatedAt: Number(row.updated_at),
	};
}
