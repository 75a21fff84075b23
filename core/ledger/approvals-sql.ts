/**
 * Approval requests and decisions. A decision is one INSERT that only succeeds while the request
 * is pending and only once per approver; the verdict is one UPDATE that only succeeds while the
 * request is still pending (and, for approval, once the quorum of distinct approvers is there).
 * Whoever's UPDATE returns the row is the one that resumes the execution: never read-then-write.
 */
import type { Dialect, Statement } from './dialect';
import type { ApprovalDecision, ApprovalRequest, NewApprovalRequest } from './types';

const DECISION_COLUMNS =
	'request_id, approver, approver_name, decision, comment, at, ip, user_agent';
const REQUEST_COLUMNS =
	'request_id, secret, workflow_id, execution_id, node, created_at, expires_at, quorum, payload, status, decided_at, decided_by';

export function insertApprovalStatement(d: Dialect, request: NewApprovalRequest): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `INSERT INTO ${d.table('approval_requests')} (${REQUEST_COLUMNS})
			VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, 'pending', NULL, NULL)
			ON CONFLICT (request_id) DO NOTHING RETURNING request_id`,
		params: [
			request.requestId,
			request.secret,
			request.workflowId,
			request.executionId,
			request.node,
			request.createdAt,
			request.expiresAt,
			request.quorum,
			JSON.stringify(request.payload),
		],
	};
}

export function getApprovalStatement(d: Dialect, requestId: string): Statement {
	return {
		sql: `SELECT ${REQUEST_COLUMNS} FROM ${d.table('approval_requests')} WHERE request_id = ${d.param(1)}`,
		params: [requestId],
	};
}

export function approvalDecisionsStatement(d: Dialect, requestId: string): Statement {
	return {
		sql: `SELECT ${DECISION_COLUMNS} FROM ${d.table('approval_decisions')} WHERE request_id = ${d.param(1)} ORDER BY at, approver`,
		params: [requestId],
	};
}

export function insertDecisionStatement(d: Dialect, decision: ApprovalDecision): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `INSERT INTO ${d.table('approval_decisions')} (${DECISION_COLUMNS})
			SELECT ${p(1)}, ${p(2)}, ${p(8)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}
			WHERE EXISTS (SELECT 1 FROM ${d.table('approval_requests')} WHERE request_id = ${p(1)} AND status = 'pending' AND expires_at > ${p(5)})
			ON CONFLICT (request_id, approver) DO NOTHING RETURNING approver`,
		params: [
			decision.requestId,
			decision.approver,
			decision.decision,
			decision.comment,
			decision.at,
			decision.ip,
			decision.userAgent,
			decision.approverName,
		],
	};
}

/** Rejects at once; approves when the quorum of distinct approvals is reached. */
export function settleApprovalStatement(
	d: Dialect,
	requestId: string,
	verdict: 'approved' | 'rejected',
	by: string,
	at: number,
): Statement {
	const p = (n: number) => d.param(n);
	const quorumMet =
		verdict === 'approved'
			? ` AND (SELECT count(*) FROM ${d.table('approval_decisions')} WHERE request_id = ${p(1)} AND decision = 'approve') >= quorum`
			: '';
	return {
		sql: `UPDATE ${d.table('approval_requests')} SET status = ${p(2)}, decided_at = ${p(4)}, decided_by = ${p(3)}
			WHERE request_id = ${p(1)} AND status = 'pending'${quorumMet} RETURNING ${REQUEST_COLUMNS}`,
		params: [requestId, verdict, by, at],
	};
}

/** Pending requests whose time ran out become timed out, each once (whoever's UPDATE returns it). */
export function expireApprovalsStatement(d: Dialect, now: number, limit: number): Statement {
	const table = d.table('approval_requests');
	return {
		sql: `UPDATE ${table} SET status = 'timed_out', decided_at = expires_at, decided_by = NULL
			WHERE request_id IN (SELECT request_id FROM ${table} WHERE status = 'pending' AND expires_at <= ${d.param(1)} LIMIT ${d.param(2)})
			AND status = 'pending' RETURNING ${REQUEST_COLUMNS}`,
		params: [now, limit],
	};
}

/** Settled requests (and their decisions) past their retention. */
export function purgeApprovalsStatements(d: Dialect, before: number, limit: number): Statement[] {
	const requests = d.table('approval_requests');
	const old = `SELECT request_id FROM ${requests} WHERE status <> 'pending' AND decided_at < ${d.param(1)} ORDER BY request_id LIMIT ${d.param(2)}`;
	return [
		{
			sql: `DELETE FROM ${d.table('approval_decisions')} WHERE request_id IN (${old})`,
			params: [before, limit],
		},
		{
			sql: `DELETE FROM ${requests} WHERE request_id IN (${old}) RETURNING request_id`,
			params: [before, limit],
		},
	];
}

type Row = Record<string, unknown>;

export function toApprovalRequest(row: Row): ApprovalRequest {
	return {
		requestId: String(row.request_id),
		secret: String(row.secret),
		workflowId: (row.workflow_id as string | null) ?? '',
		executionId: String(row.execution_id),
		node: (row.node as string | null) ?? '',
		createdAt: Number(row.created_at),
		expiresAt: Number(row.expires_at),
		quorum: Number(row.quorum),
		payload: JSON.parse(String(row.payload)) as Record<string, unknown>,
		status: row.status as ApprovalRequest['status'],
		decidedAt: row.decided_at === null ? null : Number(row.decided_at),
		decidedBy: (row.decided_by as string | null) ?? null,
	};
}

export function toApprovalDecision(row: Row): ApprovalDecision {
	return {
		requestId: String(row.request_id),
		approver: String(row.approver),
		approverName: String(row.approver_name ?? row.approver),
		decision: row.decision as ApprovalDecision['decision'],
		comment: (row.comment as string | null) ?? null,
		at: Number(row.at),
		ip: (row.ip as string | null) ?? null,
		userAgent: (row.user_agent as string | null) ?? null,
	};
}
