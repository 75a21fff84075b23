/** The items the node emits once the request is settled (by people, or by the clock). */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { FiredRule } from '../../../core/approval/rules';
import type { PendingItemSummary } from '../../../core/approval/page';
import type { ApprovalDecision, ApprovalRequest } from '../../../core/ledger';

export const OUTPUT = { approved: 0, rejected: 1, timedOut: 2, count: 3 } as const;

export interface StoredPayload {
	items: IDataObject[];
	rules: FiredRule[][];
	summaries: PendingItemSummary[];
	timeoutPolicy: 'approve' | 'reject' | 'timedOut';
	/** `named`: each approver decides through their own link; `anyone`: one link, one approver. */
	approverMode?: 'named' | 'anyone';
	/** Who may decide this request (their key is what their link carries). */
	approvers?: Array<{ key: string; id: string; name: string }>;
	/** The execution's waiting URL for this node, without any approver's values. */
	resumeUrl: string;
}

export interface Settlement {
	verdict: 'approved' | 'rejected' | 'timedOut';
	by: string | null;
	comment: string | null;
	at: number;
	approvers?: string[];
}

/** Every item with its decision: items no rule selected are approved whatever the verdict. */
export function routed(
	payload: StoredPayload,
	settlement: Settlement,
	requestId?: string,
): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = [[], [], []];
	const timedOut = settlement.verdict === 'timedOut';
	const policy = timedOut ? payload.timeoutPolicy : undefined;
	payload.items.forEach((json, index) => {
		const rules = payload.rules[index] ?? [];
		const needed = rules.length > 0;
		const verdict = !needed
			? 'approved'
			: policy === 'approve'
				? 'approved'
				: policy === 'reject'
					? 'rejected'
					: settlement.verdict;
		const approval: IDataObject = {
			decision: needed ? verdict : 'approved',
			reason: !needed
				? 'no rule matched'
				: timedOut
					? `timed out (${payload.timeoutPolicy === 'timedOut' ? 'no decision' : `policy: ${payload.timeoutPolicy}`})`
					: `${verdict} by ${settlement.by}`,
			approver: needed && !timedOut ? settlement.by : null,
			approvers:
				needed && !timedOut ? (settlement.approvers ?? (settlement.by ? [settlement.by] : [])) : [],
			comment: needed ? settlement.comment : null,
			decidedAt: new Date(settlement.at).toISOString(),
			rules: rules as unknown as IDataObject[],
			...(requestId ? { requestId } : {}),
		};
		const output =
			verdict === 'approved'
				? OUTPUT.approved
				: verdict === 'rejected'
					? OUTPUT.rejected
					: OUTPUT.timedOut;
		outputs[output].push({ json: { ...json, approval }, pairedItem: { item: index } });
	});
	return outputs;
}

/** What the node stored with the request (the ledger keeps it as opaque JSON). */
export function payloadOf(request: Pick<ApprovalRequest, 'payload'>): StoredPayload {
	return request.payload as unknown as StoredPayload;
}

/** What the ledger holds for a request that is no longer pending, as the node's outcome. */
export function settlementOf(request: ApprovalRequest, decisions: ApprovalDecision[]): Settlement {
	if (request.status === 'timed_out' || request.status === 'pending')
		return { verdict: 'timedOut', by: null, comment: null, at: request.expiresAt };
	const kind = request.status === 'approved' ? 'approve' : 'reject';
	const deciding = decisions.filter((d) => d.decision === kind);
	const last = decisions.find((d) => d.approver === request.decidedBy);
	return {
		verdict: request.status,
		by: last?.approverName || request.decidedBy,
		comment: last?.comment ?? null,
		at: request.decidedAt ?? Date.now(),
		approvers: deciding.map((d) => d.approverName || d.approver),
	};
}
