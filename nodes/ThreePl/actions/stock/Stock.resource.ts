/** Stock: the 3PL's stock by SKU and warehouse, and whether a warehouse can ship an order in full. */
import { contractResource } from '../../../shared/contract-node';
import * as checkAvailability from './checkAvailability.operation';
import * as get from './get.operation';

export const stock = contractResource({
	value: 'stock',
	operations: { checkAvailability, get },
	menu: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
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
});
