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
import * as getCreditMemos from './actions/creditMemo/getMany.operation';
import * as getInventory from './actions/inventory/get.operation';
import { router, WRITES } from './actions/router';
import * as cancel from './actions/salesOrder/cancel.operation';
import * as getSalesOrder from './actions/salesOrder/get.operation';
import * as getSalesOrders from './actions/salesOrder/getMany.operation';
import * as upsert from './actions/salesOrder/upsert.operation';
import * as getSkus from './actions/sku/getMany.operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Credit Memo', value: 'creditMemo' },
			{ name: 'Inventory', value: 'inventory' },
			{ name: 'Sales Order', value: 'salesOrder' },
			{ name: 'SKU Master', value: 'sku' },
		],
		default: 'salesOrder',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['salesOrder'] } },
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
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['creditMemo'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a credit memo',
				description: 'Credit a Shopify refund against its sales order, once',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many credit memos',
				description: 'The credit memos against the orders placed in a window',
			},
		],
		default: 'create',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inventory'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get inventory',
				description: 'Stock by SKU and location',
			},
		],
		default: 'get',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sku'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get the SKU master',
				description: 'Every SKU the ERP knows',
			},
		],
		default: 'getMany',
	},
	...upsert.description,
	...getSalesOrder.description,
	...getSalesOrders.description,
	...getCreditMemos.description,
	...cancel.description,
	...getInventory.description,
	...getSkus.description,
	// Options last, below the fields of the operation, as in n8n's own nodes.
	idempotencyKeyOption(['upsert', 'cancel', 'create']),
];

export class Erp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Orderflow ERP',
		name: 'erp',
		icon: { light: 'file:erp.svg', dark: 'file:erp.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter.operation + ": " + $parameter.resource }}',
		description:
			'Book Shopify orders in an ERP on the Orderflow contract, every write safe to retry',
		defaults: { name: 'ERP' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: contractOutputs(properties, WRITES),
		credentials: [
			{ name: 'orderflowErpApi', displayName: 'ERP Connection', required: true },
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
