/**
 * Every inventory level of the shop in one bulk query. Each level carries its item's SKU
 * (`item { sku }`), so a level line is a whole row without looking up its parent line.
 */
export const INVENTORY_LEVELS_BULK_QUERY = /* GraphQL */ `
	{
		inventoryItems {
			edges {
				node {
					id
					inventoryLevels {
						edges {
							node {
								location {
									id
									name
								}
								quantities(names: ["available", "safety_stock"]) {
									name
									quantity
								}
								item {
									sku
								}
							}
						}
					}
				}
			}
		}
	}
`;
