import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { shopifyClient, toNodeError } from '../transport';
import type { OperationExecute } from './operation';
import * as shop from './shop/Shop.resource';

const resources: Record<string, Record<string, { execute: OperationExecute }>> = {
	shop: shop.operations,
};

/** Dispatches each item to its resource/operation; the one place continue-on-fail is handled. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const client = await shopifyClient.call(this);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operationName = this.getNodeParameter('operation', itemIndex) as string;
		const operation = resources[resource]?.[operationName];
		if (!operation) {
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operationName}" is not known for the resource "${resource}"`,
				{ itemIndex, description: 'Choose an operation from the list.' },
			);
		}
		try {
			const result = await operation.execute({ fns: this, client, itemIndex });
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const nodeError = toNodeError.call(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			output.push({ json: { error: nodeError.message }, error: nodeError as never, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
