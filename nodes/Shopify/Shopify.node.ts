import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as bulkOperation from './actions/bulkOperation/BulkOperation.resource';
import * as fulfillmentOrder from './actions/fulfillmentOrder/FulfillmentOrder.resource';
import * as graphql from './actions/graphql/Graphql.resource';
import * as inventory from './actions/inventory/Inventory.resource';
import * as order from './actions/order/Order.resource';
import * as productVariant from './actions/productVariant/ProductVariant.resource';
import * as refund from './actions/refund/Refund.resource';
import * as shopifyReturn from './actions/return/Return.resource';
import { router } from './actions/router';
import * as shop from './actions/shop/Shop.resource';
import { listSearch, loadOptions } from './methods';

export class Shopify implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Orderflow Shopify',
		name: 'shopify',
		icon: { light: 'file:shopify.svg', dark: 'file:shopify.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read and change Shopify orders, fulfillments, refunds and inventory through the GraphQL Admin API',
		defaults: { name: 'Shopify' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'shopifyAdminApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Bulk Operation', value: 'bulkOperation' },
					{ name: 'Fulfillment Order', value: 'fulfillmentOrder' },
					{ name: 'GraphQL', value: 'graphql' },
					{ name: 'Inventory', value: 'inventory' },
					{ name: 'Order', value: 'order' },
					{ name: 'Product Variant', value: 'productVariant' },
					{ name: 'Refund', value: 'refund' },
					{ name: 'Return', value: 'return' },
					{ name: 'Shop', value: 'shop' },
				],
				default: 'order',
			},
			...order.description,
			...fulfillmentOrder.description,
			...refund.description,
			...shopifyReturn.description,
			...inventory.description,
			...productVariant.description,
			...bulkOperation.description,
			...graphql.description,
			...shop.description,
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: false,
				description:
					'Whether to return a flat, stable shape: numeric ID next to the global ID, lists instead of connections, money as {amount, currencyCode, minorUnits} with shop and presentment amounts',
				displayOptions: { hide: { resource: ['graphql'] } },
			},
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
