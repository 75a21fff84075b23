import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { resumeFlow } from '../../../../core/flows/pause';
import { decidedBy, flowWorkflowId } from '../common.descriptions';
import { text, type OpsContext } from '../operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['flow'], operation: ['resume'] } },
	[flowWorkflowId, decidedBy],
);

/** A Redelivery Trigger counts as sweeping when it swept within this long (or three of its intervals). */
const SWEPT_WITHIN_MS = 5 * 60_000;

/** Resumes the flow: what it parked becomes due at once, in the order it arrived, for its Redelivery Trigger to run. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const [workflowId, by] = [text(context, 'workflowId'), text(context, 'by')];
	if (!workflowId || !by)
		throw new NodeOperationError(
			context.fns.getNode(),
			'Workflow ID and By must be given to resume a flow',
			{ itemIndex: context.itemIndex, description: 'Say which flow and who resumes it.' },
		);
	return [
		{
			...(await resumeFlow(context.ledger, {
				workflowId,
				by,
				now: Date.now(),
				node: context.fns.getNode().name,
				redeliveryWithinMs: SWEPT_WITHIN_MS,
			})),
		},
	];
}
