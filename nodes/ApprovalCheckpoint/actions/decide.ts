/**
 * The decision page behind the link. GET shows the request and decides nothing; POST decides,
 * once per approver, and only a person's browser may (link previews of chat apps never do).
 * The decision that settles the request resumes the execution, on whichever instance receives it.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { approvalEntities } from '../../../core/approval/entity';
import { checkLink, isBot } from '../../../core/approval/links';
import { decisionPage, messagePage } from '../../../core/approval/page';
import type { ApprovalDecision, Ledger } from '../../../core/ledger';
import { routed, type StoredPayload } from './outcome';

function send(fns: IWebhookFunctions, status: number, html: string): IWebhookResponseData {
	const response = fns.getResponseObject();
	response.status(status);
	response.setHeader('content-type', 'text/html; charset=utf-8');
	response.setHeader('cache-control', 'no-store');
	response.send(html);
	return { noWebhookResponse: true };
}

function formFields(body: unknown): Record<string, string> {
	if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
	if (body && typeof body === 'object') return Object.fromEntries(Object.entries(body as IDataObject).map(([key, value]) => [key, String(value ?? '')]));
	return {};
}

const describe = (decisions: ApprovalDecision[]) => decisions.map((d) => `${d.approver} at ${new Date(d.at).toISOString()}`).join(', ');

export async function webhook(fns: IWebhookFunctions, ledger: Ledger): Promise<IWebhookResponseData> {
	const request = fns.getRequestObject();
	const query = fns.getQueryData() as Record<string, string>;
	const method = request.method.toUpperCase();
	const userAgent = String(fns.getHeaderData()['user-agent'] ?? '');
	const requestId = String(query.request ?? '');
	const state = requestId ? await ledger.getApproval(requestId) : undefined;
	if (!state) return send(fns, 401, messagePage('Link not valid', 'This approval link is not valid. Use the link from the notification as it was sent.'));

	const verdict = checkLink(
		state.request.secret,
		{ requestId, executionId: fns.getExecutionId(), expiresAt: Number(query.expires), token: String(query.token ?? '') },
		state.request,
		Date.now(),
	);
	if (verdict === 'tampered') return send(fns, 401, messagePage('Link not valid', 'This approval link has been changed. Use the link from the notification as it was sent.'));
	const settledBy = () => `Already decided: ${state.request.status} by ${state.request.decidedBy} at ${new Date(state.request.decidedAt ?? 0).toISOString()}.`;
	if (state.request.status !== 'pending') return send(fns, method === 'POST' ? 409 : 200, messagePage('Already decided', settledBy(), state.decisions));
	if (verdict === 'expired') return send(fns, 410, messagePage('Link expired', `This request expired at ${new Date(state.request.expiresAt).toISOString()}; nothing was decided.`));

	const payload = state.request.payload as unknown as StoredPayload;
	if (method !== 'POST') return send(fns, 200, decisionPage(state.request, state.decisions, payload.summaries, request.url ?? ''));
	if (isBot(userAgent)) return send(fns, 403, messagePage('Not decided', 'Automated link previews cannot decide. Open the link in a browser.'));

	const fields = formFields(fns.getBodyData() && Object.keys(fns.getBodyData()).length ? fns.getBodyData() : (request as { rawBody?: Buffer }).rawBody?.toString('utf8'));
	const approver = (fields.approver ?? '').trim().slice(0, 200);
	const decision = fields.decision === 'approve' ? 'approve' : fields.decision === 'reject' ? 'reject' : undefined;
	if (!approver || !decision) return send(fns, 400, messagePage('Not decided', 'Enter your name and choose Approve or Reject.'));

	const at = Date.now();
	const ip = String(fns.getHeaderData()['x-forwarded-for'] ?? request.ip ?? '').split(',')[0].trim() || null;
	const outcome = await ledger.decideApproval({ requestId, approver, approverName: approver, decision, comment: (fields.comment ?? '').trim().slice(0, 2000) || null, at, ip, userAgent });
	if (!outcome) return send(fns, 401, messagePage('Link not valid', 'This approval request no longer exists.'));
	if (!outcome.recorded) {
		const mine = outcome.decisions.find((d) => d.approver === approver);
		const message = mine ? `You already ${mine.decision === 'approve' ? 'approved' : 'rejected'} at ${new Date(mine.at).toISOString()}.` : outcome.request.status !== 'pending' ? `Already decided: ${outcome.request.status} by ${outcome.request.decidedBy} at ${new Date(outcome.request.decidedAt ?? 0).toISOString()}.` : 'The request expired; nothing was decided.';
		return send(fns, 409, messagePage('Already decided', message, outcome.decisions));
	}

	const entities = approvalEntities(payload.items, payload.rules, requestId);
	await ledger.appendAudit(
		entities.map((entity) => ({
			entity,
			event: 'approval.decision',
			decision,
			executionId: state.request.executionId,
			workflowId: state.request.workflowId,
			node: state.request.node,
			at,
			details: { requestId, approver, comment: fields.comment ?? null, ip, userAgent, settled: outcome.settled, approvals: outcome.decisions.filter((d) => d.decision === 'approve').map((d) => d.approver) },
		})),
	);
	if (!outcome.settled) {
		const approvals = outcome.decisions.filter((d) => d.decision === 'approve').length;
		return send(fns, 200, messagePage('Thank you', `Your approval is recorded. ${outcome.request.quorum - approvals} more approver(s) needed (so far: ${describe(outcome.decisions)}).`, outcome.decisions));
	}
	const settled = outcome.request.status as 'approved' | 'rejected';
	const workflowData = routed(payload, {
		verdict: settled,
		by: approver,
		comment: (fields.comment ?? '').trim() || null,
		at,
		approvers: outcome.decisions.filter((d) => d.decision === (settled === 'approved' ? 'approve' : 'reject')).map((d) => d.approver),
	}, requestId);
	send(fns, 200, messagePage(settled === 'approved' ? 'Approved' : 'Rejected', `Thank you, ${approver}: the request is ${settled}. The workflow continues.`, outcome.decisions));
	return { noWebhookResponse: true, workflowData };
}
