import { BERLIN, seededStore } from '../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../sandbox/shopify/server';
import { adminGraphql } from '../support/shopify';

const REFUND_CREATE = `mutation RefundCreate($input: RefundInput!, $key: String!) {
	refundCreate(input: $input) @idempotent(key: $key) {
		refund { id totalRefundedSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } } refundLineItems(first: 10) { nodes { quantity restockType restocked } } }
		order { id displayFinancialStatus }
		userErrors { field message }
	}
}`;

interface RefundReply {
	refundCreate: {
		refund: {
			id: string;
			totalRefundedSet: {
				shopMoney: { amount: string };
				presentmentMoney: { amount: string; currencyCode: string };
			};
			refundLineItems: {
				nodes: Array<{ quantity: number; restockType: string; restocked: boolean }>;
			};
		} | null;
		order: { displayFinancialStatus: string } | null;
		userErrors: Array<{ field: string[] | null; message: string }>;
	};
}

describe('Shopify emulator: refunds and inventory', () => {
	let emulator: ShopifyEmulator;

	beforeEach(async () => {
		emulator = await ShopifyEmulator.start({
			store: seededStore(),
			accessTokens: ['shpat_refunds'],
		});
	});

	afterEach(async () => await emulator.close());

	const stock = (sku: string) =>
		emulator.store.inventoryLevel(emulator.store.variantBySku(sku)!.inventoryItemId, BERLIN)!
			.quantities;

	it('suggests a refund for some lines, to the original payments', async () => {
		const order = emulator.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 4, taxRate: 0.19 }],
			giftCardPayment: '10.00',
		});
		const line = order.lineItems[0];
		const reply = await adminGraphql<{
			order: {
				suggestedRefund: {
					amountSet: { shopMoney: { amount: string } };
					suggestedTransactions: Array<{
						gateway: string;
						amountSet: { shopMoney: { amount: string } };
					}>;
				};
			};
		}>(
			emulator,
			'query S($id: ID!, $lines: [RefundLineItemInput!]) { order(id: $id) { suggestedRefund(refundLineItems: $lines, refundShipping: false) { amountSet { shopMoney { amount } } suggestedTransactions { gateway amountSet { shopMoney { amount } } parentTransaction { id } } } } }',
			{ id: order.id, lines: [{ lineItemId: line.id, quantity: 2, restockType: 'RETURN' }] },
		);
		expect(reply.errors).toBeUndefined();
		// 2 × 12.50 = 25.00 + 19 % tax 4.75 = 29.75, card first.
		expect(reply.data!.order.suggestedRefund.amountSet.shopMoney.amount).toBe('29.75');
		expect(
			reply.data!.order.suggestedRefund.suggestedTransactions.map((t) => [
				t.gateway,
				t.amountSet.shopMoney.amount,
			]),
		).toEqual([['shopify_payments', '29.75']]);
	});

	it('refunds once for a repeated refundCreate with the same idempotency key, restocking the returned units', async () => {
		const order = emulator.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 4 }] });
		const sale = order.transactions[0];
		const input = {
			orderId: order.id,
			note: 'ERP RMA 4711',
			refundLineItems: [
				{
					lineItemId: order.lineItems[0].id,
					quantity: 1,
					restockType: 'RETURN',
					locationId: BERLIN,
				},
			],
			transactions: [
				{
					orderId: order.id,
					parentId: sale.id,
					gateway: 'shopify_payments',
					kind: 'REFUND',
					amount: '12.50',
				},
			],
		};
		const before = stock('SOCKS-TRAIL-42').available;
		const first = await adminGraphql<RefundReply>(emulator, REFUND_CREATE, {
			input,
			key: 'refund-4711',
		});
		const again = await adminGraphql<RefundReply>(emulator, REFUND_CREATE, {
			input,
			key: 'refund-4711',
		});

		expect(first.data!.refundCreate.userErrors).toEqual([]);
		expect(first.data!.refundCreate.refund).toMatchObject({
			totalRefundedSet: { shopMoney: { amount: '12.5' } },
			refundLineItems: { nodes: [{ quantity: 1, restockType: 'RETURN', restocked: true }] },
		});
		expect(first.data!.refundCreate.order?.displayFinancialStatus).toBe('PARTIALLY_REFUNDED');
		expect(again.data!.refundCreate.refund?.id).toBe(first.data!.refundCreate.refund?.id);
		expect(emulator.store.refunds).toHaveLength(1);
		expect(order.transactions.filter((t) => t.kind === 'REFUND')).toHaveLength(1);
		expect(stock('SOCKS-TRAIL-42').available).toBe(before + 1);

		const otherInput = { ...input, note: 'different' };
		const mismatch = await adminGraphql<RefundReply>(emulator, REFUND_CREATE, {
			input: otherInput,
			key: 'refund-4711',
		});
		expect(mismatch.data!.refundCreate.userErrors[0].message).toMatch(
			/already used with different parameters/,
		);
		expect(emulator.store.refunds).toHaveLength(1);
	});

	it('requires the @idempotent directive from 2026-04 and a non-blank key', async () => {
		const order = emulator.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }] });
		const withoutDirective = await adminGraphql<RefundReply>(
			emulator,
			'mutation R($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { field message } } }',
			{ input: { orderId: order.id } },
		);
		expect(withoutDirective.errors?.[0].extensions?.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
		const blank = await adminGraphql<RefundReply>(emulator, REFUND_CREATE, {
			input: { orderId: order.id },
			key: '  ',
		});
		expect(blank.errors?.[0].message).toMatch(/cannot be an empty string/);
		expect(emulator.store.refunds).toHaveLength(0);
	});

	it('refuses to refund more units than were bought, and needs the presentment currency on multi-currency orders', async () => {
		const order = emulator.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
			presentmentCurrency: 'USD',
			exchangeRate: 1.08,
		});
		const tooMany = await adminGraphql<RefundReply>(emulator, REFUND_CREATE, {
			input: {
				orderId: order.id,
				currency: 'USD',
				refundLineItems: [
					{ lineItemId: order.lineItems[0].id, quantity: 2, restockType: 'NO_RESTOCK' },
				],
			},
			key: 'k1',
		});
		expect(tooMany.data!.refundCreate.userErrors[0].message).toMatch(
			/cannot refund more items than were purchased/,
		);
		const noCurrency = await adminGraphql<RefundReply>(emulator, REFUND_CREATE, {
			input: {
				orderId: order.id,
				refundLineItems: [
					{ lineItemId: order.lineItems[0].id, quantity: 1, restockType: 'NO_RESTOCK' },
				],
			},
			key: 'k2',
		});
		expect(noCurrency.data!.refundCreate.userErrors).toEqual([
			{ field: ['currency'], message: 'Currency must be USD, the currency the order was paid in' },
		]);
		const ok = await adminGraphql<RefundReply>(emulator, REFUND_CREATE, {
			input: {
				orderId: order.id,
				currency: 'USD',
				refundLineItems: [
					{ lineItemId: order.lineItems[0].id, quantity: 1, restockType: 'NO_RESTOCK' },
				],
				transactions: [
					{
						orderId: order.id,
						parentId: order.transactions[0].id,
						gateway: 'shopify_payments',
						kind: 'REFUND',
						amount: '13.50',
					},
				],
			},
			key: 'k3',
		});
		expect(ok.data!.refundCreate.refund?.totalRefundedSet).toEqual({
			shopMoney: { amount: '12.5', currencyCode: 'EUR' },
			presentmentMoney: { amount: '13.5', currencyCode: 'USD' },
		});
		expect(ok.data!.refundCreate.order?.displayFinancialStatus).toBe('REFUNDED');
	});

	const SET = `mutation InvSet($input: InventorySetQuantitiesInput!, $key: String!) {
		inventorySetQuantities(input: $input) @idempotent(key: $key) {
			inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange } }
			userErrors { field message code }
		}
	}`;

	it('sets inventory with compare-and-set: a stale changeFromQuantity changes nothing', async () => {
		const item = emulator.store.variantBySku('TSHIRT-RED-L')!.inventoryItemId;
		const set = async (quantity: number, changeFromQuantity: number | null, key: string) =>
			await adminGraphql<{
				inventorySetQuantities: {
					inventoryAdjustmentGroup: {
						changes: Array<{ name: string; delta: number; quantityAfterChange: number }>;
					} | null;
					userErrors: Array<{ code: string; field: string[] }>;
				};
			}>(emulator, SET, {
				input: {
					name: 'available',
					reason: 'correction',
					quantities: [{ inventoryItemId: item, locationId: BERLIN, quantity, changeFromQuantity }],
				},
				key,
			});
		const stale = await set(30, 20, 'set-1');
		expect(stale.data!.inventorySetQuantities).toEqual({
			inventoryAdjustmentGroup: null,
			userErrors: [
				{
					field: ['input', 'quantities', '0', 'changeFromQuantity'],
					message: "The specified quantity doesn't match the current quantity.",
					code: 'CHANGE_FROM_QUANTITY_STALE',
				},
			],
		});
		expect(stock('TSHIRT-RED-L').available).toBe(25);

		const applied = await set(30, 25, 'set-2');
		expect(applied.data!.inventorySetQuantities.inventoryAdjustmentGroup?.changes).toEqual([
			{ name: 'available', delta: 5, quantityAfterChange: 30 },
			{ name: 'on_hand', delta: 5, quantityAfterChange: 35 },
		]);
		const replay = await set(30, 25, 'set-2');
		expect(
			replay.data!.inventorySetQuantities.inventoryAdjustmentGroup?.changes[0].quantityAfterChange,
		).toBe(30);
		expect(stock('TSHIRT-RED-L').available).toBe(30);

		const missing = await adminGraphql<{
			inventorySetQuantities: { userErrors: Array<{ code: string }> };
		}>(emulator, SET, {
			input: {
				name: 'available',
				reason: 'correction',
				quantities: [{ inventoryItemId: item, locationId: BERLIN, quantity: 1 }],
			},
			key: 'set-3',
		});
		expect(missing.data!.inventorySetQuantities.userErrors[0].code).toBe(
			'COMPARE_QUANTITY_REQUIRED',
		);
	});

	it('adjusts inventory by a delta', async () => {
		const item = emulator.store.variantBySku('SOCKS-TRAIL-42')!.inventoryItemId;
		const reply = await adminGraphql<{
			inventoryAdjustQuantities: {
				inventoryAdjustmentGroup: {
					changes: Array<{ name: string; delta: number; quantityAfterChange: number }>;
				};
				userErrors: unknown[];
			};
		}>(
			emulator,
			'mutation A($input: InventoryAdjustQuantitiesInput!, $key: String!) { inventoryAdjustQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { changes { name delta quantityAfterChange } } userErrors { field message code } } }',
			{
				input: {
					name: 'available',
					reason: 'received',
					changes: [
						{ inventoryItemId: item, locationId: BERLIN, delta: -4, changeFromQuantity: null },
					],
				},
				key: 'adj-1',
			},
		);
		expect(reply.data!.inventoryAdjustQuantities.userErrors).toEqual([]);
		expect(reply.data!.inventoryAdjustQuantities.inventoryAdjustmentGroup.changes[0]).toEqual({
			name: 'available',
			delta: -4,
			quantityAfterChange: 146,
		});
	});
});
