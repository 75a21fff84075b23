import { readPages } from '../../../shared/contract-client';
import type { ContractContext, OperationResult } from '../../../shared/contract-operation';
import { pageDescription, pageLimit } from '../list/window';

export const description = pageDescription({ resource: ['sku'] });

export async function execute({ fns, client }: ContractContext): Promise<OperationResult[]> {
	// The SKU master is one list: read once, not per input item.
	return [{ itemIndex: 0, items: await readPages(fns, client, '/skus', {}, 0, pageLimit(fns, 0)) }];
}
