import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { read } from '../../../shared/contract-client';
import type { ContractContext, OperationResult } from '../../../shared/contract-operation';

export const description: INodeProperties[] = [
	{
		displayName: 'External Reference',
		name: 'externalRef',
		type: 'string',
		default: '={{ $json.externalRef ?? ("shopify:order:" + ($json.payload?.id ?? $json.id)) }}',
		required: true,
		displayOptions: { show: { resource: ['salesOrder'], operation: ['get', 'cancel'] } },
		description: 'The sales order of this source reference, e.g. shopify:order:5531',
	},
	{
		displayName: 'Keep Input Fields',
		name: 'keepInput',
		type: 'boolean',
		default: false,
		displayOptions: { show: { resource: ['salesOrder'], operation: ['get'] } },
		description:
			'Whether to output each input item with the sales order in "salesOrder" (null when there is none), instead of the sales order alone: the order from Shopify and what the ERP booked, side by side',
	},
];

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
