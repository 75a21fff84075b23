/**
 * The refund request template beside refund propagation, through n8n's engine: support asks for a
 * refund on the form; above EUR 500 it waits for an approver before any money moves; approved, the
 * refund is made once and refund propagation books its credit memo without asking again; rejected,
 * nothing moves. A refund whose note names an approval the ledger does not hold (or one already
 * spent) is held for approval like any other.
 */
import type { IDataObject } from 'n8n-workflow';

import { mapShopifyOrder } from '../../core/contract/sales-order';
import {
	refundRequestForm,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	type RefundRequestForm,
	type TemplateRig,
} from '../../harness';
import { createRefund } from '../../sandbox/shopify/domain/refunds';
import { restOrder } from '../../sandbox/shopify/rest';
import type { OrderRecord } from '../../sandbox/shopify/store';

describe('Refund request template: approved before the money moves', () => {
	let rig: TemplateRig;
	let form: RefundRequestForm;

	beforeEach(async () => {
		rig = await startTemplate(
			['refund-request.json', 'refund-propagation.json'],
			[
				'Refund Approval',
				'Report Rejection',
				'Report Request Problem',
				'Approval Checkpoint',
				'Report Exception',
				'Report Warehouse Adjustment',
			],
		);
		form = refundRequestForm(rig.engine, rig.workflow);
	});
	afterEach(async () => await rig.close());

	/** An order of socks at 12.50 EUR, booked in the ERP as the order sync books it. */
	const bookedOrder = async (quantity = 200): Promise<OrderRecord> => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity }],
			shippingAddress: ADDRESS,
		});
		const mapped = mapShopifyOrder(restOrder(rig.shopify.store, order) as IDataObject, {
			defaultEntity: 'DE01',
		});
		if (!mapped.ok) throw new Error(mapped.reasons.join('; '));
		await rig.erpCall('POST', '/sales-orders', mapped.salesOrder, {
			'Idempotency-Key': `book-${order.id}`,
		});
		await rig.settle();
		return order;
	};
	const refundsOf = (order: OrderRecord) =>
		rig.shopify.store.refunds.filter((refund) => refund.orderId === order.id);
	const request = async (order: OrderRecord, lines: string) => {
		const call = await form.submit({
			order: order.name,
			lines,
			reason: 'parcel arrived damaged',
			requestedBy: 'grace@example.com',
		});
		await rig.settle();
		return call;
	};

	it('above EUR 500: nothing moves until the approver approves; then one refund, one credit memo, no second approval', async () => {
		const order = await bookedOrder();
		const call = await request(order, 'SOCKS-TRAIL-42=50');
		expect(call.response.statusCode).toBe(200);
		expect(refundsOf(order)).toEqual([]);
		const [notice] = rig.sent('Refund Approval');
		expect(JSON.stringify(notice)).toContain('Refund request approval');
		expect(JSON.stringify(notice)).toContain(
			`Refund request for order ${order.name} by grace@example.com: parcel arrived damaged`,
		);

		expect(await rig.decide('Refund Approval', 'approve', 'Finance Lead')).toBe(200);
		await rig.settle();
		expect(refundsOf(order)).toHaveLength(1);
		expect(refundsOf(order)[0].note).toMatch(
			/^Refund request approved \(grace@example\.com\): parcel arrived damaged orderflow-key:orderflow-request-\d+$/,
		);
		expect(await rig.creditMemos()).toEqual([
			expect.objectContaining({
				total: expect.objectContaining({ shop: { amount: 62500, currency: 'EUR' } }),
			}),
		]);
		expect(rig.sent('Approval Checkpoint')).toEqual([]);
	});

	it('rejected: no money moves, and the rejection is reported saying so', async () => {
		const order = await bookedOrder();
		await request(order, 'SOCKS-TRAIL-42=50');
		expect(
			await rig.decide('Refund Approval', 'reject', 'Finance Lead', 'not damaged in the photos'),
		).toBe(200);
		await rig.settle();
		expect(refundsOf(order)).toEqual([]);
		expect(await rig.creditMemos()).toEqual([]);
		expect(rig.sent('Report Rejection').map((message) => message.text)).toEqual([
			expect.stringMatching(
				new RegExp(`^Refund request rejected — no money moved: order ${order.name} — `),
			),
		]);
	});

	it('below EUR 500 it is refunded at once and booked once; an unknown order is reported, nothing moves', async () => {
		const order = await bookedOrder();
		await request(order, 'SOCKS-TRAIL-42=2');
		expect(rig.sent('Refund Approval')).toEqual([]);
		expect(refundsOf(order)).toHaveLength(1);
		expect(await rig.creditMemos()).toHaveLength(1);

		await form.submit({ order: '#99999', reason: 'wrong size', requestedBy: 'grace@example.com' });
		await rig.settle();
		expect(rig.sent('Report Request Problem').map((message) => message.text)).toEqual([
			expect.stringMatching(
				/^Refund request not carried out: order #99999 — Shopify has no such order/,
			),
		]);
		expect(rig.shopify.store.refunds).toHaveLength(1);
	});

	it('a refund whose note names an approval the ledger does not hold, or one already spent, waits for the Approval Checkpoint', async () => {
		const order = await bookedOrder();
		await request(order, 'SOCKS-TRAIL-42=50');
		await rig.decide('Refund Approval', 'approve', 'Finance Lead');
		await rig.settle();
		const spentNote = refundsOf(order)[0].note;
		// Someone copies the approved refund's note onto a refund of their own, and invents another.
		createRefund(rig.shopify.store, {
			orderId: order.id,
			note: spentNote,
			refundLineItems: [
				{ lineItemId: order.lineItems[0].id, quantity: 45, restockType: 'NO_RESTOCK' },
			],
		});
		await rig.settle();
		createRefund(rig.shopify.store, {
			orderId: order.id,
			note: 'orderflow-key:orderflow-request-424242',
			refundLineItems: [
				{ lineItemId: order.lineItems[0].id, quantity: 41, restockType: 'NO_RESTOCK' },
			],
		});
		await rig.settle();
		// Each refund is held: one notice per refund to each named approver.
		expect(
			rig
				.sent('Approval Checkpoint')
				.filter((notice) => JSON.stringify(notice).includes('For Finance Lead only')),
		).toHaveLength(2);
		expect(await rig.creditMemos()).toHaveLength(1);
	});
});
