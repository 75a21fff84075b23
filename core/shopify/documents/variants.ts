/** The SKU master: product variants with their inventory items, paged or through a bulk query. */

export const PRODUCT_VARIANTS_QUERY = /* GraphQL */ `
	query OrderflowProductVariants($first: Int!, $after: String, $query: String) {
		productVariants(first: $first, after: $after, query: $query) {
			pageInfo {
				hasNextPage
				endCursor
			}
			nodes {
				id
				legacyResourceId
				sku
				barcode
				title
				displayName
				price
				updatedAt
				product {
					id
					title
					status
				}
				inventoryItem {
					id
					tracked
				}
			}
		}
	}
`;

/** The same rows as a bulk operation's inner query (no pagination arguments: Shopify streams all). */
export function productVariantsBulkQuery(search?: string): string {
	const argument = search ? `(query: ${JSON.stringify(search)})` : '';
	return `{ productVariants${argument} { edges { node { id legacyResourceId sku barcode title displayName price updatedAt product { id title status } inventoryItem { id tracked } } } } }`;
}
