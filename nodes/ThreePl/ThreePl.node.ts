import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { contractOutputs, idempotencyKeyOption } from '../shared/contract-description';
import { LEDGER_CREDENTIAL_LABEL, ledgerCredentialTest } from '../shared/ledger';
import { router, WRITES } from './actions/router';
import * as cancel from './actions/shipmentRequest/cancel.operation';
import * as cancelUnshipped from './actions/shipmentRequest/cancelUnshipped.operation';
import * as create from './actions/shipmentRequest/create.operation';
import * as getMany from './actions/shipmentRequest/getMany.operation';
import * as checkAvailability from './actions/stock/checkAvailability.operation';
import * as getStock from './actions/stock/get.operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Shipment Request', value: 'shipmentRequest' },
			{ name: 'Stock', value: 'stock' },
		],
		default: 'shipmentRequest',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['shipmentRequest'] } },
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
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stock'] } },
		options: [
			{
				name: 'Check Availability',
				value: 'checkAvailability',
				action: 'Check availability of a fulfillment order',
				description:
					'Whether a warehouse can ship a fulfillment order in full, and which lines are short',
			},
			{ name: 'Get', value: 'get', action: 'Get stock', description: 'Stock by SKU and warehouse' },
		],
		default: 'get',
	},
	...create.description,
	...getMany.description,
	...cancel.description,
	...cancelUnshipped.description,
	...getStock.description,
	...checkAvailability.description,
	// Options last, below the fields of the operation, as in n8n's own nodes.
	idempotencyKeyOption(['create', 'cancel']),
];

export class ThreePl implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Orderflow 3PL',
		name: 'threePl',
		icon: { light: 'file:threePl.svg', dark: 'file:threePl.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter.operation + ": " + $parameter.resource }}',
		description:
			'Ask a 3PL on the Orderflow contract to ship, track and cancel, every write safe to retry',
		defaults: { name: '3PL' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: contractOutputs(properties, WRITES),
		credentials: [
			{ name: 'orderflowThreePlApi', displayName: '3PL Connection', required: true },
			{
				name: 'orderflowLedgerApi',
				displayName: LEDGER_CREDENTIAL_LABEL,
				required: false,
				testedBy: 'orderflowLedgerConnectionTest',
			},
		],
		properties,
	};

	methods = { credentialTest: { orderflowLedgerConnectionTest: ledgerCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
