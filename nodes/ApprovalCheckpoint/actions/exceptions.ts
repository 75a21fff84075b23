/**
 * A settled request resumes the execution; its Rejected and Timed Out items are exceptions in the
 * ledger's queue by themselves, whatever the branches after them do. The item's `approval` names it.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { shopifyEntityOf } from '../../../core/dedupe/presets';
import type { ApprovalDecision, ApprovalRequest, Ledger } from '../../../core/ledger';
import { queueOutputs } from '../../shared/exception-queue';
import { OUTPUT, payloadOf, routed, settlementOf } from './outcome';

const approvalReason = (approval: IDataObject) =>
	`Approval ${String(approval.reason)}${approval.comment ? `: “${String(approval.comment)}”` : ''}`;

/** The resume with the request's outcome, its Rejected and Timed Out items recorded as exceptions first. */
export async function resumeWith(
	fns: IWebhookFunctions,
	ledger: Ledger,
	request: ApprovalRequest,
	decisions: ApprovalDecision[],
): Promise<IWebhookResponseData> {
	const workflowData = routed(
		payloadOf(request),
		settlementOf(request, decisions),
		request.requestId,
	);
	await queueOutputs(
		ledger,
		{
			outputs: workflowData,
			kinds: { [OUTPUT.rejected]: 'rejected', [OUTPUT.timedOut]: 'timed_out' },
			field: 'approval',
			remote: 'the approver',
			entityOf: (item) => shopifyEntityOf(item.json) ?? `approval:${request.requestId}`,
			reasonOf: approvalReason,
		},
		{
			workflowId: request.workflowId ?? '',
			node: request.node ?? fns.getNode().name,
			executionId: request.executionId,
			logger: fns.logger,
		},
	);
	return { noWebhookResponse: true, workflowData };
}
