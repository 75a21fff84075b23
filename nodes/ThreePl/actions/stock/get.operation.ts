import type { INodeProperties } from 'n8n-workflow';

import { readPages } from '../../../shared/contract-client';
import type { ContractContext, OperationResult } from '../../../shared/contract-operation';

export const description: INodeProperties[] = [
	{
		displayName: 'SKU',
		name: 'sku',
		type: 'string',
		default: '',
		displayOptions: { show: { resource: ['stock'], operation: ['get'] } },
		description: 'Empty: every SKU',
	},
];

export async function execute({ fns, client }: ContractContext): Promise<OperationResult[]> {
	const results: OperationResult[] = [];
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		const sku = String(fns.getNodeParameter('sku', itemIndex, '') ?? '');
		results.push({
			itemIndex,
			items: await readPages(fns, client, '/stock', sku ? { sku } : {}, itemIndex),
		});
	}
	return results;
}
