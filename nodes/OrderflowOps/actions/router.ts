/** Orderflow Ops: runs the chosen operation for each item on the node's ledger. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ledgerFor } from '../../shared/ledger';
import * as exception from './exception/Exception.resource';
import * as flow from './flow/Flow.resource';
import * as health from './health/Health.resource';
import * as inDoubtWrite from './inDoubtWrite/InDoubtWrite.resource';
import * as indicators from './indicators/Indicators.resource';
import * as shadowWrite from './shadowWrite/ShadowWrite.resource';
import * as supportDesk from './supportDesk/SupportDesk.resource';
import * as trail from './trail/Trail.resource';
import type { OpsOperation } from './operation';

const resources: Record<string, Record<string, OpsOperation>> = {
	exception: exception.operations,
	flow: flow.operations,
	health: health.operations,
	inDoubtWrite: inDoubtWrite.operations,
	indicators: indicators.operations,
	shadowWrite: shadowWrite.operations,
	supportDesk: supportDesk.operations,
	trail: trail.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const ledger = await ledgerFor(this);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operationName = this.getNodeParameter('operation', itemIndex) as string;
		const operation = resources[resource]?.[operationName];
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
