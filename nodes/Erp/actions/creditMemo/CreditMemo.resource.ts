/** Credit Memo: credit a Shopify refund once against its sales order; list a window's. */
import { contractResource } from '../../../shared/contract-node';
import * as create from './create.operation';
import * as getMany from './getMany.operation';

export const creditMemo = contractResource({
	value: 'creditMemo',
	operations: { create, getMany },
	menu: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
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
});
