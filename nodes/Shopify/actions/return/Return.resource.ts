import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toGid } from '../../../../core/shopify/ids';
import { createReturn, fetchReturn, processReturn } from '../../../../core/shopify/returns';
import { flag, text, type OperationContext } from '../operation';

const resource = ['return'];

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Open a return for fulfilled lines of an order',
				action: 'Create a return',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a return with its lines',
				action: 'Get a return',
			},
			{
				name: 'Process',
				value: 'process',
				description: 'Process received return lines (refund with Refund → Create)',
				action: 'Process a return',
			},
		],
		default: 'get',
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		description: 'The order: its ID, gid://shopify/Order/… or an item field holding it',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1001 or gid://shopify/Order/1001',
		displayOptions: { show: { resource, operation: ['create'] } },
	},
	{
		displayName: 'Return ID',
		name: 'returnId',
		description: 'The return: its ID or gid://shopify/Return/…',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'gid://shopify/Return/1',
		displayOptions: { show: { resource, operation: ['get', 'process'] } },
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'string',
		default: '',
		placeholder: 'TSHIRT-RED-M=1',
		description: 'SKU or line ID = quantity, comma-separated; empty means every line in full',
		displayOptions: { show: { resource, operation: ['create', 'process'] } },
	},
	{
		displayName: 'Reason Note',
		name: 'reasonNote',
		description: 'What the customer said about the return',
		type: 'string',
		default: '',
		displayOptions: { show: { resource, operation: ['create'] } },
	},
	{
		displayName: 'Notify Customer',
		name: 'notifyCustomer',
		type: 'boolean',
		default: false,
		description: 'Whether Shopify emails the customer',
		displayOptions: { show: { resource, operation: ['create'] } },
	},
	{
		displayName: 'Note',
		name: 'note',
		description: 'A note kept with it in Shopify, visible to staff',
		type: 'string',
		default: '',
		displayOptions: { show: { resource, operation: ['process'] } },
	},
];

export const operations = {
	get: {
		execute: async (context: OperationContext) =>
			(await fetchReturn(
				context.client,
				toGid('Return', text(context, 'returnId')),
			)) as IDataObject,
	},
	create: {
		execute: async (context: OperationContext) =>
			(await createReturn(context.client, {
				orderId: toGid('Order', text(context, 'orderId')),
				lines: text(context, 'lines'),
				reasonNote: text(context, 'reasonNote') || undefined,
				notifyCustomer: flag(context, 'notifyCustomer'),
			})) as IDataObject,
	},
	process: {
		execute: async (context: OperationContext) =>
			(await processReturn(context.client, {
				returnId: toGid('Return', text(context, 'returnId')),
				lines: text(context, 'lines'),
				note: text(context, 'note') || undefined,
			})) as IDataObject,
	},
};
