import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { retryException, RetryRefused } from '../../../../core/exceptions/retry';
import { decidedBy, exceptionId } from '../common.descriptions';
import { text, type OpsContext } from '../operation';
import { exceptionRequest } from './change';
import { exceptionView } from './view';

const properties: INodeProperties[] = [
	exceptionId,
	decidedBy,
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		description: 'Why it is retried now (e.g. "SKU TOTE-NAT added to the ERP"): kept on the trail',
	},
	{
		displayName:
			'Retry runs the failed event through its workflow again: the dedupe key its run passed is given back, and the event is queued for the workflow’s Orderflow Redelivery Trigger (its next sweep). Without one, only the key is given back, for the next delivery or poll. In-doubt writes are resolved, never retried.',
		name: 'retryNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['exception'], operation: ['retry'] } },
	properties,
);

/** Runs what failed again, through the same workflow; the exception resolves by itself once that run succeeds. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const { id, by } = exceptionRequest(context);
	try {
		const result = await retryException(context.ledger, {
			id,
			by,
			note: text(context, 'note'),
			now: Date.now(),
		});
		return [
			{
				...exceptionView(result.exception),
				retry: {
					how: result.how,
					releasedKey: result.released,
					inboxId: result.inboxId,
					message: result.message,
				},
			},
		];
	} catch (error) {
		const description =
			error instanceof RetryRefused
				? error.fix
				: 'The ledger could not finish the retry; what was done is on the trail. Retry again: a second run of the same event is deduplicated.';
		throw new NodeOperationError(context.fns.getNode(), (error as Error).message, {
			itemIndex: context.itemIndex,
			description,
		});
	}
}
