/** Sales Order → Get: the sales order of a source reference, alone or beside the input item. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { read } from '../../../shared/contract-client';
import type { ContractContext, OperationResult } from '../../../shared/contract-operation';

// External Reference: shared with Cancel (SalesOrder.resource.ts).
const properties: INodeProperties[] = [
	{
		displayName: 'Keep Input Fields',
		name: 'keepInput',
		type: 'boolean',
		default: false,
		description:
			'Whether to output each input item with the sales order in "salesOrder" (null when there is none), instead of the sales order alone: the order from Shopify and what the ERP booked, side by side',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['salesOrder'], operation: ['get'] } },
	properties,
);

export async function execute({ fns, client }: ContractContext): Promise<OperationResult[]> {
	const results: OperationResult[] = [];
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		const ref = String(fns.getNodeParameter('externalRef', itemIndex));
		const page = await read<{ items: IDataObject[] }>(
			fns,
			client,
			`/sales-orders?externalRef=${encodeURIComponent(ref)}`,
			itemIndex,
		);
		const keepInput = fns.getNodeParameter('keepInput', itemIndex, false) as boolean;
		results.push({
			itemIndex,
			items: keepInput
				? [{ ...fns.getInputData()[itemIndex].json, salesOrder: page.items[0] ?? null }]
				: page.items,
		});
	}
	return results;
}
