/**
 * The sandbox shop's starting catalog: apparel and accessories stocked at two locations,
 * a gift card, and an item only the 3PL holds — enough for split fulfilment and stock drift.
 */
import { ShopifyStore } from './store';

export const BERLIN = 'gid://shopify/Location/1';
export const ROTTERDAM = 'gid://shopify/Location/2';

/** Location codes the ERP and the warehouses use for Shopify's locations. */
export const LOCATION_CODES: Record<string, string> = { [BERLIN]: 'BER', [ROTTERDAM]: 'RTM' };

export function seedCatalog(store: ShopifyStore): ShopifyStore {
	store.addProduct({
		title: 'Merino T-Shirt',
		vendor: 'Orderflow Apparel',
		productType: 'Shirts',
		variants: [
			{ title: 'Red / M', sku: 'TSHIRT-RED-M', price: '39.90', barcode: '4006381333931' },
			{ title: 'Red / L', sku: 'TSHIRT-RED-L', price: '39.90', barcode: '4006381333948' },
			{ title: 'Black / M', sku: 'TSHIRT-BLK-M', price: '39.90', barcode: '4006381333955' },
		],
		stock: {
			'TSHIRT-RED-M': {
				[BERLIN]: { available: 40, safety_stock: 5 },
				[ROTTERDAM]: { available: 12 },
			},
			'TSHIRT-RED-L': { [BERLIN]: { available: 25, safety_stock: 5 } },
			'TSHIRT-BLK-M': {
				[BERLIN]: { available: 3, safety_stock: 5 },
				[ROTTERDAM]: { available: 30 },
			},
		},
	});
	store.addProduct({
		title: 'Canvas Tote Bag',
		vendor: 'Orderflow Apparel',
		productType: 'Bags',
		variants: [{ sku: 'TOTE-NAT', price: '24.00', barcode: '4006381333962' }],
		stock: { 'TOTE-NAT': { [ROTTERDAM]: { available: 80, incoming: 40 } } },
	});
	store.addProduct({
		title: 'Trail Socks',
		vendor: 'Orderflow Apparel',
		productType: 'Socks',
		variants: [{ sku: 'SOCKS-TRAIL-42', price: '12.50' }],
		stock: { 'SOCKS-TRAIL-42': { [BERLIN]: { available: 150 } } },
	});
	store.addProduct({
		title: 'Gift Card',
		productType: 'Gift Cards',
		variants: [{ title: '50 EUR', sku: 'GIFT-50', price: '50.00', isGiftCard: true }],
	});
	return store;
}

export function seededStore(): ShopifyStore {
	return seedCatalog(new ShopifyStore());
}

/** The shop's stock as the ERP counts it, per SKU and location code: in step with Shopify. */
export function stockRowsOf(store: ShopifyStore): Array<{
	sku: string;
	location: string;
	onHand: number;
	available: number;
	safetyStock?: number;
}> {
	return store.inventoryLevels.map((level) => ({
		sku: store.inventoryItems.find((item) => item.id === level.inventoryItemId)!.sku,
		location: LOCATION_CODES[level.locationId] ?? level.locationId,
		onHand: level.quantities.on_hand,
		available: level.quantities.available,
		safetyStock: level.quantities.safety_stock,
	}));
}

/** What the warehouse at `location` (a location code) holds, in step with Shopify. */
export function warehouseStockOf(
	store: ShopifyStore,
	location: string,
): Array<{ sku: string; warehouse: string; onHand: number; available: number }> {
	return stockRowsOf(store)
		.filter((row) => row.location === location)
		.map((row) => ({
			sku: row.sku,
			warehouse: row.location,
			onHand: row.onHand,
			available: row.available,
		}));
}
