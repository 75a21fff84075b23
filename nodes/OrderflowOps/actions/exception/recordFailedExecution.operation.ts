import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { recordFailedExecution } from '../../../../core/exceptions/failed-executions';
import { exceptionName } from '../../../../core/ledger';
import { deskLink, deskUrl } from '../../../../core/support/desk-link';
import type { OpsContext } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Put this right behind n8n’s Error Trigger in an error workflow (the error-workflow template), and set that workflow as the Error Workflow of every Orderflow workflow (Workflow settings): each failed execution becomes an exception, kind Errored, that the support desk lists and the health check counts.',
		name: 'errorNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['exception'], operation: ['recordFailedExecution'] } },
	properties,
);

const asText = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** The failed execution of the Error Trigger's item as an exception; the item goes on with `exception` (E-12) and `desk`. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const { fns, itemIndex } = context;
	const item = fns.getInputData()[itemIndex].json;
	const execution = (item.execution ?? {}) as IDataObject;
	const workflow = (item.workflow ?? {}) as IDataObject;
	if (!execution.id || !workflow.id) {
		throw new NodeOperationError(
			fns.getNode(),
			'This item is not a failed execution from n8n’s Error Trigger (it has no execution.id or workflow.id)',
			{
				itemIndex,
				description: 'Connect this node right behind an Error Trigger node.',
			},
		);
	}
	const error = execution.error as IDataObject | undefined;
	const record = await recordFailedExecution(
		context.ledger,
		{
			workflowId: asText(workflow.id),
			workflowName: asText(workflow.name) || asText(workflow.id),
			executionId: asText(execution.id),
			url: asText(execution.url) || undefined,
			node: asText(execution.lastNodeExecuted) || 'unknown node',
			error: asText(error?.message) || 'no message',
			item,
		},
		Date.now(),
	);
	const desk = await deskUrl(context.ledger, process.env);
	return [
		{
			...item,
			exception: exceptionName(record.id),
			...(desk ? { desk: deskLink(desk, record.entity) } : {}),
		},
	];
}
