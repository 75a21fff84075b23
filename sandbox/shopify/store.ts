/**
 * The emulated shop's state. Records are kept in Shopify's GraphQL shapes (camelCase, gids,
 * enum names) so resolvers hand them out as they are.
 */

export interface ShopRecord {
	id: string;
	name: string;
	email: string;
	myshopifyDomain: string;
	currencyCode: string;
	ianaTimezone: string;
	enabledPresentmentCurrencies: string[];
}

export interface LocationRecord {
	id: string;
	name: string;
	isActive: boolean;
	fulfillsOnlineOrders: boolean;
}

export class ShopifyStore {
	shop: ShopRecord;
	locations: LocationRecord[];
	private nextId = 1000;

	constructor(seed: Partial<Pick<ShopifyStore, 'shop' | 'locations'>> = {}) {
		this.shop = seed.shop ?? {
			id: 'gid://shopify/Shop/1',
			name: 'Orderflow Sandbox',
			email: 'ops@orderflow-sandbox.example',
			myshopifyDomain: 'orderflow-sandbox.myshopify.com',
			currencyCode: 'EUR',
			ianaTimezone: 'Europe/Berlin',
			enabledPresentmentCurrencies: ['EUR', 'USD', 'GBP'],
		};
		this.locations = seed.locations ?? [
			{ id: 'gid://shopify/Location/1', name: 'Berlin Warehouse', isActive: true, fulfillsOnlineOrders: true },
			{ id: 'gid://shopify/Location/2', name: 'Rotterdam 3PL', isActive: true, fulfillsOnlineOrders: true },
		];
	}

	/** A fresh numeric id for a new record of the given type, as a gid. */
	newGid(type: string): string {
		return `gid://shopify/${type}/${++this.nextId}`;
	}
}
