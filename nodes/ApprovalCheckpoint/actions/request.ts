/**
 * The first run of the node: evaluate the rules per item, and when some item needs a decision,
 * record the request, send the link, and put the execution to wait with n8n's own mechanism.
 * What the timer resumes with is prepared now: n8n passes a waiting node's stored input through
 * when the wait time comes, so the stored input becomes the items routed by the timeout policy.
 */
import { randomUUID } from 'node:crypto';

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { approvalEntities } from '../../../core/approval/entity';
import { newSecret, signLink } from '../../../core/approval/links';
import type { PendingItemSummary } from '../../../core/approval/page';
import {
	addressChangedAfterDispatch,
	belowSafetyStock,
	isDispatched,
	moneyMoved,
	parseThresholds,
	refundAboveThreshold,
	refundAmount,
	type FiredRule,
	type RuleName,
} from '../../../core/approval/rules';
import { durationMs } from '../../../core/duration';
import type { Ledger } from '../../../core/ledger';
import { actor } from '../../shared/ledger';
import { sendNotice, type Channel } from '../notify';
import { routed, type StoredPayload } from './outcome';

function thresholds(fns: IExecuteFunctions, name: string): Map<string, number> {
	try {
		return parseThresholds(String(fns.getNodeParameter(name, 0, '')));
	} catch (error) {
		throw new NodeOperationError(fns.getNode(), (error as Error).message, { description: 'Write thresholds as currency and amount, comma-separated: EUR 500, USD 550.' });
	}
}

export async function execute(fns: IExecuteFunctions, ledger: Ledger): Promise<INodeExecutionData[][]> {
	const items = fns.getInputData();
	const rules = fns.getNodeParameter('rules', 0, []) as RuleName[];
	const refundLimits = rules.includes('refundAbove') ? thresholds(fns, 'refundThresholds') : new Map<string, number>();
	const secondLimits = rules.includes('refundAbove') ? thresholds(fns, 'secondThresholds') : new Map<string, number>();
	const baseQuorum = Math.max(1, Math.floor(Number(fns.getNodeParameter('quorum', 0, 1))));

	let quorum = baseQuorum;
	const fired: FiredRule[][] = items.map((item, index) => {
		const found: Array<FiredRule | undefined> = [];
		if (rules.includes('refundAbove')) {
			const amount = refundAmount(item.json);
			found.push(refundAboveThreshold(amount, refundLimits));
			if (amount && (secondLimits.get(amount.currency) ?? Infinity) < amount.minor) quorum = Math.max(quorum, 2);
		}
		if (rules.includes('addressChangedAfterDispatch')) {
			found.push(addressChangedAfterDispatch(isDispatched(item.json), fns.getNodeParameter('currentAddress', index, null), fns.getNodeParameter('dispatchedAddress', index, null)));
		}
		if (rules.includes('belowSafetyStock')) found.push(belowSafetyStock(fns.getNodeParameter('available', index, ''), fns.getNodeParameter('safetyStock', index, '')));
		if (rules.includes('moneyMoved')) found.push(moneyMoved(item.json));
		if (rules.includes('custom') && fns.getNodeParameter('customCondition', index, false) === true) {
			found.push({ rule: 'custom', reason: String(fns.getNodeParameter('customReason', index, 'custom condition')) });
		}
		return found.filter((rule): rule is FiredRule => rule !== undefined);
	});

	const payload: StoredPayload = {
		items: items.map((item) => item.json),
		rules: fired,
		summaries: [],
		timeoutPolicy: fns.getNodeParameter('timeoutPolicy', 0, 'timedOut') as StoredPayload['timeoutPolicy'],
	};
	if (fired.every((list) => list.length === 0)) return routed(payload, { verdict: 'approved', by: null, comment: null, at: Date.now() });

	let timeoutMs: number;
	try {
		timeoutMs = durationMs(fns.getNodeParameter('timeout', 0, '24 hours'), 'Timeout');
	} catch (error) {
		throw new NodeOperationError(fns.getNode(), (error as Error).message, { description: 'Set Timeout to a duration such as 4 hours or PT4H.' });
	}
	const requestId = randomUUID();
	const secret = newSecret();
	const now = Date.now();
	const expiresAt = now + timeoutMs;
	const executionId = String(fns.getExecutionId());
	payload.summaries = fired.flatMap((rules, index): PendingItemSummary[] =>
		rules.length ? [{ title: String(fns.getNodeParameter('summary', index, `Item ${index + 1}`)), details: [], rules }] : [],
	);
	const url = fns.getSignedResumeUrl({ request: requestId, expires: String(expiresAt), token: signLink(secret, requestId, executionId, expiresAt) });
	const who = actor(fns);
	await ledger.createApproval({ requestId, secret, workflowId: who.workflowId, executionId, node: who.node, createdAt: now, expiresAt, quorum, payload: payload as unknown as Record<string, unknown> });
	const entities = approvalEntities(payload.items, fired, requestId);
	await ledger.appendAudit(
		entities.map((entity) => ({ entity, event: 'approval.requested', decision: 'pending', ...who, at: now, details: { requestId, quorum, expiresAt: new Date(expiresAt).toISOString(), rules: fired.flat().map((rule) => rule.rule) } })),
	);

	const channel = fns.getNodeParameter('channel', 0) as Channel;
	const notifyUrl = String(fns.getNodeParameter('notifyUrl', 0, '')).trim();
	if (!/^https?:\/\//.test(notifyUrl)) {
		throw new NodeOperationError(fns.getNode(), `"${notifyUrl}" is not a webhook URL`, { description: 'Set the Webhook URL of the notification channel (https://…).' });
	}
	await sendNotice(fns, channel, notifyUrl, {
		title: String(fns.getNodeParameter('title', 0, 'Approval needed')),
		url,
		requestId,
		expiresAt: new Date(expiresAt).toISOString(),
		quorum,
		items: payload.summaries,
	});

	// When the wait time comes n8n forwards this node's stored input: make that the timeout outcome.
	const executeData = fns.getExecuteData();
	executeData.data = { main: routed(payload, { verdict: 'timedOut', by: null, comment: null, at: expiresAt }, requestId) };
	executeData.metadata = { ...executeData.metadata, forwardAllOutputs: true };
	await fns.putExecutionToWait(new Date(expiresAt));
	return [items, [], []];
}
