/**
 * The ERP node from its resources: its parameters and outputs, the operations that write, and
 * the router that dispatches by resource and operation.
 */
import { contractNode } from '../../shared/contract-node';
import { creditMemo } from './creditMemo/CreditMemo.resource';
import { inventory } from './inventory/Inventory.resource';
import { salesOrder } from './salesOrder/SalesOrder.resource';
import { sku } from './sku/Sku.resource';

export const erpNode = contractNode({
	credentialType: 'orderflowErpApi',
	scope: 'erp',
	resourceMenu: {
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
	resources: [creditMemo, inventory, salesOrder, sku],
});

/** The operations that write, as `resource:operation`: only they can end in doubt. */
export const WRITES = erpNode.writes;
export const router = erpNode.router;
