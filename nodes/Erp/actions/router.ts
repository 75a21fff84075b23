/** Dispatches to the operation and routes its results: Done, Failed (with reasons), In Doubt. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { contractClient } from '../../shared/contract-client';
import { ledgerFor } from '../../shared/ledger';
import { contractContext, routeResults, type ContractContext, type OperationResult } from '../../shared/contract-operation';
import * as getInventory from './inventory/get.operation';
import * as cancel from './salesOrder/cancel.operation';
import * as getSalesOrder from './salesOrder/get.operation';
import * as upsert from './salesOrder/upsert.operation';
import * as getSkus from './sku/getMany.operation';

const operations: Record<string, (context: ContractContext) => Promise<OperationResult[]>> = {
	'salesOrder:upsert': upsert.execute,
	'salesOrder:get': getSalesOrder.execute,
	'salesOrder:cancel': cancel.execute,
	'inventory:get': getInventory.execute,
	'sku:getMany': getSkus.execute,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[`${resource}:${operation}`];
	if (!run) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for "${resource}"`);
	const client = await contractClient(this, 'orderflowErpApi');
	const results = await run(contractContext(this, client, await ledgerFor(this), 'erp'));
	return routeResults(this, results, 'erp');
}
