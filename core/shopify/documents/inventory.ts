/** Inventory: levels by SKU and location, compare-and-set quantities, adjustments. */

const QUANTITY_NAMES =
	'["available", "on_hand", "committed", "incoming", "reserved", "damaged", "quality_control", "safety_stock"]';

export const INVENTORY_LEVELS_QUERY = /* GraphQL */ `
	query OrderflowInventoryLevels($query: String!, $first: Int!, $after: String) {
		inventoryItems(first: $first, after: $after, query: $query) {
			pageInfo { hasNextPage endCursor }
			nodes {
				id sku tracked
				variant { id sku }
				inventoryLevels(first: 20) {
					nodes {
						id
						location { id name }
						quantities(names: ${QUANTITY_NAMES}) { name quantity updatedAt }
					}
				}
			}
		}
	}
`;

export const INVENTORY_SET_MUTATION = /* GraphQL */ `
	mutation OrderflowInventorySet($input: InventorySetQuantitiesInput!, $key: String!) {
		inventorySetQuantities(input: $input) @idempotent(key: $key) {
			inventoryAdjustmentGroup {
				id
				createdAt
				reason
				referenceDocumentUri
				changes {
					name
					delta
					quantityAfterChange
					item {
						id
						sku
					}
					location {
						id
						name
					}
				}
			}
			userErrors {
				field
				message
				code
			}
		}
	}
`;

export const INVENTORY_ADJUST_MUTATION = /* GraphQL */ `
	mutation OrderflowInventoryAdjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {
		inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
			inventoryAdjustmentGroup {
				id
				createdAt
				reason
				referenceDocumentUri
				changes {
					name
					delta
					quantityAfterChange
					item {
						id
						sku
					}
					location {
						id
						name
					}
				}
			}
			userErrors {
				field
				message
				code
			}
		}
	}
`;
