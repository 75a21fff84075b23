/**
 * The decision page behind each approver's link. A GET is answered with a neutral shell (link
 * previews see nothing); the shell posts the link's signed values (`action=view`) and gets the
 * request; the form posts them back with the decision (`action=decide`), which only a person's
 * browser may make. The approver is the one the link was signed for, never a typed name.
 * n8n calls this only while the execution waits, so a settled or timed-out request seen here was
 * never acted on: it is resumed now with what the ledger holds.
 */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ANYONE } from '../../../core/approval/approvers';
import {
	checkLink,
	checkResume,
	isBot,
	postedLink,
	type PostedLink,
} from '../../../core/approval/links';
import {
	CONTENT_SECURITY_POLICY,
	decisionPage,
	messagePage,
	shellPage,
} from '../../../core/approval/page';
import type { ApprovalDecision, ApprovalRequest, Ledger } from '../../../core/ledger';
import { resumeWith } from './exceptions';
import { payloadOf } from './outcome';
import { scheduleNudges } from './nudge';
import { formFields, sendPage } from '../../shared/web-page';
import { decisionTrail, timedOutTrail } from './trail';

const send = (fns: IWebhookFunctions, status: number, html: string): IWebhookResponseData =>
	sendPage(fns, status, html, CONTENT_SECURITY_POLICY);

const NOT_VALID = messagePage(
	'Link not valid',
	'This approval link is not valid. Use the link from the notification as it was sent.',
);
const when = (at: number | null) => new Date(at ?? 0).toISOString();

/** The page and the resume for a request that is no longer pending. */
async function settledAnswer(
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

interface Deciding {
	state: { request: ApprovalRequest; decisions: ApprovalDecision[] };
	link: PostedLink;
	approver: { id: string; name: string } | null;
}

/** The request and the approver the posted link was signed for, or the page that refuses it. */
async function resolveLink(
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

/** Time ran out: record it (with its trail) and resume with the timeout policy, or with a decision that won the race. */
async function expire(
	fns: IWebhookFunctions,
	ledger: Ledger,
	requestId: string,
): Promise<IWebhookResponseData> {
	await ledger.expireApprovals(Date.now(), timedOutTrail);
	const state = await ledger.getApproval(requestId);
	if (!state) return send(fns, 401, NOT_VALID);
	return await settledAnswer(fns, ledger, state.request, state.decisions, 410);
}

/** The node's own call (see nudge.ts): resume if settled or expired, else nothing. */
async function resume(
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

function view(fns: IWebhookFunctions, { state, link, approver }: Deciding): IWebhookResponseData {
	const payload = payloadOf(state.request);
	const form = {
		action: fns.getRequestObject().url ?? '',
		link: { r: link.requestId, a: link.approver, e: String(link.expiresAt), t: link.token },
		approverName: approver?.name ?? null,
	};
	return send(fns, 200, decisionPage(state.request, state.decisions, payload.summaries, form));
}

async function decide(
	fns: IWebhookFunctions,
	ledger: Ledger,
	fields: Record<string, string>,
	{ state, approver }: Deciding,
): Promise<IWebhookResponseData> {
	const read = readDecision(fns, fields, approver);
	if ('refusal' in read) return read.refusal;
	const { decision, who, comment, ip, userAgent } = read;
	const trail = decisionTrail({ approver: who.id, approverName: who.name, comment, ip, userAgent });
	const outcome = await ledger.decideApproval(
		{
			requestId: state.request.requestId,
			approver: who.id,
			approverName: who.name,
			decision,
			comment,
			at: Date.now(),
			ip,
			userAgent,
		},
		trail,
	);
	if (!outcome) return send(fns, 401, NOT_VALID);
	if (!outcome.recorded) return await notRecorded(fns, ledger, outcome, who.id);
	if (!outcome.settled) {
		const approvals = outcome.decisions.filter((d) => d.decision === 'approve').length;
		const waiting = Math.max(0, outcome.request.quorum - approvals);
		const rest = waiting > 0 ? ` ${waiting} more approver(s) needed.` : '';
		const recorded = `Your ${decision === 'approve' ? 'approval' : 'rejection'} is recorded.${rest}`;
		return send(fns, 200, messagePage('Thank you', recorded, outcome.decisions));
	}
	return await settledByThisDecision(fns, ledger, state, outcome, who.name);
}

type Outcome = NonNullable<Awaited<ReturnType<Ledger['decideApproval']>>>;

/** The decision the form carries, or the page that refuses it (a link preview, no choice, no name). */
function readDecision(
	fns: IWebhookFunctions,
	fields: Record<string, string>,
	approver: Deciding['approver'],
):
	| { refusal: IWebhookResponseData }
	| {
			decision: 'approve' | 'reject';
			who: { id: string; name: string };
			comment: string | null;
			ip: string | null;
			userAgent: string;
	  } {
	const userAgent = String(fns.getHeaderData()['user-agent'] ?? '');
	const notDecided = (status: number, why: string) => ({
		refusal: send(fns, status, messagePage('Not decided', why)),
	});
	if (isBot(userAgent))
		return notDecided(403, 'Automated link previews cannot decide. Open the link in a browser.');
	const choices: Record<string, 'approve' | 'reject'> = { approve: 'approve', reject: 'reject' };
	const decision = choices[fields.decision ?? ''];
	const typedName = (fields.approver ?? '').trim().slice(0, 200);
	if (!decision || (!approver && !typedName)) {
		return notDecided(
			400,
			approver ? 'Choose Approve or Reject.' : 'Enter your name and choose Approve or Reject.',
		);
	}
	return {
		decision,
		who: { id: approver?.id ?? ANYONE, name: approver?.name ?? typedName },
		comment: (fields.comment ?? '').trim().slice(0, 2000) || null,
		// The address Express reports: n8n sets it from X-Forwarded-For only as far as N8N_PROXY_HOPS trusts.
		ip: fns.getRequestObject().ip ?? null,
		userAgent,
	};
}

/** A decision the ledger did not record: the request was settled, this approver decided already, or it expired. */
async function notRecorded(
	fns: IWebhookFunctions,
	ledger: Ledger,
	outcome: Outcome,
	approverId: string,
): Promise<IWebhookResponseData> {
	if (outcome.request.status !== 'pending') {
		return await settledAnswer(fns, ledger, outcome.request, outcome.decisions, 409);
	}
	const mine = outcome.decisions.find((d) => d.approver === approverId);
	if (!mine) return await expire(fns, ledger, outcome.request.requestId);
	const already = `You already ${mine.decision === 'approve' ? 'approved' : 'rejected'} at ${when(mine.at)}.`;
	return send(fns, 409, messagePage('Already decided', already, outcome.decisions));
}

/** This decision settled the request: thank the approver, then resume the waiting execution (nudged again later, should the resume be lost). */
async function settledByThisDecision(
	fns: IWebhookFunctions,
	ledger: Ledger,
	state: Deciding['state'],
	outcome: Outcome,
	name: string,
): Promise<IWebhookResponseData> {
	const payload = payloadOf(state.request);
	const now = Date.now();
	scheduleNudges(
		{
			url: payload.resumeUrl,
			secret: state.request.secret,
			requestId: state.request.requestId,
			executionId: state.request.executionId,
		},
		[now + 30_000, now + 300_000],
	);
	const settled = outcome.request.status as 'approved' | 'rejected';
	const page = messagePage(
		settled === 'approved' ? 'Approved' : 'Rejected',
		`Thank you, ${name}: the request is ${settled}. The workflow continues.`,
		outcome.decisions,
	);
	send(fns, 200, page);
	return await resumeWith(fns, ledger, outcome.request, outcome.decisions);
}

export async function webhook(
	fns: IWebhookFunctions,
	ledger: Ledger,
): Promise<IWebhookResponseData> {
	if (fns.getRequestObject().method.toUpperCase() !== 'POST')
		return send(fns, 200, shellPage(fns.getRequestObject().url ?? ''));
	try {
		return await answer(fns, ledger, formFields(fns));
	} catch (error) {
		// Decision, verdict and trail commit together: a failure leaves nothing half-written to retry over.
		fns.logger.error(
			`Approval Checkpoint: the ledger failed on a decision page request: ${(error as Error).message}`,
		);
		return send(
			fns,
			503,
			messagePage(
				'Not recorded',
				'The decision could not be recorded just now, and nothing was decided. Try again in a minute with the same link.',
			),
		);
	}
}

async function answer(
	fns: IWebhookFunctions,
	ledger: Ledger,
	fields: Record<string, string>,
): Promise<IWebhookResponseData> {
	if (fields.action === 'resume') return await resume(fns, ledger, fields);
	const resolved = await resolveLink(fns, ledger, fields);
	if (!('state' in resolved)) return resolved;
	if (resolved.state.request.status !== 'pending')
		return await settledAnswer(
			fns,
			ledger,
			resolved.state.request,
			resolved.state.decisions,
			fields.action === 'decide' ? 409 : 200,
		);
	return fields.action === 'decide'
		? await decide(fns, ledger, fields, resolved)
		: view(fns, resolved);
}
