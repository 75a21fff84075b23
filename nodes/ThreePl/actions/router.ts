/**
 * The 3PL node from its resources: its parameters and outputs, the operations that write, and
 * the router that dispatches by resource and operation.
 */
import { contractNode } from '../../shared/contract-node';
import { shipmentRequest } from './shipmentRequest/ShipmentRequest.resource';
import { stock } from './stock/Stock.resource';

export const threePlNode = contractNode({
	credentialType: 'orderflowThreePlApi',
	scope: '3pl',
	resourceMenu: {
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
	resources: [shipmentRequest, stock],
});

/** The operations that write, as `resource:operation`: only they can end in doubt. */
export const WRITES = threePlNode.writes;
export const router = threePlNode.router;
