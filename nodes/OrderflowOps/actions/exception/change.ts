/** Acknowledge, Resolve and Retry share this: which exception, who asks, and why a change cannot be made. */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { whyUnchanged } from '../../../../core/exceptions/wording';
import { exceptionName, exceptionNumber, type ExceptionRecord } from '../../../../core/ledger';
import { text, type OpsContext } from '../operation';
import { exceptionView } from './view';

/** The exception the item names and who is acting on it; a clear error when either is missing. */
export function exceptionRequest(context: OpsContext): { id: number; by: string } {
	const { fns, itemIndex } = context;
	const given = text(context, 'exceptionId');
	const id = exceptionNumber(given);
	if (id === undefined) {
		throw new NodeOperationError(fns.getNode(), `"${given}" is not an exception`, {
			itemIndex,
			description: 'Give the exception as alerts name it (E-12) or its number.',
		});
	}
	const by = text(context, 'by');
	if (!by)
		throw new NodeOperationError(fns.getNode(), 'Say who is doing this', {
			itemIndex,
			description: 'Fill in By (a name or an e-mail): it is kept on the exception and its trail.',
		});
	return { id, by };
}

export async function changeException(
	context: OpsContext,
	change: (id: number, by: string, at: number) => Promise<ExceptionRecord | undefined>,
): Promise<IDataObject[]> {
	const { fns, ledger, itemIndex } = context;
	const { id, by } = exceptionRequest(context);
	const changed = await change(id, by, Date.now());
	if (changed) return [exceptionView(changed)];
	throw new NodeOperationError(
		fns.getNode(),
		`${exceptionName(id)} cannot be changed: ${whyUnchanged(await ledger.getException(id))}`,
		{
			itemIndex,
			description: 'List the exceptions with Exception → Get Many to see their states.',
		},
	);
}
