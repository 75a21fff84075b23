/** The exception queue's statements; entities in their indexed form (indexed.ts). */
import { inList, nullableNumber, type Dialect, type Statement } from './dialect';
import { indexedForm, originalIfHashed } from './indexed';
import type { ExceptionFilter, ExceptionRecord, NewException } from './types';

const COLUMNS =
	'id, kind, entity, entity_text, workflow_id, node, execution_id, reason, action, item, state, opened_at, last_seen_at, times_seen, acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution, note';

/** Opens an exception, or counts a repeat on the unresolved one of the same entity, node and kind. */
export function recordExceptionStatement(d: Dialect, input: NewException): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `INSERT INTO ${d.table('exceptions')} (kind, entity, entity_text, workflow_id, node, execution_id, reason, action, item, state, opened_at, last_seen_at, times_seen)
			VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, 'open', ${p(10)}, ${p(10)}, 1)
			ON CONFLICT (workflow_id, node, entity, kind) WHERE state <> 'resolved' DO UPDATE SET
				times_seen = ${d.table('exceptions')}.times_seen + 1, last_seen_at = excluded.last_seen_at,
				execution_id = excluded.execution_id, reason = excluded.reason, action = excluded.action, item = excluded.item
			RETURNING ${COLUMNS}`,
		params: [
			input.kind,
			indexedForm(input.entity),
			originalIfHashed(input.entity),
			input.workflowId,
			input.node,
			input.executionId,
			input.reason,
			input.action,
			JSON.stringify(input.item),
			input.at,
		],
	};
}

/** Resolves what is unresolved for these entities at one node (a later success there). */
export function resolveOfStatement(
	d: Dialect,
	input: {
		workflowId: string;
		node: string;
		entities: string[];
		by: string;
		note: string;
		at: number;
	},
): Statement {
	const p = (n: number) => d.param(n);
	const entities = input.entities.map(indexedForm);
	return {
		sql: `UPDATE ${d.table('exceptions')} SET state = 'resolved', resolved_at = ${p(1)}, resolved_by = ${p(2)}, resolution = 'automatic', note = ${p(3)}
			WHERE workflow_id = ${p(4)} AND node = ${p(5)} AND state <> 'resolved' AND ${inList(d, 'entity', entities, 6)}
			RETURNING ${COLUMNS}`,
		params: [input.at, input.by, input.note, input.workflowId, input.node, ...entities],
	};
}

/** A person's verdict on an in-doubt write resolves the entity's unresolved in-doubt exceptions. */
export function resolveInDoubtExceptionsStatement(
	d: Dialect,
	input: { entity: string; by: string; resolution: string; note: string; at: number },
): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `UPDATE ${d.table('exceptions')} SET state = 'resolved', resolved_at = ${p(1)}, resolved_by = ${p(2)}, resolution = ${p(3)}, note = ${p(4)}
			WHERE entity = ${p(5)} AND kind = 'in_doubt' AND state <> 'resolved' RETURNING ${COLUMNS}`,
		params: [input.at, input.by, input.resolution, input.note, indexedForm(input.entity)],
	};
}

export function acknowledgeStatement(d: Dialect, id: number, by: string, at: number): Statement {
	return {
		sql: `UPDATE ${d.table('exceptions')} SET state = 'acknowledged', acknowledged_at = ${d.param(1)}, acknowledged_by = ${d.param(2)}
			WHERE id = ${d.param(3)} AND state = 'open' RETURNING ${COLUMNS}`,
		params: [at, by, id],
	};
}

export function resolveStatement(
	d: Dialect,
	id: number,
	input: { by: string; resolution: string; note: string; at: number },
): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `UPDATE ${d.table('exceptions')} SET state = 'resolved', resolved_at = ${p(1)}, resolved_by = ${p(2)}, resolution = ${p(3)}, note = ${p(4)}
			WHERE id = ${p(5)} AND state <> 'resolved' RETURNING ${COLUMNS}`,
		params: [input.at, input.by, input.resolution, input.note, id],
	};
}

export function getExceptionStatement(d: Dialect, id: number): Statement {
	return {
		sql: `SELECT ${COLUMNS} FROM ${d.table('exceptions')} WHERE id = ${d.param(1)}`,
		params: [id],
	};
}

/** Oldest first; `unresolved` is open or acknowledged. */
export function listExceptionsStatement(d: Dialect, filter: ExceptionFilter): Statement {
	const where: string[] = [];
	const params: unknown[] = [];
	const add = (clause: (param: string) => string, value: unknown) => {
		params.push(value);
		where.push(clause(d.param(params.length)));
	};
	if (filter.state === 'unresolved') where.push(`state <> 'resolved'`);
	else if (filter.state) add((p) => `state = ${p}`, filter.state);
	if (filter.kind) add((p) => `kind = ${p}`, filter.kind);
	if (filter.workflowId) add((p) => `workflow_id = ${p}`, filter.workflowId);
	if (filter.entity) add((p) => `entity = ${p}`, indexedForm(filter.entity));
	if (filter.openedBefore !== undefined) add((p) => `opened_at < ${p}`, filter.openedBefore);
	params.push(filter.limit ?? 100);
	return {
		sql: `SELECT ${COLUMNS} FROM ${d.table('exceptions')}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY opened_at, id LIMIT ${d.param(params.length)}`,
		params,
	};
}

const nullableText = (value: unknown) =>
	value === null || value === undefined ? null : String(value);

export function toExceptionRecord(row: Record<string, unknown>): ExceptionRecord {
	return {
		id: Number(row.id),
		kind: String(row.kind) as ExceptionRecord['kind'],
		entity: String(row.entity_text ?? row.entity),
		workflowId: String(row.workflow_id),
		node: String(row.node),
		executionId: nullableText(row.execution_id),
		reason: String(row.reason),
		action: String(row.action),
		item: JSON.parse(String(row.item)) as Record<string, unknown>,
		state: String(row.state) as ExceptionRecord['state'],
		openedAt: Number(row.opened_at),
		lastSeenAt: Number(row.last_seen_at),
		timesSeen: Number(row.times_seen),
		acknowledgedAt: nullableNumber(row.acknowledged_at),
		acknowledgedBy: nullableText(row.acknowledged_by),
		resolvedAt: nullableNumber(row.resolved_at),
		resolvedBy: nullableText(row.resolved_by),
		resolution: nullableText(row.resolution),
		note: nullableText(row.note),
		at: Number(row.last_seen_at),
	};
}
