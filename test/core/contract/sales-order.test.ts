import { mapShopifyOrder, type MappingOptions } from '../../../core/contract/sales-order';
import { loadContract } from '../../../sandbox/contract/openapi';
import { restOrder } from '../../../sandbox/shopify/rest';
import { seededStore } from '../../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../../sandbox/shopify/server';
import type { OrderInput } from '../../../sandbox/shopify/store';
import { adminGraphql } from '../../support/shopify';

const MONEY = 'shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }';
const ORDER_QUERY = `query O($id: ID!) { order(id: $id) {
	id name createdAt updatedAt cancelledAt currencyCode presentmentCurrencyCode taxesIncluded sourceName tags note email
	customer { id firstName lastName defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
	shippingAddress { name firstName lastName company address1 address2 city province provinceCode zip countryCodeV2 phone }
	billingAddress { name company address1 address2 city provinceCode zip countryCodeV2 phone }
	lineItems(first: 50) { nodes { id sku name quantity isGiftCard requiresShipping originalUnitPriceSet { ${MONEY} } totalDiscountSet { ${MONEY} } taxLines { rate priceSet { ${MONEY} } } } }
	shippingLines(first: 5) { nodes { code title originalPriceSet { ${MONEY} } taxLines { rate priceSet { ${MONEY} } } } }
	transactions(first: 10) { kind status gateway amountSet { ${MONEY} } }
	subtotalPriceSet { ${MONEY} } totalDiscountsSet { ${MONEY} } totalShippingPriceSet { ${MONEY} } totalTaxSet { ${MONEY} } totalPriceSet { ${MONEY} }
} }`;

const ADDRESS = {
	firstName: 'Grace',
	lastName: 'Hopper',
	address1: '1 Harbor Street',
	city: 'Boston',
	provinceCode: 'MA',
	zip: '02110',
	countryCodeV2: 'US',
};
const OPTIONS: MappingOptions = {
	defaultEntity: 'DE01',
	rules: [
		{ entity: 'MKT01', channels: ['amazon'] },
		{ entity: 'US01', shipToCountries: ['US', 'CA'] },
	],
};

describe('Shopify order → canonical sales order', () => {
	let emulator: ShopifyEmulator;
	const validateSalesOrder = loadContract().routes.find(
		(route) => route.operationId === 'createSalesOrder',
	)!.validateBody!;

	beforeAll(async () => {
		emulator = await ShopifyEmulator.start({ store: seededStore(), accessTokens: ['shpat_map'] });
	});

	afterAll(async () => await emulator.close());

	const bothShapes = async (input: OrderInput) => {
		const order = emulator.store.createOrder(input);
		const graphql = (
			await adminGraphql<{ order: Record<string, unknown> }>(emulator, ORDER_QUERY, {
				id: order.id,
			})
		).data!.order;
		return { rest: restOrder(emulator.store, order), graphql, order };
	};

	it('maps a multi-currency order with discount, taxes, shipping and a gift card into minor units, valid against the contract', async () => {
		const { rest, graphql, order } = await bothShapes({
			lines: [
				{ sku: 'TSHIRT-RED-M', quantity: 2, discount: '5.00', taxRate: 0.19 },
				{ sku: 'GIFT-50', quantity: 1 },
			],
			presentmentCurrency: 'USD',
			exchangeRate: 1.0753,
			shipping: { title: 'DHL Express', price: '4.90', taxRate: 0.19 },
			giftCardPayment: '20.00',
			customer: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' },
			shippingAddress: ADDRESS,
		});
		const mapped = mapShopifyOrder({ payload: rest }, OPTIONS);
		if (!mapped.ok) throw new Error(mapped.reasons.join('; '));
		const salesOrder = mapped.salesOrder;
		expect(salesOrder).toMatchObject({
			externalRef: `shopify:order:${order.id.split('/').pop()}`,
			entity: 'US01',
			channel: 'web',
			currency: 'EUR',
			presentmentCurrency: 'USD',
			shipTo: {
				name: 'Grace Hopper',
				line1: '1 Harbor Street',
				city: 'Boston',
				region: 'MA',
				postalCode: '02110',
				country: 'US',
			},
		});
		expect(salesOrder.lines[0]).toMatchObject({
			sku: 'TSHIRT-RED-M',
			quantity: 2,
			unitPrice: {
				shop: { amount: 3990, currency: 'EUR' },
				presentment: { amount: 4290, currency: 'USD' },
			},
			discount: { shop: { amount: 500, currency: 'EUR' } },
			tax: { shop: { amount: 1421, currency: 'EUR' } },
			taxRate: 0.19,
			giftCard: false,
		});
		expect(salesOrder.lines[1]).toMatchObject({
			sku: 'GIFT-50',
			giftCard: true,
			tax: { shop: { amount: 0 } },
		});
		expect(salesOrder.totals.total.shop).toEqual({ amount: 14484, currency: 'EUR' });
		expect(salesOrder.shipping).toEqual([
			expect.objectContaining({
				code: 'DHL_EXPRESS',
				amount: expect.objectContaining({ shop: { amount: 490, currency: 'EUR' } }),
				tax: expect.objectContaining({ shop: { amount: 93, currency: 'EUR' } }),
			}),
		]);
		expect(validateSalesOrder(JSON.parse(JSON.stringify(salesOrder)))).toBe(true);

		// The same order read through GraphQL maps to the same sales order (GraphQL adds the payments).
		const fromGraphql = mapShopifyOrder(graphql, OPTIONS);
		if (!fromGraphql.ok) throw new Error(fromGraphql.reasons.join('; '));
		expect({ ...fromGraphql.salesOrder, payments: [] }).toEqual(salesOrder);
		expect(
			fromGraphql.salesOrder.payments.map((payment) => [
				payment.gateway,
				payment.amount.shop.amount,
			]),
		).toEqual([
			['gift_card', 2000],
			['shopify_payments', 12484],
		]);
	});

	it('routes marketplace orders and others by rule, and books the rest in the default entity', async () => {
		const marketplace = await bothShapes({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			sourceName: 'amazon',
			shippingAddress: ADDRESS,
		});
		const domestic = await bothShapes({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			shippingAddress: { ...ADDRESS, countryCodeV2: 'DE', city: 'Berlin', zip: '10117' },
		});
		expect(mapShopifyOrder(marketplace.rest, OPTIONS)).toMatchObject({
			ok: true,
			salesOrder: { entity: 'MKT01', channel: 'amazon' },
		});
		expect(mapShopifyOrder(domestic.rest, OPTIONS)).toMatchObject({
			ok: true,
			salesOrder: { entity: 'DE01' },
		});
	});

	it('says why an order cannot be mapped: unknown SKU, missing address, unsupported currency', async () => {
		const { rest } = await bothShapes({
			lines: [
				{ sku: 'TOTE-NAT', quantity: 1 },
				{ sku: 'SOCKS-TRAIL-42', quantity: 1 },
			],
			presentmentCurrency: 'JPY',
			exchangeRate: 161.2,
		});
		const result = mapShopifyOrder(rest, {
			...OPTIONS,
			knownSkus: new Set(['TOTE-NAT']),
			currencies: ['EUR', 'USD'],
		});
		expect(result).toEqual({
			ok: false,
			order: expect.anything(),
			reasons: [
				'unsupported currency JPY (the ERP books EUR, USD)',
				"unknown SKU SOCKS-TRAIL-42 (not in the ERP's SKU master)",
				'missing shipping address',
			],
		});
		expect(mapShopifyOrder({ hello: 'world' }, OPTIONS)).toEqual({
			ok: false,
			reasons: [expect.stringMatching(/not a Shopify order/)],
		});
	});
});
