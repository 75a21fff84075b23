/** The location fields' "From List" mode: the shop's locations, searchable, a page at a time. */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import {
	locationAdminUrl,
	searchLocations as searchShopLocations,
} from '../../../core/shopify/locations';
import { shopifyClient, toNodeError } from '../transport';

export async function searchLocations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await shopifyClient.call(this);
	try {
		const page = await searchShopLocations(client, filter, paginationToken);
		return {
			results: page.locations.map((location) => ({
				name: location.name,
				value: location.id,
				url: locationAdminUrl(client, location),
			})),
			paginationToken: page.nextCursor,
		};
	} catch (error) {
		throw toNodeError.call(this, error);
	}
}
