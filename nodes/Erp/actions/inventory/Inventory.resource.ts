/** Inventory: the ERP's stock by SKU and location. */
import { contractResource } from '../../../shared/contract-node';
import * as get from './get.operation';

export const inventory = contractResource({
	value: 'inventory',
	operations: { get },
	menu: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
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
});
