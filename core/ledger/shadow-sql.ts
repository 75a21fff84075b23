/** Shadow writes: what a shadow run would have sent, one row per idempotency key, keys in their indexed form. */
import { inList, type Dialect, type Statement } from './dialect';
import type { ShadowQuery, ShadowWrite } from './types';

const COLUMNS =
	'scope, key, key_text, fingerprint, entity, method, url, body, workflow_id, execution_id, node, recorded_at';

/** Inserts the write unless its key holds one: returns the row only when inserted. */
export function recordShadowStatement(
	d: Dialect,
	write: ShadowWrite,
	key: string,
	keyText: string | null,
): Statement {
	const values = Array.from({ length: 12 }, (_, i) => d.param(i + 1)).join(', ');
	return {
		sql: `INSERT INTO ${d.table('shadow_writes')} (${COLUMNS}) VALUES (${values}) ON CONFLICT (scope, key) DO NOTHING RETURNING ${COLUMNS}`,
		params: [
			write.scope,
			key,
			keyText,
			write.fingerprint,
			write.entity,
			write.method,
			write.url,
			write.body,
			write.workflowId,
			write.executionId,
			write.node,
			write.recordedAt,
		],
	};
}

export function getShadowStatement(d: Dialect, scope: string, key: string): Statement {
	return {
		sql: `SELECT ${COLUMNS} FROM ${d.table('shadow_writes')} WHERE scope = ${d.param(1)} AND key = ${d.param(2)}`,
		params: [scope, key],
	};
}

/** The WHERE clause of a query and its parameters, from `firstParam` on. */
function where(
	d: Dialect,
	query: ShadowQuery,
	firstParam: number,
): { sql: string; params: unknown[] } {
	const conditions: string[] = [];
	const params: unknown[] = [];
	const next = () => firstParam + params.length;
	if (query.since !== undefined) {
		conditions.push(`recorded_at >= ${d.param(next())}`);
		params.push(query.since);
	}
	if (query.until !== undefined) {
		conditions.push(`recorded_at < ${d.param(next())}`);
		params.push(query.until);
	}
	if (query.scopes && query.scopes.length > 0) {
		conditions.push(inList(d, 'scope', query.scopes, next()));
		params.push(...query.scopes);
	}
	return { sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

export function shadowWritesStatement(d: Dialect, query: ShadowQuery): Statement {
	const filter = where(d, query, 1);
	const limit = query.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(query.limit))}`;
	return {
		sql: `SELECT ${COLUMNS} FROM ${d.table('shadow_writes')} ${filter.sql} ORDER BY recorded_at, scope, key${limit}`,
		params: filter.params,
	};
}

export function deleteShadowStatement(d: Dialect, query: ShadowQuery): Statement {
	const filter = where(d, query, 1);
	return {
		sql: `DELETE FROM ${d.table('shadow_writes')} ${filter.sql} RETURNING scope`,
		params: filter.params,
	};
}

export function toShadowWrite(row: Record<string, unknown>): ShadowWrite {
	return {
		scope: String(row.scope),
		key: String(row.key_text ?? row.key),
		fingerprint: String(row.fingerprint),
		entity: String(row.entity),
		method: String(row.method),
		url: String(row.url),
		body: row.body === null || row.body === undefined ? null : String(row.body),
		workflowId: String(row.workflow_id),
		executionId: String(row.execution_id),
		node: String(row.node),
		recordedAt: Number(row.recorded_at),
	};
}
