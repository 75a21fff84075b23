import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { summarizeRun } from '../../../../core/trail/run-summary';
import { text, type OpsContext } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Workflow ID',
		name: 'runWorkflowId',
		type: 'string',
		required: true,
		default: '={{ $workflow.id }}',
		description: 'The workflow that ran; default: this one',
	},
	{
		displayName: 'Execution ID',
		name: 'runExecutionId',
		type: 'string',
		required: true,
		default: '={{ $execution.id }}',
		description:
			'The run to sum up; default: this one (put this node on a branch that runs after the work, e.g. below it from the same trigger)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['trail'], operation: ['summarizeRun'] } },
	properties,
);

/** One item: how many entities the run processed, and how many it booked, found already there, failed on or left in doubt. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const workflowId = text(context, 'runWorkflowId');
	const executionId = text(context, 'runExecutionId');
	if (!workflowId || !executionId) {
		throw new NodeOperationError(context.fns.getNode(), 'Which run to sum up is not set', {
			itemIndex: context.itemIndex,
			description:
				'Set Workflow ID and Execution ID, or leave their defaults ({{ $workflow.id }}, {{ $execution.id }}) to sum up this run.',
		});
	}
	const run = summarizeRun(await context.ledger.executionEvents(workflowId, executionId));
	return [
		{
			workflowId,
			executionId,
			processed: run.processed,
			...run.counts,
			summary: run.summary,
			orders: run.entities as unknown as IDataObject,
		},
	];
}
