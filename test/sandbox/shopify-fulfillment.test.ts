import { BERLIN, ROTTERDAM, seededStore } from '../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../sandbox/shopify/server';
import { adminGraphql } from '../support/shopify';

interface FulfillmentOrderNode {
	id: string;
	status: string;
	requestStatus: string;
	assignedLocation: { location: { id: string } };
	supportedActions: Array<{ action: string }>;
	lineItems: {
		nodes: Array<{ id: string; sku: string; totalQuantity: number; remainingQuantity: number }>;
	};
}

const FO_FIELDS =
	'id status requestStatus assignedLocation { location { id } } supportedActions { action } lineItems(first: 20) { nodes { id sku totalQuantity remainingQuantity } }';

describe('Shopify emulator: fulfillment orders', () => {
	let emulator: ShopifyEmulator;

	beforeEach(async () => {
		emulator = await ShopifyEmulator.start({ store: seededStore(), accessTokens: ['shpat_fo'] });
	});

	afterEach(async () => await emulator.close());

	const available = (sku: string, locationId: string) => {
		const item = emulator.store.variantBySku(sku)!.inventoryItemId;
		return emulator.store.inventoryLevel(item, locationId)!.quantities;
	};

	const fulfillmentOrders = async (orderId: string) =>
		(
			await adminGraphql<{
				order: {
					displayFulfillmentStatus: string;
					fulfillmentOrders: { nodes: FulfillmentOrderNode[] };
				};
			}>(
				emulator,
				`query FOs($id: ID!) { order(id: $id) { displayFulfillmentStatus fulfillmentOrders(first: 20) { nodes { ${FO_FIELDS} } } } }`,
				{ id: orderId },
			)
		).data!.order;

	it('routes an order whose lines sit at two locations into one fulfillment order per location, committing stock', async () => {
		const order = emulator.store.createOrder({
			lines: [
				{ sku: 'TSHIRT-RED-L', quantity: 1 },
				{ sku: 'TOTE-NAT', quantity: 2 },
				{ sku: 'GIFT-50', quantity: 1 },
			],
		});
		const {
			fulfillmentOrders: { nodes: fos },
			displayFulfillmentStatus,
		} = await fulfillmentOrders(order.id);
		expect(displayFulfillmentStatus).toBe('UNFULFILLED');
		expect(
			fos.map((fo) => [
				fo.assignedLocation.location.id,
				fo.lineItems.nodes.map((l) => [l.sku, l.remainingQuantity]),
			]),
		).toEqual([
			[BERLIN, [['TSHIRT-RED-L', 1]]],
			[ROTTERDAM, [['TOTE-NAT', 2]]],
		]);
		expect(available('TOTE-NAT', ROTTERDAM)).toMatchObject({
			available: 78,
			committed: 2,
			on_hand: 80,
		});
		expect(fos[1].supportedActions.map((a) => a.action)).toContain('REQUEST_FULFILLMENT');
		expect(fos[0].supportedActions.map((a) => a.action)).not.toContain('REQUEST_FULFILLMENT');
	});

	it('fulfils in parts with tracking: partially fulfilled, then fulfilled, stock leaves on hand', async () => {
		const order = emulator.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 3 }] });
		const [fo] = (await fulfillmentOrders(order.id)).fulfillmentOrders.nodes;
		const fulfil = async (quantity: number, number: string) =>
			await adminGraphql<{
				fulfillmentCreate: {
					fulfillment: {
						name: string;
						trackingInfo: Array<{ company: string; number: string; url: string }>;
						fulfillmentLineItems: { nodes: Array<{ quantity: number }> };
					} | null;
					userErrors: Array<{ message: string }>;
				};
			}>(
				emulator,
				'mutation F($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { name trackingInfo(first: 5) { company number url } fulfillmentLineItems(first: 5) { nodes { quantity } } } userErrors { field message } } }',
				{
					f: {
						lineItemsByFulfillmentOrder: [
							{
								fulfillmentOrderId: fo.id,
								fulfillmentOrderLineItems: [{ id: fo.lineItems.nodes[0].id, quantity }],
							},
						],
						trackingInfo: { company: 'DHL', number, url: `https://dhl.example/${number}` },
						notifyCustomer: true,
					},
				},
			);
		const first = await fulfil(2, 'JJD001');
		expect(first.data!.fulfillmentCreate.userErrors).toEqual([]);
		expect(first.data!.fulfillmentCreate.fulfillment).toEqual({
			name: `${order.name}-F1`,
			trackingInfo: [{ company: 'DHL', number: 'JJD001', url: 'https://dhl.example/JJD001' }],
			fulfillmentLineItems: { nodes: [{ quantity: 2 }] },
		});
		let state = await fulfillmentOrders(order.id);
		expect(state.displayFulfillmentStatus).toBe('PARTIALLY_FULFILLED');
		expect(state.fulfillmentOrders.nodes[0]).toMatchObject({ status: 'IN_PROGRESS' });

		const tooMany = await fulfil(2, 'JJD002');
		expect(tooMany.data!.fulfillmentCreate.userErrors[0].message).toMatch(
			/Invalid fulfillment order line item quantity requested: 2 of 1 remaining/,
		);

		await fulfil(1, 'JJD003');
		state = await fulfillmentOrders(order.id);
		expect(state.displayFulfillmentStatus).toBe('FULFILLED');
		expect(state.fulfillmentOrders.nodes[0].status).toBe('CLOSED');
		expect(available('SOCKS-TRAIL-42', BERLIN)).toMatchObject({
			available: 147,
			committed: 0,
			on_hand: 147,
		});
	});

	it('splits a fulfillment order and moves part of it to another location, moving the committed stock', async () => {
		const order = emulator.store.createOrder({ lines: [{ sku: 'TSHIRT-RED-M', quantity: 4 }] });
		const [fo] = (await fulfillmentOrders(order.id)).fulfillmentOrders.nodes;
		const split = await adminGraphql<{
			fulfillmentOrderSplit: {
				fulfillmentOrderSplits: Array<{
					fulfillmentOrder: FulfillmentOrderNode;
					remainingFulfillmentOrder: FulfillmentOrderNode;
				}>;
				userErrors: unknown[];
			};
		}>(
			emulator,
			`mutation S($splits: [FulfillmentOrderSplitInput!]!) { fulfillmentOrderSplit(fulfillmentOrderSplits: $splits) { fulfillmentOrderSplits { fulfillmentOrder { ${FO_FIELDS} } remainingFulfillmentOrder { ${FO_FIELDS} } } userErrors { field message code } } }`,
			{
				splits: [
					{
						fulfillmentOrderId: fo.id,
						fulfillmentOrderLineItems: [{ id: fo.lineItems.nodes[0].id, quantity: 3 }],
					},
				],
			},
		);
		expect(split.data!.fulfillmentOrderSplit.userErrors).toEqual([]);
		const [{ fulfillmentOrder: kept, remainingFulfillmentOrder: rest }] =
			split.data!.fulfillmentOrderSplit.fulfillmentOrderSplits;
		expect(kept.lineItems.nodes[0].remainingQuantity).toBe(3);
		expect(rest.lineItems.nodes[0].remainingQuantity).toBe(1);

		const moved = await adminGraphql<{
			fulfillmentOrderMove: { movedFulfillmentOrder: FulfillmentOrderNode; userErrors: unknown[] };
		}>(
			emulator,
			`mutation M($id: ID!, $to: ID!) { fulfillmentOrderMove(id: $id, newLocationId: $to) { movedFulfillmentOrder { ${FO_FIELDS} } originalFulfillmentOrder { id } remainingFulfillmentOrder { id } userErrors { field message code } } }`,
			{ id: rest.id, to: ROTTERDAM },
		);
		expect(moved.data!.fulfillmentOrderMove.userErrors).toEqual([]);
		expect(
			moved.data!.fulfillmentOrderMove.movedFulfillmentOrder.assignedLocation.location.id,
		).toBe(ROTTERDAM);
		expect(available('TSHIRT-RED-M', BERLIN)).toMatchObject({ available: 37, committed: 3 });
		expect(available('TSHIRT-RED-M', ROTTERDAM)).toMatchObject({ available: 11, committed: 1 });
	});

	it('holds and releases, refuses to fulfil while on hold, and sends fulfillment requests only to a fulfillment service', async () => {
		const order = emulator.store.createOrder({
			lines: [
				{ sku: 'TSHIRT-RED-L', quantity: 1 },
				{ sku: 'TOTE-NAT', quantity: 1 },
			],
		});
		const [berlin, rotterdam] = (await fulfillmentOrders(order.id)).fulfillmentOrders.nodes;
		const held = await adminGraphql<{
			fulfillmentOrderHold: { fulfillmentOrder: { status: string }; userErrors: unknown[] };
		}>(
			emulator,
			'mutation H($id: ID!) { fulfillmentOrderHold(id: $id, fulfillmentHold: { reason: INCORRECT_ADDRESS, reasonNotes: "Check street" }) { fulfillmentOrder { status fulfillmentHolds { reason reasonNotes } } userErrors { field message } } }',
			{ id: berlin.id },
		);
		expect(held.errors).toBeUndefined();
		expect(held.data!.fulfillmentOrderHold.fulfillmentOrder.status).toBe('ON_HOLD');
		const blocked = await adminGraphql<{
			fulfillmentCreate: { userErrors: Array<{ message: string }> };
		}>(
			emulator,
			'mutation F($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { field message } } }',
			{ f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: berlin.id }] } },
		);
		expect(blocked.data!.fulfillmentCreate.userErrors[0].message).toMatch(/on hold/);
		const released = await adminGraphql<{
			fulfillmentOrderReleaseHold: { fulfillmentOrder: { status: string } };
		}>(
			emulator,
			'mutation R($id: ID!) { fulfillmentOrderReleaseHold(id: $id) { fulfillmentOrder { status } userErrors { field message } } }',
			{ id: berlin.id },
		);
		expect(released.data!.fulfillmentOrderReleaseHold.fulfillmentOrder.status).toBe('OPEN');

		const submit = async (id: string) =>
			await adminGraphql<{
				fulfillmentOrderSubmitFulfillmentRequest: {
					submittedFulfillmentOrder: { requestStatus: string } | null;
					userErrors: Array<{ message: string }>;
				};
			}>(
				emulator,
				'mutation Sub($id: ID!) { fulfillmentOrderSubmitFulfillmentRequest(id: $id, message: "Ship fast", notifyCustomer: false) { submittedFulfillmentOrder { id requestStatus } userErrors { field message } } }',
				{ id },
			);
		expect(
			(await submit(rotterdam.id)).data!.fulfillmentOrderSubmitFulfillmentRequest
				.submittedFulfillmentOrder,
		).toMatchObject({ requestStatus: 'SUBMITTED' });
		expect(
			(await submit(berlin.id)).data!.fulfillmentOrderSubmitFulfillmentRequest.userErrors[0]
				.message,
		).toMatch(/fulfillment service/);
	});

	it('cancels an unfulfilled order, restocking what was committed', async () => {
		const order = emulator.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 5 }] });
		expect(available('TOTE-NAT', ROTTERDAM)).toMatchObject({ available: 75, committed: 5 });
		const cancelled = await adminGraphql<{
			orderCancel: { job: { done: boolean }; orderCancelUserErrors: unknown[] };
		}>(
			emulator,
			'mutation C($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true, notifyCustomer: false) { job { id done } orderCancelUserErrors { field message code } } }',
			{ id: order.id },
		);
		expect(cancelled.data!.orderCancel).toEqual({
			job: { id: expect.stringMatching(/^gid:\/\/shopify\/Job\//), done: true },
			orderCancelUserErrors: [],
		});
		expect(available('TOTE-NAT', ROTTERDAM)).toMatchObject({ available: 80, committed: 0 });
		const read = await adminGraphql<{
			order: {
				cancelledAt: string | null;
				cancelReason: string;
				fulfillmentOrders: { nodes: Array<{ status: string }> };
			};
		}>(
			emulator,
			'query O($id: ID!) { order(id: $id) { cancelledAt cancelReason fulfillmentOrders(first: 5) { nodes { status } } } }',
			{ id: order.id },
		);
		expect(read.data!.order.cancelledAt).not.toBeNull();
		expect(read.data!.order.cancelReason).toBe('CUSTOMER');
		expect(read.data!.order.fulfillmentOrders.nodes).toEqual([{ status: 'CANCELLED' }]);
	});
});
