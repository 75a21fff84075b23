import type { INodeProperties } from 'n8n-workflow';

import * as createFulfillment from './createFulfillment.operation';
import * as getManyForOrder from './getManyForOrder.operation';
import * as hold from './hold.operation';
import * as move from './move.operation';
import * as releaseHold from './releaseHold.operation';
import * as split from './split.operation';
import * as submitRequest from './submitRequest.operation';

export const operations = {
	getManyForOrder,
	split,
	move,
	hold,
	releaseHold,
	createFulfillment,
	submitRequest,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['fulfillmentOrder'] } },
		options: [
			{
				name: 'Create Fulfillment',
				value: 'createFulfillment',
				description: 'Fulfil lines of one or more fulfillment orders, with tracking',
				action: 'Create a fulfillment',
			},
			{
				name: 'Get Many for Order',
				value: 'getManyForOrder',
				description: "List an order's fulfillment orders by location",
				action: 'Get fulfillment orders of an order',
			},
			{
				name: 'Hold',
				value: 'hold',
				description: 'Put a fulfillment order on hold',
				action: 'Hold a fulfillment order',
			},
			{
				name: 'Move to Location',
				value: 'move',
				description:
					'Move a fulfillment order (or some lines) to another location; returns the moved one and the original with what stayed',
				action: 'Move a fulfillment order',
			},
			{
				name: 'Release Hold',
				value: 'releaseHold',
				description: 'Release a fulfillment order from hold',
				action: 'Release a fulfillment order hold',
			},
			{
				name: 'Split',
				value: 'split',
				description: 'Keep some lines and move the rest into a new fulfillment order',
				action: 'Split a fulfillment order',
			},
			{
				name: 'Submit Fulfillment Request',
				value: 'submitRequest',
				description: 'Ask the fulfillment service (3PL) to ship',
				action: 'Submit a fulfillment request',
			},
		],
		default: 'getManyForOrder',
	},
	...getManyForOrder.description,
	...split.description,
	...move.description,
	...hold.description,
	...releaseHold.description,
	...createFulfillment.description,
	...submitRequest.description,
];
