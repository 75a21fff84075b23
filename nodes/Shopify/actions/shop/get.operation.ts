import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SHOP_QUERY, type ShopQueryResult } from '../../../../core/shopify/documents/shop';
import type { OperationContext } from '../operation';

/** Nothing to choose: the shop is the credential's. */
export const description = updateDisplayOptions(
	{ show: { resource: ['shop'], operation: ['get'] } },
	[],
);

export async function execute({ client }: OperationContext): Promise<IDataObject> {
	const { shop } = await client.request<ShopQueryResult>(SHOP_QUERY);
	return { ...shop };
}
