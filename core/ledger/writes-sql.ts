/** Idempotent writes (Stripe's key states), one statement per transition; keys in their indexed form. */
import { boundedDelete, nullableNumber, type Dialect, type Statement } from './dialect';
import type { WriteRecord } from './types';

const RECORD_COLUMNS =
	'scope, key, fingerprint, state, owner, lease_until, attempts, status, body, error, entity, created_at, updated_at, key_text';

export interface IndexedBegin {
	scope: string;
	key: string;
	keyText: string | null;
	fingerprint: string;
	owner: string;
	leaseMs: number;
	entity: string;
	now: number;
}

/**
 * Starts (or takes over) an idempotent write in one statement: a new key is inserted in flight;
 * an in-flight record whose lease lapsed, with the same fingerprint, passes to the new owner.
 */
export function beginWriteStatement(d: Dialect, input: IndexedBegin): Statement {
	const p = (n: number) => d.param(n);
	const takeover = `(t.state = 'in_flight' AND t.lease_until <= ${p(6)} AND t.fingerprint = excluded.fingerprint)`;
	const onTakeover = (column: string, value: string) => `${column} = CASE WHEN ${takeover} THEN ${value} ELSE t.${column} END`;
	return {
		sql: `INSERT INTO ${d.table('idempotency_records')} AS t (${RECORD_COLUMNS})
			VALUES (${p(1)}, ${p(2)}, ${p(3)}, 'in_flight', ${p(4)}, ${p(5)}, 1, NULL, NULL, NULL, ${p(7)}, ${p(6)}, ${p(6)}, ${p(8)})
			ON CONFLICT (scope, key) DO UPDATE SET
				${onTakeover('owner', 'excluded.owner')},
				${onTakeover('lease_until', 'excluded.lease_until')},
				${onTakeover('attempts', 't.attempts + 1')},
				${onTakeover('updated_at', 'excluded.updated_at')}
			RETURNING ${RECORD_COLUMNS}`,
		params: [input.scope, input.key, input.fingerprint, input.owner, input.now + input.leaseMs, input.now, input.entity, input.keyText],
	};
}

/** Records the outcome, only for the owner of a write still in flight. */
export function finishWriteStatement(
	d: Dialect,
	input: { scope: string; key: string; owner: string; state: string; status: number | null; body: string | null; error: string | null; now: number },
): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `UPDATE ${d.table('idempotency_records')} SET state = ${p(4)}, status = ${p(5)}, body = ${p(6)}, error = ${p(7)},
				lease_until = NULL, updated_at = ${p(8)}
			WHERE scope = ${p(1)} AND key = ${p(2)} AND owner = ${p(3)} AND state = 'in_flight' RETURNING key`,
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

/** Settled writes past their retention; in-flight and in-doubt ones wait for a person. */
export function purgeWritesStatement(d: Dialect, before: number, limit: number): Statement {
	return boundedDelete(d, 'idempotency_records', `state IN ('succeeded', 'failed') AND updated_at < ${d.param(1)}`, before, limit);
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
