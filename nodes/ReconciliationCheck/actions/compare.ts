/** Compare: input A (the source of truth) matched against input B, on five outputs. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Ledger } from '../../../core/ledger';
import { exceptionExamples, reconcile, rowKey } from '../../../core/reconcile';
import { onlyIn, pairOutputs, type Compared } from './outputs';
import { prepare } from './spec';
import { summaryOf } from './summary';

export async function execute(
	fns: IExecuteFunctions,
	ledger: Ledger,
): Promise<INodeExecutionData[][]> {
	const itemsA = fns.getInputData(0).map((item) => item.json);
	const itemsB = fns.getInputData(1).map((item) => item.json);
	const checkName = String(fns.getNodeParameter('checkName', 0)).trim() || 'reconciliation';
	const prepared = prepare(fns, itemsA, itemsB);
	let result;
	try {
		result = reconcile(prepared.a.rows, prepared.b.rows, prepared.spec);
	} catch (error) {
		throw new NodeOperationError(fns.getNode(), (error as Error).message, {
			description: 'Check the money and date fields of the rules: a value could not be read.',
		});
	}
	const { a, b } = prepared;
	const readKeyA = rowKey(prepared.spec.key, 'a');
	const readKeyB = rowKey(prepared.spec.key, 'b');
	const compared: Compared = {
		a,
		b,
		itemsA,
		itemsB,
		keyA: (row) => readKeyA(a.rows[row]),
		keyB: (row) => readKeyB(b.rows[row]),
	};
	const [matched, mismatched] = pairOutputs(compared, result);
	const summary = await summaryOf(
		fns,
		ledger,
		checkName,
		result,
		prepared.flags,
		exceptionExamples(result, compared.keyA, compared.keyB),
	);
	return [
		matched,
		mismatched,
		onlyIn(a, itemsA, result.onlyInA, result.unkeyedA, compared.keyA, 0),
		onlyIn(b, itemsB, result.onlyInB, result.unkeyedB, compared.keyB, 1),
		[{ json: summary as unknown as IDataObject }],
	];
}
