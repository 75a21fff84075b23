/** Begin and Complete: guard a write that another node performs. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { beginGuardedWrite, completeGuardedWrite } from '../../../core/idempotency';
import type { Ledger } from '../../../core/ledger';
import { itemParameter } from '../../shared/parameters';
import { jsonParameter, route, writeParameterReader } from './common';

export async function begin(
	fns: IExecuteFunctions,
	ledger: Ledger,
): Promise<INodeExecutionData[][]> {
	const outputs: INodeExecutionData[][] = [[], [], []];
	const writeParameters = writeParameterReader(fns);
	const payloadOf = jsonParameter(fns, 'payload');
	const repeatableOf = itemParameter(fns, 'repeatable');
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		const parameters = writeParameters(itemIndex);
		const outcome = await beginGuardedWrite({
			ledger,
			...parameters,
			request: payloadOf(itemIndex),
			repeatable: repeatableOf(itemIndex) as boolean,
		});
		if (outcome.outcome === 'proceed') {
			const item = fns.getInputData()[itemIndex];
			outputs[0].push({
				json: {
					...item.json,
					write: {
						key: parameters.key,
						scope: parameters.scope,
						entity: parameters.entity,
						owner: outcome.owner,
					},
				},
				pairedItem: { item: itemIndex },
			});
		} else {
			// Begin's outputs are Proceed, Already Done (done or failed before) and In Doubt.
			const routed: INodeExecutionData[][] = [[], [], []];
			route(fns, routed, itemIndex, parameters, outcome);
			outputs[1].push(...routed[0], ...routed[1]);
			outputs[2].push(...routed[2]);
		}
	}
	return outputs;
}

export async function complete(
	fns: IExecuteFunctions,
	ledger: Ledger,
): Promise<INodeExecutionData[][]> {
	const outputs: INodeExecutionData[][] = [[], [], []];
	const writeParameters = writeParameterReader(fns);
	const ownerOf = itemParameter(fns, 'owner', '');
	const succeededOf = itemParameter(fns, 'succeeded');
	const resultOf = jsonParameter(fns, 'result');
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		const parameters = writeParameters(itemIndex);
		const owner = String(ownerOf(itemIndex) ?? '');
		const succeeded = succeededOf(itemIndex) as boolean;
		const result = resultOf(itemIndex);
		const owned =
			owner !== '' &&
			(await completeGuardedWrite({ ledger, ...parameters }, owner, {
				succeeded,
				status: null,
				body: JSON.stringify(result ?? null),
			}));
		if (!owned) {
			throw new NodeOperationError(
				fns.getNode(),
				`This run does not own the write for key ${parameters.key}`,
				{
					itemIndex,
					description:
						'Pass the owner that Begin put on the item ($json.write.owner); a run whose lease lapsed no longer owns its key.',
				},
			);
		}
		route(
			fns,
			outputs,
			itemIndex,
			parameters,
			succeeded
				? {
						outcome: 'done',
						replayed: false,
						status: 0,
						body: JSON.stringify(result ?? null),
						attempts: 1,
					}
				: {
						outcome: 'failed',
						replayed: false,
						status: null,
						body: JSON.stringify(result ?? null),
						error: 'reported failed by the workflow',
						attempts: 1,
						retryable: false,
					},
		);
	}
	return outputs;
}
