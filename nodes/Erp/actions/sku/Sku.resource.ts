/** SKU Master: every SKU the ERP knows. */
import { contractResource } from '../../../shared/contract-node';
import * as getMany from './getMany.operation';

export const sku = contractResource({
	value: 'sku',
	operations: { getMany },
	menu: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
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
});
