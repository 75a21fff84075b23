import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Engine } from '../../../harness';
import type { ExecutionResult } from '../../../harness/execution-result';
import { fixture, withParameters } from '../../support/workflows';

export const OUTPUTS = ['Matched', 'Mismatched', 'Only in A', 'Only in B', 'Summary'] as const;

export interface Reconciled {
	execution: ExecutionResult;
	matched: IDataObject[];
	mismatched: IDataObject[];
	onlyInA: IDataObject[];
	onlyInB: IDataObject[];
	summary: IDataObject;
}

/** Runs A and B through the Reconciliation Check with these parameters, in the engine. */
export async function runCheck(
	engine: Engine,
	parameters: INodeParameters,
	a: IDataObject[],
	b: IDataObject[],
): Promise<Reconciled> {
	const workflow = withParameters(
		fixture(__dirname, 'reconcile'),
		'Reconciliation Check',
		parameters,
	);
	const execution = await engine.execute(workflow, { items: [{ a, b } as IDataObject] });
	const output = (name: string) =>
		execution.executedNodes.includes(name) ? execution.output(name) : [];
	return {
		execution,
		matched: output('Matched'),
		mismatched: output('Mismatched'),
		onlyInA: output('Only in A'),
		onlyInB: output('Only in B'),
		summary: output('Summary')[0],
	};
}

export async function history(engine: Engine, checkName: string): Promise<IDataObject[]> {
	const execution = await engine.execute(
		withParameters(fixture(__dirname, 'history'), 'History', { checkName }),
	);
	return execution.output('Runs');
}
