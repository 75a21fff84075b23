import type { INodeProperties } from 'n8n-workflow';

import * as addTags from './addTags.operation';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as removeTags from './removeTags.operation';
import * as resync from './resync.operation';
import * as setMetafield from './setMetafield.operation';
import * as updateNote from './updateNote.operation';

export const operations = {
	get,
	getMany,
	addTags,
	removeTags,
	updateNote,
	setMetafield,
	cancel,
	resync,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Add Tags',
				value: 'addTags',
				description: 'Add tags to an order',
				action: 'Add tags to an order',
			},
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel an order, restocking and refunding as chosen',
				action: 'Cancel an order',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an order with all its lines',
				action: 'Get an order',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get orders updated or created since a time, or by search',
				action: 'Get many orders',
			},
			{
				name: 'Re-Sync',
				value: 'resync',
				description:
					'Orders of a time range, or named ones, as deliveries for the order sync path (backfill)',
				action: 'Re sync orders',
			},
			{
				name: 'Remove Tags',
				value: 'removeTags',
				description: 'Remove tags from an order',
				action: 'Remove tags from an order',
			},
			{
				name: 'Set Metafield',
				value: 'setMetafield',
				description: 'Set a metafield on an order',
				action: 'Set a metafield on an order',
			},
			{
				name: 'Update Note',
				value: 'updateNote',
				description: "Replace an order's note",
				action: 'Update the note of an order',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...resync.description,
	...addTags.description,
	...removeTags.description,
	...updateNote.description,
	...setMetafield.description,
	...cancel.description,
];
