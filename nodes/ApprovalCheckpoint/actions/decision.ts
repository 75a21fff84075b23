/** A person's decision from the form: read (never from a link preview), recorded with its trail, and answered. */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { ANYONE } from '../../../core/approval/approvers';
import { isBot } from '../../../core/approval/links';
import { messagePage } from '../../../core/approval/page';
import type { Ledger } from '../../../core/ledger';
import { NOT_VALID, send, when } from './answers';
import { resumeWith } from './exceptions';
import type { Deciding } from './link';
import { scheduleNudges } from './nudge';
import { payloadOf } from './outcome';
import { expire, settledAnswer } from './settled';
import { decisionTrail } from './trail';

export async function recordDecision(
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
