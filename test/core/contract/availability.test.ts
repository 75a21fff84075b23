import { checkAvailability } from '../../../core/contract/availability';

const lines = [
	{ lineRef: 'shopify:fulfillment-order-line:11', sku: 'TSHIRT-RED-M', quantity: 6 },
	{ lineRef: 'shopify:fulfillment-order-line:12', sku: 'SOCKS-TRAIL-42', quantity: 1 },
	{ lineRef: 'shopify:fulfillment-order-line:13', sku: 'tshirt-red-m', quantity: 2 },
];

describe('checkAvailability', () => {
	it('covers lines from the warehouse stock in order; what is short becomes a line spec Shopify accepts', () => {
		const result = checkAvailability(
			lines,
			[
				{ sku: 'TSHIRT-RED-M', warehouse: 'BER', available: 4 },
				{ sku: 'TSHIRT-RED-M', warehouse: 'RTM', available: 50 },
				{ sku: 'SOCKS-TRAIL-42', warehouse: 'BER', onHand: 9 },
			],
			'BER',
		);
		expect(result.canShipAll).toBe(false);
		expect(result.canShipNothing).toBe(false);
		// Two lines of one SKU (any case) draw on the same 4 shirts.
		expect(result.lines.map((line) => [line.sku, line.available, line.short])).toEqual([
			['TSHIRT-RED-M', 4, 2],
			['SOCKS-TRAIL-42', 1, 0],
			['tshirt-red-m', 0, 2],
		]);
		expect(result.shortLines).toBe('11=2, 13=2');
		expect(result.shippableLines).toBe('11=4, 12=1');
	});

	it('all warehouses count when none is named; negative stock counts as none', () => {
		const result = checkAvailability(
			lines.slice(0, 1),
			[
				{ sku: 'TSHIRT-RED-M', warehouse: 'BER', available: -3 },
				{ sku: 'TSHIRT-RED-M', warehouse: 'RTM', available: 6 },
			],
			null,
		);
		expect(result).toMatchObject({ canShipAll: true, shortLines: '', shippableLines: '11=6' });
		expect(checkAvailability(lines.slice(1, 2), [], 'BER')).toMatchObject({
			canShipAll: false,
			canShipNothing: true,
			shortLines: '12=1',
		});
	});
});
