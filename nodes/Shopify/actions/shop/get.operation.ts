import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { SHOP_QUERY, type ShopQueryResult } from '../../../../core/shopify/documents/shop';
import type { OperationContext } from '../operation';

export const description: INodeProperties[] = [];

export async function execute({ client }: OperationContext): Promise<IDataObject> {
	const { shop } = await client.request<ShopQueryResult>(SHOP_QUERY);
	return { ...shop };
}
