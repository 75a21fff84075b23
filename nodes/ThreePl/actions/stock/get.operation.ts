/** Stock → Get: the 3PL's stock by SKU and warehouse. */
import { updateDisplayOptions } from 'n8n-workflow';

import { readPages } from '../../../shared/contract-client';
import { skuFilter } from '../../../shared/contract-description';
import type { ContractContext, OperationResult } from '../../../shared/contract-operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['stock'], operation: ['get'] } },
	[skuFilter],
);

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
