/** The multi-location fields' options: every location of the shop. */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { allLocations } from '../../../core/shopify/locations';
import { shopifyClient, toNodeError } from '../transport';

export async function getLocations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await shopifyClient.call(this);
	try {
		return (await allLocations(client)).map((location) => ({
			name: location.name,
			value: location.id,
		}));
	} catch (error) {
		throw toNodeError.call(this, error);
	}
}
