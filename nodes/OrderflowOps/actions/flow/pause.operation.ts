import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { pauseFlow } from '../../../../core/flows/pause';
import { decidedBy, flowWorkflowId } from '../common.descriptions';
import { text, type OpsContext } from '../operation';

const reason: INodeProperties = {
	displayName: 'Reason',
	name: 'reason',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. cutover to the new ERP, rollback of release 12',
	description: 'Why the flow is paused: shown on its status, its trail and the health check',
};

export const description = updateDisplayOptions(
	{ show: { resource: ['flow'], operation: ['pause'] } },
	[flowWorkflowId, decidedBy, reason],
);

/** Pauses the flow: its Shopify Trigger parks deliveries (answered 200, nothing runs), its poll waits. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const [workflowId, by, why] = [
		text(context, 'workflowId'),
		text(context, 'by'),
		text(context, 'reason'),
	];
	const missing = [
		['Workflow ID', workflowId],
		['By', by],
		['Reason', why],
	]
		.filter(([, value]) => !value)
		.map(([name]) => name);
	if (missing.length)
		throw new NodeOperationError(
			context.fns.getNode(),
			`${missing.join(', ')} must be given to pause a flow`,
			{
				itemIndex: context.itemIndex,
				description:
					'Say which flow, who pauses it and why: the pause is shown to everyone who looks at the flow.',
			},
		);
	return [
		{
			...(await pauseFlow(context.ledger, {
				workflowId,
				by,
				reason: why,
				now: Date.now(),
				node: context.fns.getNode().name,
			})),
		},
	];
}
