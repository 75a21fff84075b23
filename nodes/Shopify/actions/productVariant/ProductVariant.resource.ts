import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { nestBulkRows, runBulkQuery } from '../../../../core/shopify/bulk';
import {
	PRODUCT_VARIANTS_QUERY,
	productVariantsBulkQuery,
} from '../../../../core/shopify/documents/variants';
import { collectPages, type Page } from '../../../../core/shopify/pagination';
import { flag, text, type OperationContext } from '../operation';

const show = { resource: ['productVariant'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['productVariant'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'The SKU master: SKU, variant, inventory item, tracked',
				action: 'Get many product variants',
			},
		],
		default: 'getMany',
	},
	{
		displayName: 'Search Query',
		name: 'query',
		type: 'string',
		default: '',
		placeholder: 'sku:TSHIRT-*',
		description: "Shopify's variant search syntax; empty means every variant",
		displayOptions: { show },
	},
	{
		displayName: 'Use Bulk Operation',
		name: 'useBulk',
		type: 'boolean',
		default: false,
		description:
			'Whether to read through a bulk operation (large catalogs: no page limits, no rate-limit waits)',
		displayOptions: { show },
	},
	{
		displayName: 'Max Wait (Minutes)',
		name: 'maxWaitMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'How long to wait for the bulk operation to finish',
		displayOptions: { show: { ...show, useBulk: [true] } },
	},
];

export const operations = {
	getMany: {
		execute: async (context: OperationContext): Promise<IDataObject[]> => {
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
					}>(PRODUCT_VARIANTS_QUERY, {
						first,
						after,
						query: query || null,
					});
					return { ...data.productVariants, requestedCost: cost?.requestedQueryCost };
				},
				{ initialPageSize: 50 },
			);
		},
	},
};
