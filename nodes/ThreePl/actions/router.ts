/** The 3PL node's operations, dispatched by resource and operation. */
import { contractRouter } from '../../shared/contract-operation';
import * as cancel from './shipmentRequest/cancel.operation';
import * as cancelUnshipped from './shipmentRequest/cancelUnshipped.operation';
import * as create from './shipmentRequest/create.operation';
import * as getMany from './shipmentRequest/getMany.operation';
import * as checkAvailability from './stock/checkAvailability.operation';
import * as getStock from './stock/get.operation';

const writes = {
	'shipmentRequest:create': create.execute,
	'shipmentRequest:cancel': cancel.execute,
	'shipmentRequest:cancelUnshipped': cancelUnshipped.execute,
};
const reads = {
	'shipmentRequest:getMany': getMany.execute,
	'stock:get': getStock.execute,
	'stock:checkAvailability': checkAvailability.execute,
};

/** The operations that write, as `resource:operation`: only they can end in doubt. */
export const WRITES = Object.keys(writes);
export const router = contractRouter('orderflowThreePlApi', '3pl', { writes, reads });
