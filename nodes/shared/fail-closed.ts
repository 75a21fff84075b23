/**
 * With "On Error: Continue", n8n passes a node's input on through its first output when the
 * node throws: for the Dedupe Gate that is "New", for a write "Done", for an approval
 * "Approved". Orderflow's ledger nodes catch instead and send every item, marked with the
 * error, to the output that means "did not happen"; with "Continue (using error output)" n8n
 * moves them on to the error output, where an exceptions branch picks them up.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export async function failClosed(
	fns: IExecuteFunctions,
	stop: { output: number; outputs: number },
	run: () => Promise<INodeExecutionData[][]>,
): Promise<INodeExecutionData[][]> {
	try {
		return await run();
	} catch (error) {
		const nodeError =
			error instanceof NodeOperationError || error instanceof NodeApiError
				? error
				: new NodeOperationError(fns.getNode(), error as Error);
		if (!fns.continueOnFail()) throw nodeError;
		const outputs: INodeExecutionData[][] = Array.from({ length: stop.outputs }, () => []);
		outputs[stop.output] = fns.getInputData().map((item, index) => ({
			json: {
				...item.json,
				error: nodeError.message,
				...(nodeError.description ? { errorDescription: nodeError.description } : {}),
			},
			error: nodeError,
			pairedItem: { item: index },
		}));
		return outputs;
	}
}
