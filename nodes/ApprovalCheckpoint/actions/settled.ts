/** A request no longer pending: the page that says how it ended, and the resume of the waiting execution with that. */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { messagePage } from '../../../core/approval/page';
import type { ApprovalDecision, ApprovalRequest, Ledger } from '../../../core/ledger';
import { NOT_VALID, send, when } from './answers';
import { resumeWith } from './exceptions';
import { payloadOf } from './outcome';
import { timedOutTrail } from './trail';

/** The page and the resume for a request that is no longer pending. */
export async function settledAnswer(
	fns: IWebhookFunctions,
	ledger: Ledger,
	request: ApprovalRequest,
	decisions: ApprovalDecision[],
	status: number,
): Promise<IWebhookResponseData> {
	const payload = payloadOf(request);
	const message =
		request.status === 'timed_out'
			? `This request expired at ${when(request.expiresAt)}; nothing was decided (${payload.timeoutPolicy === 'timedOut' ? 'routed to Timed Out' : `policy: ${payload.timeoutPolicy}`}).`
			: `Already decided: ${request.status} by ${nameOf(request.decidedBy, decisions)} at ${when(request.decidedAt)}.`;
	send(
		fns,
		status,
		messagePage(
			request.status === 'timed_out' ? 'Link expired' : 'Already decided',
			message,
			decisions,
		),
	);
	return await resumeWith(fns, ledger, request, decisions);
}

const nameOf = (approver: string | null, decisions: ApprovalDecision[]) =>
	decisions.find((d) => d.approver === approver)?.approverName || approver || 'nobody';

/** Time ran out: record it (with its trail) and resume with the timeout policy, or with a decision that won the race. */
export async function expire(
	fns: IWebhookFunctions,
	ledger: Ledger,
	requestId: string,
): Promise<IWebhookResponseData> {
	await ledger.expireApprovals(Date.now(), timedOutTrail);
	const state = await ledger.getApproval(requestId);
	if (!state) return send(fns, 401, NOT_VALID);
	return await settledAnswer(fns, ledger, state.request, state.decisions, 410);
}
