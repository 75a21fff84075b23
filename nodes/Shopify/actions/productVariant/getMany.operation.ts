import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { nestBulkRows, runBulkQuery } from '../../../../core/shopify/bulk';
import {
	PRODUCT_VARIANTS_QUERY,
	productVariantsBulkQuery,
} from '../../../../core/shopify/documents/variants';
import { collectPages, type Page } from '../../../../core/shopify/pagination';
import { maxWaitMinutesField } from '../common.descriptions';
import { flag, text, type OperationContext } from '../operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['productVariant'], operation: ['getMany'] } },
	[
		{
			displayName: 'Search Query',
			name: 'query',
			type: 'string',
			default: '',
			placeholder: 'sku:TSHIRT-*',
			description: "Shopify's variant search syntax; empty means every variant",
		},
		{
			displayName: 'Use Bulk Operation',
			name: 'useBulk',
			type: 'boolean',
			default: false,
			description:
				'Whether to read through a bulk operation (large catalogs: no page limits, no rate-limit waits)',
			hint: 'For large catalogs: reading page by page spends the rate limit, a bulk operation does not but takes a while to start',
		},
		maxWaitMinutesField({
			description: 'How long to wait for the bulk operation to finish',
			displayOptions: { show: { useBulk: [true] } },
		}),
	],
);

export async function execute(context: OperationContext): Promise<IDataObject[]> {
	const query = text(context, 'query');
	if (flag(context, 'useBulk')) {
		const maxWaitMs =
			Number(context.fns.getNodeParameter('maxWaitMinutes', context.itemIndex, 30)) * 60_000;
		const { rows } = await runBulkQuery(
			context.client,
			productVariantsBulkQuery(query || undefined),
			{ maxWaitMs },
		);
		return nestBulkRows(rows) as IDataObject[];
	}
	return await collectPages<IDataObject>(
		async (first, after) => {
			const { data, cost } = await context.client.requestWithCost<{
				productVariants: Page<IDataObject>;
			}>(PRODUCT_VARIANTS_QUERY, { first, after, query: query || null });
			return { ...data.productVariants, requestedCost: cost?.requestedQueryCost };
		},
		{ initialPageSize: 50 },
	);
}
