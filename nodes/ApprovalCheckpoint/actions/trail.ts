/** The audit rows an approval writes, built from what the ledger committed in the same transaction. */
import { approvalEntities } from '../../../core/approval/entity';
import type { ApprovalRequest, AuditEvent, DecisionOutcome } from '../../../core/ledger';
import { payloadOf } from './outcome';

function entitiesOf(request: ApprovalRequest): string[] {
	const payload = payloadOf(request);
	return approvalEntities(payload.items, payload.rules, request.requestId);
}

const origin = (request: ApprovalRequest) => ({
	executionId: request.executionId,
	workflowId: request.workflowId,
	node: request.node,
});

export function requestedTrail(request: ApprovalRequest, approvers: string[]): AuditEvent[] {
	const payload = payloadOf(request);
	return entitiesOf(request).map((entity) => ({
		entity,
		event: 'approval.requested',
		decision: 'pending',
		...origin(request),
		at: request.createdAt,
		details: {
			requestId: request.requestId,
			quorum: request.quorum,
			approvers,
			expiresAt: new Date(request.expiresAt).toISOString(),
			rules: payload.rules.flat().map((rule) => rule.rule),
		},
	}));
}

export interface DecisionContext {
	approver: string;
	approverName: string;
	comment: string | null;
	ip: string | null;
	userAgent: string;
}

export function decisionTrail(
	context: DecisionContext,
): (outcome: DecisionOutcome) => AuditEvent[] {
	return (outcome) => {
		if (!outcome.recorded) return [];
		const mine = outcome.decisions.find((d) => d.approver === context.approver);
		const approvals = outcome.decisions
			.filter((d) => d.decision === 'approve')
			.map((d) => d.approverName || d.approver);
		return entitiesOf(outcome.request).map((entity) => ({
			entity,
			event: 'approval.decision',
			decision: mine?.decision,
			...origin(outcome.request),
			at: mine?.at,
			details: {
				requestId: outcome.request.requestId,
				approver: context.approverName,
				comment: context.comment,
				ip: context.ip,
				userAgent: context.userAgent,
				settled: outcome.settled,
				status: outcome.request.status,
				approvals,
			},
		}));
	};
}

export function timedOutTrail(request: ApprovalRequest): AuditEvent[] {
	return entitiesOf(request).map((entity) => ({
		entity,
		event: 'approval.timed-out',
		decision: 'timed_out',
		...origin(request),
		at: request.expiresAt,
		details: { requestId: request.requestId, policy: payloadOf(request).timeoutPolicy },
	}));
}
