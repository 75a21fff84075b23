/** The shop's identity and defaults; also the credential's connection check. */
export const SHOP_QUERY = /* GraphQL */ `
	query OrderflowShop {
		shop {
			id
			name
			email
			myshopifyDomain
			currencyCode
			ianaTimezone
		}
	}
`;

export interface ShopQueryResult {
	shop: {
		id: string;
		name: string;
		email: string;
		myshopifyDomain: string;
		currencyCode: string;
		ianaTimezone: string;
	};
}
