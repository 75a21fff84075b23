/** Inventory → Get: the ERP's stock by SKU and location. */
import { updateDisplayOptions } from 'n8n-workflow';

import { readPages } from '../../../shared/contract-client';
import { skuFilter } from '../../../shared/contract-description';
import type { ContractContext, OperationResult } from '../../../shared/contract-operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['inventory'], operation: ['get'] } },
	[
		skuFilter,
		{
			displayName: 'Location',
			name: 'location',
			type: 'string',
			default: '',
			description: 'Empty: every location',
			hint: "The ERP's location code, matched exactly",
		},
	],
);

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
