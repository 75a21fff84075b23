/** Resolve as Applied and as Not Applied share this: the write named by scope and key, a person's verdict. */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { notInDoubt } from '../../../../core/exceptions/wording';
import { text, type OpsContext } from '../operation';
import { writeView } from './view';

export async function resolveWrite(
	context: OpsContext,
	verdict: { applied: boolean; body?: string },
): Promise<IDataObject[]> {
	const { fns, ledger, itemIndex } = context;
	const scope = text(context, 'scope');
	const key = text(context, 'key');
	const by = text(context, 'by');
	if (!by)
		throw new NodeOperationError(fns.getNode(), 'Say who checked the remote', {
			itemIndex,
			description: 'Fill in By (a name or an e-mail): it is kept on the write’s trail.',
		});
	const resolved = await ledger.resolveInDoubt({
		scope,
		key,
		by,
		note: text(context, 'note'),
		...verdict,
		at: Date.now(),
	});
	if (resolved)
		return [
			{ ...writeView(resolved), resolution: verdict.applied ? 'applied' : 'not applied', by },
		];
	throw new NodeOperationError(
		fns.getNode(),
		notInDoubt(scope, key, await ledger.getWrite(scope, key)),
		{
			itemIndex,
			description:
				'List the writes waiting for a verdict with In-Doubt Write → Get Many, and copy its scope and key.',
		},
	);
}
