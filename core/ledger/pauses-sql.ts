/**
 * Paused flows: while a workflow is paused its Shopify Trigger parks each delivery in the inbox
 * (answered 200, no execution) and its poll does not run; resuming makes the parked deliveries
 * due in the order they arrived, for the workflow's Redelivery Trigger to drain.
 */
import type { Dialect, Statement } from './dialect';
import { RESUME_ACCEPTOR, type FlowPause } from './types';

/** A second pause keeps when the first began: the pause is one span of time, whoever extends it. */
export function pauseStatement(d: Dialect, pause: FlowPause): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `INSERT INTO ${d.table('flow_pauses')} (workflow_id, paused_at, paused_by, reason) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)})
			ON CONFLICT (workflow_id) DO UPDATE SET paused_by = excluded.paused_by, reason = excluded.reason
			RETURNING workflow_id, paused_at, paused_by, reason`,
		params: [pause.workflowId, pause.pausedAt, pause.by, pause.reason],
	};
}

export function unpauseStatement(d: Dialect, workflowId: string): Statement {
	return {
		sql: `DELETE FROM ${d.table('flow_pauses')} WHERE workflow_id = ${d.param(1)} RETURNING workflow_id, paused_at, paused_by, reason`,
		params: [workflowId],
	};
}

export function pausesStatement(d: Dialect, workflowId?: string): Statement {
	const base = `SELECT workflow_id, paused_at, paused_by, reason FROM ${d.table('flow_pauses')}`;
	return workflowId === undefined
		? { sql: `${base} ORDER BY paused_at`, params: [] }
		: { sql: `${base} WHERE workflow_id = ${d.param(1)}`, params: [workflowId] };
}

/** Parked deliveries become due at once, ordered by when they arrived (the sweep takes them by due time). */
export function releaseParkedStatement(d: Dialect, workflowId: string): Statement {
	return {
		sql: `UPDATE ${d.table('inbox')} SET state = 'accepted', due_at = received_at, accepted_by = '${RESUME_ACCEPTOR}' WHERE workflow_id = ${d.param(1)} AND state = 'parked' RETURNING id`,
		params: [workflowId],
	};
}

export function toFlowPause(row: Record<string, unknown>): FlowPause {
	return {
		workflowId: String(row.workflow_id),
		pausedAt: Number(row.paused_at),
		by: String(row.paused_by),
		reason: String(row.reason),
	};
}
