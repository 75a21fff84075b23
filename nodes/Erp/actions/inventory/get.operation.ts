import type { INodeProperties } from 'n8n-workflow';

import { readPages } from '../../../shared/contract-client';
import type { ContractContext, OperationResult } from '../../../shared/contract-operation';

export const description: INodeProperties[] = [
	{
		displayName: 'SKU',
		name: 'sku',
		type: 'string',
		default: '',
		displayOptions: { show: { resource: ['inventory'] } },
		description: 'Empty: every SKU',
	},
	{
		displayName: 'Location',
		name: 'location',
		type: 'string',
		default: '',
		displayOptions: { show: { resource: ['inventory'] } },
		description: 'Empty: every location',
	},
];

export async function execute({ fns, client }: ContractContext): Promise<OperationResult[]> {
	const results: OperationResult[] = [];
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		const query: Record<string, string> = {};
		const sku = String(fns.getNodeParameter('sku', itemIndex, '') ?? '');
		const location = String(fns.getNodeParameter('location', itemIndex, '') ?? '');
		if (sku) query.sku = sku;
		if (location) query.location = location;
		results.push({
			itemIndex,
			items: await readPages(fns, client, '/inventory', query, itemIndex),
		});
	}
	return results;
}
