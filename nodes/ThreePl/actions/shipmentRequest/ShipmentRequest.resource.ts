/** Shipment Request: ask the 3PL to ship a fulfillment order once, follow it, cancel what has not shipped. */
import { contractResource } from '../../../shared/contract-node';
import * as cancel from './cancel.operation';
import * as cancelUnshipped from './cancelUnshipped.operation';
import * as create from './create.operation';
import * as getMany from './getMany.operation';

export const shipmentRequest = contractResource({
	value: 'shipmentRequest',
	operations: { cancel, cancelUnshipped, create, getMany },
	menu: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a shipment request',
				description: 'Cancel what has not shipped yet, once',
			},
			{
				name: 'Cancel Unshipped Units',
				value: 'cancelUnshipped',
				action: 'Cancel unshipped units',
				description:
					'After a refund of unshipped units or a cancelled order: cancel the requests not needed any more, name the ones to adjust or recall',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a shipment request',
				description: 'Ask the 3PL to ship a fulfillment order, once',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get shipments',
				description:
					'Shipment requests with their shipments and tracking, by order or changed since',
			},
		],
		default: 'create',
	},
});
