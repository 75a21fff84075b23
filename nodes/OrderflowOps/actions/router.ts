/** Orderflow Ops: runs the chosen operation for each item on the node's ledger. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ledgerFor } from '../../shared/ledger';
import type { OpsOperation } from './operation';
import { resources } from './resources';

/** The operation the item asks for, from the resource maps; undefined for an unknown pair. */
function operationOf(resource: string, operation: string): OpsOperation | undefined {
	if (!Object.hasOwn(resources, resource)) return undefined;
	const operations: Record<string, OpsOperation> =
		resources[resource as keyof typeof resources].operations;
	return Object.hasOwn(operations, operation) ? operations[operation] : undefined;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const ledger = await ledgerFor(this);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operationName = this.getNodeParameter('operation', itemIndex) as string;
		const operation = operationOf(resource, operationName);
		if (!operation)
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operationName}" is not known for "${resource}"`,
				{ itemIndex, description: 'Choose an operation from the list.' },
			);
		try {
			const results = await operation.execute({ fns: this, ledger, itemIndex });
			output.push(...results.map((json) => ({ json, pairedItem: { item: itemIndex } })));
		} catch (error) {
			const nodeError =
				error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (!this.continueOnFail()) throw nodeError;
			output.push({
				json: { error: nodeError.message },
				error: nodeError,
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [output];
}
