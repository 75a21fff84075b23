/** Sales Order: book a Shopify order once (Create or Update), find it, list a window, cancel it. */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contractResource } from '../../../shared/contract-node';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as upsert from './upsert.operation';

/** The sales order Get and Cancel act on, by the reference it was booked under. */
const externalRef: INodeProperties = {
	displayName: 'External Reference',
	name: 'externalRef',
	type: 'string',
	default: '={{ $json.externalRef ?? ("shopify:order:" + ($json.payload?.id ?? $json.id)) }}',
	required: true,
	description: 'The sales order of this source reference, e.g. shopify:order:5531',
	hint: 'shopify:order: and the numeric Shopify order ID (not the #1001 name): the reference Create or Update booked the order under',
};

export const salesOrder = contractResource({
	value: 'salesOrder',
	operations: { cancel, get, getMany, upsert },
	menu: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a sales order',
				description: 'Cancel the sales order of a Shopify order, once',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a sales order',
				description: 'Find the sales order of a source reference',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many sales orders',
				description: 'The sales orders of the orders placed in a window',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a sales order',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
			},
		],
		default: 'upsert',
	},
	sharedFields: updateDisplayOptions(
		{ show: { resource: ['salesOrder'], operation: ['get', 'cancel'] } },
		[externalRef],
	),
});
