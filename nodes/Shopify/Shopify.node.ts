import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as shop from './actions/shop/Shop.resource';

export class Shopify implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Shopify (Orderflow)',
		name: 'shopify',
		icon: { light: 'file:shopify.svg', dark: 'file:shopify.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and change Shopify orders, fulfillments, refunds and inventory through the GraphQL Admin API',
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
				options: [{ name: 'Shop', value: 'shop' }],
				default: 'shop',
			},
			...shop.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
