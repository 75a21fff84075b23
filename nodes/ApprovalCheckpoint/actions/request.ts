/**
 * The first run of the node: evaluate the rules per item, and when some item needs a decision,
 * record the request, send each approver their own link, and put the execution to wait with n8n's
 * own mechanism. What the timer resumes with is prepared now: n8n passes a waiting node's stored
 * input through when the wait time comes (running no node code), so the stored input becomes the
 * items routed by the timeout policy.
 */
import { randomUUID } from 'node:crypto';

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ANYONE, type Approver } from '../../../core/approval/approvers';
import { linkFragment, newSecret } from '../../../core/approval/links';
import type { Channel } from '../../../core/approval/notice';
import type { PendingItemSummary } from '../../../core/approval/page';
import type { RuleName } from '../../../core/approval/rules';
import { durationMs } from '../../../core/duration';
import type { Ledger, NewApprovalRequest } from '../../../core/ledger';
import { actor } from '../../shared/ledger';
import { sendNotice } from '../notify';
import {
	checkAnyoneMode,
	checkOwnDestinations,
	namedApprovers,
	type ApproverMode,
} from './approvers';
import { evaluate } from './evaluate';
import { scheduleNudges } from './nudge';
import { routed, type StoredPayload } from './outcome';
import { requestedTrail, timedOutTrail } from './trail';

/** n8n's timer resumes a little after the link expires, so the node's own expiry (which follows a late decision) runs first. */
export const TIMER_GRACE_MS = 2 * 60_000;

function timeoutOf(fns: IExecuteFunctions): number {
	try {
		return durationMs(fns.getNodeParameter('timeout', 0, '24 hours'), 'Timeout');
	} catch (error) {
		throw new NodeOperationError(fns.getNode(), (error as Error).message, {
			description: 'Set Timeout to a duration such as 4 hours or PT4H.',
		});
	}
}

/** The waiting URL of this execution for this node: n8n's resume URL (its token in the query) plus the node's path. */
function waitingUrl(fns: IExecuteFunctions): string {
	const url = new URL(String(fns.evaluateExpression('{{ $execution.resumeUrl }}', 0)));
	url.pathname = `${url.pathname}/${encodeURIComponent(fns.getNode().id)}`;
	return url.toString();
}

function channelUrl(fns: IExecuteFunctions): string {
	const url = String(fns.getNodeParameter('notifyUrl', 0, '')).trim();
	if (!/^https?:\/\//.test(url))
		throw new NodeOperationError(fns.getNode(), `"${url}" is not a webhook URL`, {
			description: 'Set the Webhook URL of the notification channel (https://…).',
		});
	return url;
}

/** How many must approve: the Approvers Needed setting, two when a refund is over the second threshold. */
function quorumOf(fns: IExecuteFunctions, mode: ApproverMode, needsSecond: boolean): number {
	const quorum = Math.max(1, Math.floor(Number(fns.getNodeParameter('quorum', 0, 1))));
	if (mode === 'anyone')
		checkAnyoneMode(
			fns,
			quorum,
			String(fns.getNodeParameter('secondThresholds', 0, '')).trim() !== '',
		);
	return needsSecond ? Math.max(quorum, 2) : quorum;
}

/** One line per item that needs a decision, for the notice and the decision page. */
function summariesOf(
	fns: IExecuteFunctions,
	fired: PendingItemSummary['rules'][],
): PendingItemSummary[] {
	return fired.flatMap((rules, index): PendingItemSummary[] =>
		rules.length
			? [
					{
						title: String(fns.getNodeParameter('summary', index, `Item ${index + 1}`)),
						details: [],
						rules,
					},
				]
			: [],
	);
}

export async function execute(
	fns: IExecuteFunctions,
	ledger: Ledger,
): Promise<INodeExecutionData[][]> {
	// Requests whose time ran out are recorded as timed out, with their trail, whoever runs next.
	await ledger.expireApprovals(Date.now(), timedOutTrail);
	const items = fns.getInputData();
	const mode = fns.getNodeParameter('approverMode', 0, 'named') as ApproverMode;
	const evaluation = evaluate(fns, fns.getNodeParameter('rules', 0, []) as RuleName[]);
	const quorum = quorumOf(fns, mode, evaluation.needsSecond);
	const payload: StoredPayload = {
		items: items.map((item) => item.json),
		rules: evaluation.fired,
		summaries: [],
		timeoutPolicy: fns.getNodeParameter(
			'timeoutPolicy',
			0,
			'timedOut',
		) as StoredPayload['timeoutPolicy'],
		approverMode: mode,
		resumeUrl: '',
	};
	if (evaluation.fired.every((list) => list.length === 0))
		return routed(payload, { verdict: 'approved', by: null, comment: null, at: Date.now() });

	const channel = fns.getNodeParameter('channel', 0) as Channel;
	const defaultUrl = channelUrl(fns);
	const fired = {
		fired: evaluation.fired.flat(),
		amounts: evaluation.amounts,
		amountUnknown: evaluation.amountUnknown,
	};
	const approvers = mode === 'named' ? namedApprovers(fns, fired, quorum) : [];
	checkOwnDestinations(fns, approvers, defaultUrl, quorum, channel);
	const timeoutMs = timeoutOf(fns);
	payload.approvers = approvers.map(({ key, id, name }) => ({ key, id, name }));
	payload.resumeUrl = waitingUrl(fns);
	payload.summaries = summariesOf(fns, evaluation.fired);
	const now = Date.now();
	const request: NewApprovalRequest = {
		requestId: randomUUID(),
		secret: newSecret(),
		...actor(fns),
		createdAt: now,
		expiresAt: now + timeoutMs,
		quorum,
		payload: payload as unknown as Record<string, unknown>,
	};
	const pending = { ...request, status: 'pending' as const, decidedAt: null, decidedBy: null };
	await ledger.createApproval(
		request,
		requestedTrail(
			pending,
			approvers.map((approver) => approver.name),
		),
	);
	await notifyApprovers(fns, { channel, defaultUrl, approvers, request, payload });
	return await waitForDecision(fns, items, payload, request);
}

/** Puts the execution to wait until the request's time runs out (a decision resumes it sooner). */
async function waitForDecision(
	fns: IExecuteFunctions,
	items: INodeExecutionData[],
	payload: StoredPayload,
	request: NewApprovalRequest,
): Promise<INodeExecutionData[][]> {
	scheduleNudges(
		{
			url: payload.resumeUrl,
			secret: request.secret,
			requestId: request.requestId,
			executionId: request.executionId,
		},
		[request.expiresAt + 1_000],
	);
	// When the wait time comes n8n forwards this node's stored input: make that the timeout outcome.
	const executeData = fns.getExecuteData();
	executeData.data = {
		main: routed(
			payload,
			{ verdict: 'timedOut', by: null, comment: null, at: request.expiresAt },
			request.requestId,
		),
	};
	executeData.metadata = { ...executeData.metadata, forwardAllOutputs: true };
	await fns.putExecutionToWait(new Date(request.expiresAt + TIMER_GRACE_MS));
	return [items, [], []];
}

interface Notices {
	channel: Channel;
	defaultUrl: string;
	approvers: Approver[];
	request: NewApprovalRequest;
	payload: StoredPayload;
}

/** One notice per approver, each carrying only that approver's link (one link in "anyone" mode). */
async function notifyApprovers(
	fns: IExecuteFunctions,
	{ channel, defaultUrl, approvers, request, payload }: Notices,
): Promise<void> {
	const recipients: Array<Approver | null> = approvers.length ? approvers : [null];
	const base = {
		title: String(fns.getNodeParameter('title', 0, 'Approval needed')),
		requestId: request.requestId,
		expiresAt: new Date(request.expiresAt).toISOString(),
		quorum: request.quorum,
		items: payload.summaries,
	};
	for (const approver of recipients) {
		const fragment = linkFragment(request.secret, {
			requestId: request.requestId,
			approver: approver?.key ?? ANYONE,
			executionId: request.executionId,
			expiresAt: request.expiresAt,
		});
		const to = approver ? { name: approver.name, contact: approver.contact } : null;
		await sendNotice(fns, channel, approver?.webhookUrl ?? defaultUrl, {
			...base,
			url: `${payload.resumeUrl}${fragment}`,
			to,
		});
	}
}
