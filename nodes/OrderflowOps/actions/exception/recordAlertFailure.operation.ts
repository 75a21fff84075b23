import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordFailedAlerts } from '../../../../core/exceptions/alerts';
import { shopifyEntityOf } from '../../../../core/dedupe/presets';
import { actor } from '../../../shared/ledger';
import type { OpsContext } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Connect the Error output of an alert node (HTTP Request with On Error: Continue (using error output)) here: an alert that could not be sent is noted on the trail of the exception it was about, or opens one holding what it was to say. Nothing is lost to a placeholder URL.',
		name: 'alertNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['exception'], operation: ['recordAlertFailure'] } },
	properties,
);

/** The error n8n put on an item of an Error output, as text. */
function errorOf(json: IDataObject): string {
	const error = json.error as IDataObject | string | undefined;
	if (typeof error === 'string') return error;
	return String(error?.message ?? error?.description ?? 'unknown error');
}

/** Records the failed alert of one item; the item goes on with `alert` saying where it is recorded. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const { fns, itemIndex } = context;
	const { error, ...item } = fns.getInputData()[itemIndex].json;
	const { workflowId, executionId } = actor(fns);
	const alertNode = fns.getInputSourceData(0)?.previousNode ?? fns.getNode().name;
	const message = errorOf({ error });
	const [recorded] = await recordFailedAlerts(context.ledger, [
		{
			item,
			alertNode,
			workflowId,
			executionId,
			entity: shopifyEntityOf(item),
			error: message,
			at: Date.now(),
		},
	]);
	return [{ ...item, alert: { sent: false, node: alertNode, error: message, ...recorded } }];
}
