/** The append-only audit trail: one batched INSERT per write, read back per entity in order. */
import { boundedDelete, type BatchColumn, type Dialect, type Statement } from './dialect';
import { summarize } from '../trail/summary';
import { indexedForm, originalIfHashed } from './indexed';
import type { AuditEvent, StoredAuditEvent } from './types';

const AUDIT_COLUMNS = [
	'entity',
	'event',
	'decision',
	'workflow_id',
	'execution_id',
	'node',
	'at',
	'details',
	'entity_text',
];

export function auditInsertStatement(d: Dialect, events: AuditEvent[], now: number): Statement {
	const columns: BatchColumn[] = AUDIT_COLUMNS.map((name) => ({
		name,
		type: name === 'at' ? 'bigint' : 'text',
	}));
	const rows = events.map((event) => [
		indexedForm(event.entity),
		event.event,
		event.decision ?? null,
		event.workflowId ?? null,
		event.executionId ?? null,
		event.node ?? null,
		event.at ?? now,
		JSON.stringify(event.details ?? {}),
		originalIfHashed(event.entity),
	]);
	const { from, params } = d.batch(columns, rows, 1);
	return {
		sql: `INSERT INTO ${d.table('audit_events')} (${AUDIT_COLUMNS.join(', ')}) SELECT ${AUDIT_COLUMNS.map((name) => `r.${name}`).join(', ')} FROM ${from}`,
		params,
	};
}

export function trailStatement(
	d: Dialect,
	entity: string,
	afterId: number,
	limit: number,
): Statement {
	return {
		sql: `SELECT id, ${AUDIT_COLUMNS.join(', ')} FROM ${d.table('audit_events')}
			WHERE entity = ${d.param(1)} AND id > ${d.param(2)} ORDER BY id LIMIT ${d.param(3)}`,
		params: [indexedForm(entity), afterId, limit],
	};
}

/** One execution's events (workflow and execution id), after `afterId`, in id order. */
export function executionEventsStatement(
	d: Dialect,
	input: { workflowId: string; executionId: string; afterId: number; limit: number },
): Statement {
	return {
		sql: `SELECT id, ${AUDIT_COLUMNS.join(', ')} FROM ${d.table('audit_events')}
			WHERE execution_id = ${d.param(1)} AND workflow_id = ${d.param(2)} AND id > ${d.param(3)} ORDER BY id LIMIT ${d.param(4)}`,
		params: [input.executionId, input.workflowId, input.afterId, input.limit],
	};
}

export function purgeAuditStatement(d: Dialect, before: number, limit: number): Statement {
	return boundedDelete(d, 'audit_events', `at < ${d.param(1)}`, before, limit, 'id');
}

export function toStoredAuditEvent(row: Record<string, unknown>): StoredAuditEvent {
	const event = {
		event: String(row.event),
		decision: (row.decision as string | null) ?? '',
		details: JSON.parse(String(row.details)) as Record<string, unknown>,
	};
	return {
		...event,
		summary: summarize(event),
		id: Number(row.id),
		entity: String(row.entity_text ?? row.entity),
		workflowId: (row.workflow_id as string | null) ?? '',
		executionId: (row.execution_id as string | null) ?? '',
		node: (row.node as string | null) ?? '',
		at: Number(row.at),
	};
}

/** Events of the given kinds in [from, to), after `afterId`, in id order: what the indicators read, page by page. */
export function auditBetweenStatement(
	d: Dialect,
	input: { from: number; to: number; events: string[]; afterId: number; limit: number },
): Statement {
	const kinds = input.events.map((_, i) => d.param(i + 5)).join(', ');
	return {
		sql: `SELECT id, ${AUDIT_COLUMNS.join(', ')} FROM ${d.table('audit_events')}
			WHERE at >= ${d.param(1)} AND at < ${d.param(2)} AND id > ${d.param(3)} AND event IN (${kinds}) ORDER BY id LIMIT ${d.param(4)}`,
		params: [input.from, input.to, input.afterId, input.limit, ...input.events],
	};
}
