/** SKU Master → Get Many: every SKU the ERP knows. */
import { updateDisplayOptions } from 'n8n-workflow';

import { readPages } from '../../../shared/contract-client';
import type { ContractContext, OperationResult } from '../../../shared/contract-operation';
import { pageFields } from '../common.descriptions';
import { pageLimit } from '../list-reads';

export const description = updateDisplayOptions(
	{ show: { resource: ['sku'], operation: ['getMany'] } },
	pageFields,
);

export async function execute({ fns, client }: ContractContext): Promise<OperationResult[]> {
	// The SKU master is one list: read once, not per input item.
	return [{ itemIndex: 0, items: await readPages(fns, client, '/skus', {}, 0, pageLimit(fns, 0)) }];
}
