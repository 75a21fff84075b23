/** The items the node emits once the request is settled (by people, or by the clock). */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { FiredRule } from '../../../core/approval/rules';
import type { PendingItemSummary } from '../../../core/approval/page';

export const OUTPUT = { approved: 0, rejected: 1, timedOut: 2, count: 3 } as const;

export interface StoredPayload {
	items: IDataObject[];
	rules: FiredRule[][];
	summaries: PendingItemSummary[];
	timeoutPolicy: 'approve' | 'reject' | 'timedOut';
}

export interface Settlement {
	verdict: 'approved' | 'rejected' | 'timedOut';
	by: string | null;
	comment: string | null;
	at: number;
	approvers?: string[];
}

/** Every item with its decision: items no rule selected are approved whatever the verdict. */
export function routed(payload: StoredPayload, settlement: Settlement, requestId?: string): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = [[], [], []];
	const timedOut = settlement.verdict === 'timedOut';
	const policy = timedOut ? payload.timeoutPolicy : undefined;
	payload.items.forEach((json, index) => {
		const rules = payload.rules[index] ?? [];
		const needed = rules.length > 0;
		const verdict = !needed ? 'approved' : policy === 'approve' ? 'approved' : policy === 'reject' ? 'rejected' : settlement.verdict;
		const approval: IDataObject = {
			decision: needed ? verdict : 'approved',
			reason: !needed ? 'no rule matched' : timedOut ? `timed out (${payload.timeoutPolicy === 'timedOut' ? 'no decision' : `policy: ${payload.timeoutPolicy}`})` : `${verdict} by ${settlement.by}`,
			approver: needed && !timedOut ? settlement.by : null,
			approvers: needed && !timedOut ? (settlement.approvers ?? (settlement.by ? [settlement.by] : [])) : [],
			comment: needed ? settlement.comment : null,
			decidedAt: new Date(settlement.at).toISOString(),
			rules: rules as unknown as IDataObject[],
			...(requestId ? { requestId } : {}),
		};
		const output = verdict === 'approved' ? OUTPUT.approved : verdict === 'rejected' ? OUTPUT.rejected : OUTPUT.timedOut;
		outputs[output].push({ json: { ...json, approval }, pairedItem: { item: index } });
	});
	return outputs;
}
