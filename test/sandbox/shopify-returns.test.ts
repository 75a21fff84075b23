import { createFulfillment } from '../../sandbox/shopify/domain/fulfillment';
import { BERLIN, seededStore } from '../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../sandbox/shopify/server';
import { adminGraphql } from '../support/shopify';

describe('Shopify emulator: returns', () => {
	let emulator: ShopifyEmulator;

	beforeEach(async () => {
		emulator = await ShopifyEmulator.start({
			store: seededStore(),
			accessTokens: ['shpat_returns'],
		});
	});

	afterEach(async () => await emulator.close());

	it('creates a return for fulfilled units and processes it: restocked and refunded', async () => {
		const store = emulator.store;
		const order = store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 2 }] });
		const fo = store.fulfillmentOrders.find((record) => record.orderId === order.id)!;
		const fulfillment = createFulfillment(store, {
			lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }],
		});
		const onHandAfterShipping = store.inventoryLevel(
			store.variantBySku('SOCKS-TRAIL-42')!.inventoryItemId,
			BERLIN,
		)!.quantities.available;

		const created = await adminGraphql<{
			returnCreate: {
				return: {
					id: string;
					name: string;
					status: string;
					reverseFulfillmentOrders: {
						nodes: Array<{ lineItems: { nodes: Array<{ id: string }> } }>;
					};
					returnLineItems: { nodes: Array<{ id: string; quantity: number }> };
				};
				userErrors: unknown[];
			};
		}>(
			emulator,
			'mutation C($r: ReturnInput!) { returnCreate(returnInput: $r) { return { id name status returnLineItems(first: 5) { nodes { ... on ReturnLineItem { id quantity } } } reverseFulfillmentOrders(first: 1) { nodes { lineItems(first: 5) { nodes { id } } } } } userErrors { field message code } } }',
			{
				r: {
					orderId: order.id,
					returnLineItems: [
						{
							fulfillmentLineItemId: fulfillment.lines[0].id,
							quantity: 1,
							returnReasonNote: 'too small',
						},
					],
				},
			},
		);
		expect(created.data!.returnCreate.userErrors).toEqual([]);
		const ret = created.data!.returnCreate.return;
		expect(ret).toMatchObject({
			name: `${order.name}-R1`,
			status: 'OPEN',
			returnLineItems: { nodes: [{ quantity: 1 }] },
		});

		const processed = await adminGraphql<{
			returnProcess: {
				return: {
					status: string;
					refunds: { nodes: Array<{ totalRefundedSet: { presentmentMoney: { amount: string } } }> };
				};
				userErrors: unknown[];
			};
		}>(
			emulator,
			'mutation P($i: ReturnProcessInput!) { returnProcess(input: $i) { return { status refunds(first: 5) { nodes { totalRefundedSet { presentmentMoney { amount currencyCode } } } } } userErrors { field message code } } }',
			{
				i: {
					returnId: ret.id,
					returnLineItems: [
						{
							id: ret.returnLineItems.nodes[0].id,
							quantity: 1,
							dispositions: [
								{
									reverseFulfillmentOrderLineItemId:
										ret.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0].id,
									quantity: 1,
									dispositionType: 'RESTOCKED',
									locationId: BERLIN,
								},
							],
						},
					],
					financialTransfer: {
						issueRefund: {
							orderTransactions: [
								{
									parentId: order.transactions[0].id,
									transactionAmount: { amount: '12.50', currencyCode: 'EUR' },
								},
							],
						},
					},
				},
			},
		);
		expect(processed.data!.returnProcess.userErrors).toEqual([]);
		expect(processed.data!.returnProcess.return.status).toBe('CLOSED');
		expect(
			processed.data!.returnProcess.return.refunds.nodes[0].totalRefundedSet.presentmentMoney
				.amount,
		).toBe('12.5');
		expect(
			store.inventoryLevel(store.variantBySku('SOCKS-TRAIL-42')!.inventoryItemId, BERLIN)!
				.quantities.available,
		).toBe(onHandAfterShipping + 1);

		const again = await adminGraphql<{ returnCreate: { userErrors: Array<{ message: string }> } }>(
			emulator,
			'mutation C($r: ReturnInput!) { returnCreate(returnInput: $r) { return { id } userErrors { field message code } } }',
			{
				r: {
					orderId: order.id,
					returnLineItems: [{ fulfillmentLineItemId: fulfillment.lines[0].id, quantity: 2 }],
				},
			},
		);
		expect(again.data!.returnCreate.userErrors[0].message).toMatch(
			/more than the 1 that can be returned/,
		);
	});
});
