/** Dispatches to the operation and routes its results: Done, Failed (with reasons), In Doubt. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { contractClient } from '../../shared/contract-client';
import { ledgerFor } from '../../shared/ledger';
import { erpContext, type ErpContext, type ErpResult } from './context';
import * as getInventory from './inventory/get.operation';
import * as cancel from './salesOrder/cancel.operation';
import * as getSalesOrder from './salesOrder/get.operation';
import * as upsert from './salesOrder/upsert.operation';
import * as getSkus from './sku/getMany.operation';

const operations: Record<string, (context: ErpContext) => Promise<ErpResult[]>> = {
	'salesOrder:upsert': upsert.execute,
	'salesOrder:get': getSalesOrder.execute,
	'salesOrder:cancel': cancel.execute,
	'inventory:get': getInventory.execute,
	'sku:getMany': getSkus.execute,
};

function parse(body: string | null): unknown {
	if (body === null) return null;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[`${resource}:${operation}`];
	if (!run) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for "${resource}"`);
	const client = await contractClient(this, 'orderflowErpApi');
	const ledger = await ledgerFor(this);
	const results = await run(erpContext(this, client, ledger));

	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = [[], [], []];
	for (const result of results) {
		const source = items[result.itemIndex]?.json ?? {};
		const pairedItem = { item: result.itemIndex };
		if (result.items) {
			outputs[0].push(...result.items.map((json) => ({ json: json as IDataObject, pairedItem })));
			continue;
		}
		const outcome = result.outcome!;
		if (outcome.outcome === 'conflict') {
			throw new NodeOperationError(this.getNode(), outcome.reason, { itemIndex: result.itemIndex, description: 'Another run holds this write; retry this execution later.' });
		}
		const erp: IDataObject = { ...result.json, outcome: outcome.outcome };
		if (outcome.outcome === 'done') {
			outputs[0].push({ json: { ...source, erp: { ...erp, replayed: outcome.replayed, response: parse(outcome.body) as IDataObject } }, pairedItem });
		} else if (outcome.outcome === 'failed') {
			outputs[1].push({ json: { ...source, erp: { ...erp, status: outcome.status, error: outcome.error, retryable: outcome.retryable, response: parse(outcome.body) as IDataObject } }, pairedItem });
		} else {
			outputs[2].push({ json: { ...source, erp: { ...erp, reason: outcome.reason } }, pairedItem });
		}
	}
	return outputs;
}
