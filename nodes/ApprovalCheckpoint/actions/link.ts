/** The signed link a request is opened with, and the node's own resume call: each checked before anything is shown or decided. */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ANYONE } from '../../../core/approval/approvers';
import { checkLink, checkResume, postedLink, type PostedLink } from '../../../core/approval/links';
import { messagePage } from '../../../core/approval/page';
import type { ApprovalDecision, ApprovalRequest, Ledger } from '../../../core/ledger';
import { NOT_VALID, send } from './answers';
import { payloadOf } from './outcome';
import { expire, settledAnswer } from './settled';

/** A pending request opened with a valid link, and who it lets decide (null: anyone, who types a name). */
export interface Deciding {
	state: { request: ApprovalRequest; decisions: ApprovalDecision[] };
	link: PostedLink;
	approver: { id: string; name: string } | null;
}

/** The request and the approver the posted link was signed for, or the page that refuses it. */
export async function resolveLink(
	fns: IWebhookFunctions,
	ledger: Ledger,
	fields: Record<string, string>,
): Promise<Deciding | IWebhookResponseData> {
	const link = postedLink(fields);
	const state = link.requestId ? await ledger.getApproval(link.requestId) : undefined;
	if (!state || state.request.executionId !== String(fns.getExecutionId()))
		return send(fns, 401, NOT_VALID);
	const verdict = checkLink(state.request.secret, link, state.request, Date.now());
	const payload = payloadOf(state.request);
	const named = payload.approvers?.find((candidate) => candidate.key === link.approver);
	const anyone = payload.approverMode === 'anyone' && link.approver === ANYONE;
	if (verdict === 'tampered' || (!named && !anyone)) return send(fns, 401, NOT_VALID);
	if (state.request.status === 'pending' && verdict === 'expired')
		return await expire(fns, ledger, state.request.requestId);
	return { state, link, approver: named ? { id: named.id, name: named.name } : null };
}

/** The node's own call (see nudge.ts): resume if settled or expired, else nothing. */
export async function resume(
	fns: IWebhookFunctions,
	ledger: Ledger,
	fields: Record<string, string>,
): Promise<IWebhookResponseData> {
	const state = fields.r ? await ledger.getApproval(fields.r) : undefined;
	if (
		!state ||
		state.request.executionId !== String(fns.getExecutionId()) ||
		!checkResume(
			state.request.secret,
			state.request.requestId,
			state.request.executionId,
			fields.t ?? '',
		)
	)
		return send(fns, 401, NOT_VALID);
	if (state.request.status !== 'pending')
		return await settledAnswer(fns, ledger, state.request, state.decisions, 200);
	if (state.request.expiresAt <= Date.now())
		return await expire(fns, ledger, state.request.requestId);
	return send(fns, 200, messagePage('Waiting', 'The request is still waiting for a decision.'));
}
