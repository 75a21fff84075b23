import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { simplifyObject } from '../../../core/shopify/simplify';
import { shopifyClient, toNodeError } from '../transport';
import * as bulkOperation from './bulkOperation/BulkOperation.resource';
import * as fulfillmentOrder from './fulfillmentOrder/FulfillmentOrder.resource';
import * as graphql from './graphql/Graphql.resource';
import * as inventory from './inventory/Inventory.resource';
import type { OperationExecute } from './operation';
import * as order from './order/Order.resource';
import * as productVariant from './productVariant/ProductVariant.resource';
import * as refund from './refund/Refund.resource';
import * as shopifyReturn from './return/Return.resource';
import * as shop from './shop/Shop.resource';

const resources: Record<string, Record<string, { execute: OperationExecute }>> = {
	order: order.operations,
	fulfillmentOrder: fulfillmentOrder.operations,
	refund: refund.operations,
	return: shopifyReturn.operations,
	inventory: inventory.operations,
	productVariant: productVariant.operations,
	bulkOperation: bulkOperation.operations,
	graphql: graphql.operations,
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
			const simplify =
				resource !== 'graphql' && (this.getNodeParameter('simplify', itemIndex, false) as boolean);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({
					json: simplify ? (simplifyObject(json) as IDataObject) : json,
					pairedItem: { item: itemIndex },
				});
			}
		} catch (error) {
			const nodeError = toNodeError.call(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			output.push({
				json: { error: nodeError.message },
				error: nodeError as never,
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [output];
}
