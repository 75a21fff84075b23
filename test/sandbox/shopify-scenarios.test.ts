import { seededStore } from '../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../sandbox/shopify/server';
import { adminGraphql } from '../support/shopify';

interface OrderState {
	name: string;
	sourceName: string;
	presentmentCurrencyCode: string;
	cancelledAt: string | null;
	displayFinancialStatus: string;
	displayFulfillmentStatus: string;
	returnStatus: string;
	totalPriceSet: {
		shopMoney: { amount: string; currencyCode: string };
		presentmentMoney: { amount: string; currencyCode: string };
	};
	lineItems: { nodes: Array<{ sku: string; isGiftCard: boolean; requiresShipping: boolean }> };
	fulfillmentOrders: { nodes: Array<{ assignedLocation: { name: string } }> };
	refunds: Array<{ id: string }>;
	paymentGatewayNames: string[];
}

const ORDER = `query O($id: ID!) { order(id: $id) {
	name sourceName presentmentCurrencyCode cancelledAt displayFinancialStatus displayFulfillmentStatus returnStatus paymentGatewayNames
	totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
	lineItems(first: 10) { nodes { sku isGiftCard requiresShipping } }
	fulfillmentOrders(first: 10) { nodes { assignedLocation { name } } }
	refunds(first: 10) { id }
} }`;

describe('Shopify emulator: go-live scenarios through the control API', () => {
	let emulator: ShopifyEmulator;

	beforeAll(async () => {
		emulator = await ShopifyEmulator.start({
			store: seededStore(),
			accessTokens: ['shpat_scenarios'],
		});
	});

	afterAll(async () => await emulator.close());

	const scenario = async (name: string, options?: unknown) => {
		const response = await fetch(`${emulator.url}/_control/scenarios/${name}`, {
			method: 'POST',
			body: options ? JSON.stringify(options) : undefined,
		});
		expect(response.status).toBe(201);
		const result = (await response.json()) as { orderId: string } & Record<string, unknown>;
		const state = (
			await adminGraphql<{ order: OrderState }>(emulator, ORDER, { id: result.orderId })
		).data!.order;
		return { result, state };
	};

	it('lists the catalog', async () => {
		const names = (await (await fetch(`${emulator.url}/_control/scenarios`)).json()) as string[];
		expect(names).toEqual(
			expect.arrayContaining([
				'standard-order',
				'split-locations',
				'gift-card',
				'multi-currency',
				'marketplace',
				'cancellation',
				'address-change-after-fulfilment',
				'partial-refund',
				'full-refund',
				'return',
			]),
		);
	});

	it.each([
		[
			'standard-order',
			(s: OrderState) =>
				expect([s.displayFinancialStatus, s.displayFulfillmentStatus]).toEqual([
					'PAID',
					'UNFULFILLED',
				]),
		],
		[
			'split-locations',
			(s: OrderState) =>
				expect(s.fulfillmentOrders.nodes.map((fo) => fo.assignedLocation.name)).toEqual([
					'Berlin Warehouse',
					'Rotterdam 3PL',
				]),
		],
		[
			'gift-card',
			(s: OrderState) =>
				expect(s.lineItems.nodes).toEqual([
					{ sku: 'GIFT-50', isGiftCard: true, requiresShipping: false },
				]),
		],
		[
			'multi-currency',
			(s: OrderState) =>
				expect([
					s.totalPriceSet.shopMoney.currencyCode,
					s.totalPriceSet.presentmentMoney.currencyCode,
				]).toEqual(['EUR', 'USD']),
		],
		['marketplace', (s: OrderState) => expect(s.sourceName).toBe('amazon')],
		['cancellation', (s: OrderState) => expect(s.cancelledAt).not.toBeNull()],
		[
			'address-change-after-fulfilment',
			(s: OrderState) => expect(s.displayFulfillmentStatus).toBe('FULFILLED'),
		],
		[
			'partial-refund',
			(s: OrderState) =>
				expect([s.displayFinancialStatus, s.refunds.length]).toEqual(['PARTIALLY_REFUNDED', 1]),
		],
		['full-refund', (s: OrderState) => expect(s.displayFinancialStatus).toBe('REFUNDED')],
		[
			'return',
			(s: OrderState) =>
				expect([s.returnStatus, s.displayFinancialStatus]).toEqual([
					'RETURNED',
					'PARTIALLY_REFUNDED',
				]),
		],
	])('%s', async (name, check) => {
		const { state } = await scenario(name);
		check(state);
	});

	it('gift-card: the second order is paid partly with the gift card', async () => {
		const { result } = await scenario('gift-card');
		const paid = (
			await adminGraphql<{ order: OrderState }>(emulator, ORDER, {
				id: result.giftCardPaymentOrderId,
			})
		).data!.order;
		expect(paid.paymentGatewayNames.sort()).toEqual(['gift_card', 'shopify_payments']);
	});

	it('refuses an unknown scenario with the list of known ones', async () => {
		const response = await fetch(`${emulator.url}/_control/scenarios/nope`, { method: 'POST' });
		expect(response.status).toBe(404);
		expect(((await response.json()) as { known: string[] }).known).toContain('return');
	});
});
