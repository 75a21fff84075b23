/**
 * The sandbox shop's starting catalog: apparel and accessories stocked at two locations,
 * a gift card, and an item only the 3PL holds — enough for split fulfilment and stock drift.
 */
import { ShopifyStore } from './store';

export const BERLIN = 'gid://shopify/Location/1';
export const ROTTERDAM = 'gid://shopify/Location/2';

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
			'TSHIRT-RED-M': { [BERLIN]: { available: 40, safety_stock: 5 }, [ROTTERDAM]: { available: 12 } },
			'TSHIRT-RED-L': { [BERLIN]: { available: 25, safety_stock: 5 } },
			'TSHIRT-BLK-M': { [BERLIN]: { available: 3, safety_stock: 5 }, [ROTTERDAM]: { available: 30 } },
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
