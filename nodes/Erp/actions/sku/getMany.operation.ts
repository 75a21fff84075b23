import type { INodeProperties } from 'n8n-workflow';

import { readPages } from '../../../shared/contract-client';
import type { ContractContext, OperationResult } from '../../../shared/contract-operation';

export const description: INodeProperties[] = [
	{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: true, displayOptions: { show: { resource: ['sku'] } }, description: 'Whether to return all results or only up to a given limit' },
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { resource: ['sku'], returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

export async function execute({ fns, client }: ContractContext): Promise<OperationResult[]> {
	const returnAll = fns.getNodeParameter('returnAll', 0) as boolean;
	const limit = returnAll ? undefined : (fns.getNodeParameter('limit', 0) as number);
	// The SKU master is one list: read once, not per input item.
	return [{ itemIndex: 0, items: await readPages(fns, client, '/skus', {}, 0, limit) }];
}
