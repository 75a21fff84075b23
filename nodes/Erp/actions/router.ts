/** The ERP node's operations, dispatched by resource and operation. */
import { contractRouter } from '../../shared/contract-operation';
import * as createCreditMemo from './creditMemo/create.operation';
import * as getCreditMemos from './creditMemo/getMany.operation';
import * as getInventory from './inventory/get.operation';
import * as cancel from './salesOrder/cancel.operation';
import * as getSalesOrder from './salesOrder/get.operation';
import * as getSalesOrders from './salesOrder/getMany.operation';
import * as upsert from './salesOrder/upsert.operation';
import * as getSkus from './sku/getMany.operation';

const writes = {
	'salesOrder:upsert': upsert.execute,
	'salesOrder:cancel': cancel.execute,
	'creditMemo:create': createCreditMemo.execute,
};
const reads = {
	'salesOrder:get': getSalesOrder.execute,
	'salesOrder:getMany': getSalesOrders.execute,
	'creditMemo:getMany': getCreditMemos.execute,
	'inventory:get': getInventory.execute,
	'sku:getMany': getSkus.execute,
};

/** The operations that write, as `resource:operation`: only they can end in doubt. */
export const WRITES = Object.keys(writes);
export const router = contractRouter('orderflowErpApi', 'erp', { writes, reads });
