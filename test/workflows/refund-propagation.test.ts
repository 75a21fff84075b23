import type { IDataObject } from 'n8n-workflow';

import { mapShopifyOrder } from '../../core/contract/sales-order';
import { createRefund } from '../../sandbox/shopify/domain/refunds';
import { restOrder } from '../../sandbox/shopify/rest';
import {
	orderRefOf,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	type TemplateRig,
} from '../../harness';
import { BERLIN } from '../../sandbox/shopify/seed';

describe('Refund propagation template, run by n8n’s engine against the sandbox', () => {
	let rig: TemplateRig;

	beforeEach(async () => {
		rig = await startTemplate('refund-propagation.json', [
			'Approval Checkpoint',
			'Report Exception',
			'Report Rejection',
			'Report Warehouse Adjustment',
		]);
	});
	afterEach(async () => await rig.close());

	/** An order already booked in the ERP (as the order sync template books it), refunded `quantity` socks at 12.50 EUR. */
	const bookedOrderRefund = async (quantity: number, ordered = 100) => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: ordered }],
			shippingAddress: ADDRESS,
		});
		const mapped = mapShopifyOrder(restOrder(rig.shopify.store, order) as IDataObject, {
			defaultEntity: 'DE01',
		});
		if (!mapped.ok) throw new Error(mapped.reasons.join('; '));
		await rig.erpCall('POST', '/sales-orders', mapped.salesOrder, {
			'Idempotency-Key': `book-${order.id}`,
		});
		createRefund(rig.shopify.store, {
			orderId: order.id,
			refundLineItems: [{ lineItemId: order.lineItems[0].id, quantity, restockType: 'NO_RESTOCK' }],
		});
		await rig.settle();
		return order;
	};
	const creditMemos = async () => await rig.creditMemos();
	const sent = (path: string) => rig.sent(path.slice(1));

	it('books a small refund as a credit memo at once, and only once however often Shopify delivers it', async () => {
		rig.shopify.webhooks.faults = { duplicates: 2 };
		await bookedOrderRefund(2);
		const memos = await creditMemos();
		expect(memos).toHaveLength(1);
		expect(memos[0]).toMatchObject({ total: { shop: { amount: 2500, currency: 'EUR' } } });
		expect(sent('/Approval Checkpoint')).toEqual([]);
	});

	it('holds a refund above EUR 500 for approval: approved on the page, then booked', async () => {
		await bookedOrderRefund(50);
		expect(await creditMemos()).toEqual([]);
		const [notice] = sent('/Approval Checkpoint');
		expect(notice.text).toContain('Refund approval');
		expect(await rig.decide('Approval Checkpoint', 'approve', 'Finance Lead')).toBe(200);
		expect(await creditMemos()).toEqual([
			expect.objectContaining({
				total: {
					shop: { amount: 62500, currency: 'EUR' },
					presentment: { amount: 62500, currency: 'EUR' },
				},
			}),
		]);
	});

	it('a refund above EUR 2000 needs both named approvers, each through their own link', async () => {
		await bookedOrderRefund(170, 200);
		const notices = sent('/Approval Checkpoint');
		expect(notices).toHaveLength(2);
		expect(notices.map((notice) => JSON.stringify(notice))).toEqual([
			expect.stringContaining('For Finance Lead only'),
			expect.stringContaining('For Head of Finance only'),
		]);
		expect(await rig.decide('Approval Checkpoint', 'approve', 'Finance Lead')).toBe(200);
		// The same person again is refused; the quorum waits for the other approver.
		expect(await rig.decide('Approval Checkpoint', 'approve', 'Finance Lead')).toBe(409);
		expect(await creditMemos()).toEqual([]);
		expect(await rig.decide('Approval Checkpoint', 'approve', 'Head of Finance')).toBe(200);
		expect(await creditMemos()).toEqual([
			expect.objectContaining({
				total: {
					shop: { amount: 212500, currency: 'EUR' },
					presentment: { amount: 212500, currency: 'EUR' },
				},
			}),
		]);
	});

	it('a rejected refund is reported and never booked', async () => {
		await bookedOrderRefund(60);
		await rig.decide('Approval Checkpoint', 'reject', 'Finance Lead', 'Goods not returned');
		expect(await creditMemos()).toEqual([]);
		expect(sent('/Report Rejection')).toEqual([
			expect.objectContaining({ text: expect.stringContaining('rejected by Finance Lead') }),
		]);
	});

	it('a refund of an order the ERP does not know is reported, not lost', async () => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 3 }],
			shippingAddress: ADDRESS,
		});
		createRefund(rig.shopify.store, {
			orderId: order.id,
			refundLineItems: [
				{ lineItemId: order.lineItems[0].id, quantity: 1, restockType: 'NO_RESTOCK' },
			],
		});
		await rig.settle();
		expect(await creditMemos()).toEqual([]);
		expect(sent('/Report Exception')).toEqual([
			expect.objectContaining({ order: Number(order.id.split('/').pop()) }),
		]);
	});

	describe('units cancelled before they shipped', () => {
		/** A booked order of socks whose Berlin shipment request the in-house WMS already holds. */
		const requestedAtBerlin = async (quantity: number) => {
			const order = rig.shopify.store.createOrder({
				lines: [
					{ sku: 'SOCKS-TRAIL-42', quantity },
					{ sku: 'TOTE-NAT', quantity: 1 },
				],
				shippingAddress: ADDRESS,
			});
			const mapped = mapShopifyOrder(restOrder(rig.shopify.store, order) as IDataObject, {
				defaultEntity: 'DE01',
			});
			if (!mapped.ok) throw new Error(mapped.reasons.join('; '));
			await rig.erpCall(
				'POST',
				'/sales-orders',
				{
					...mapped.salesOrder,
					lines: mapped.salesOrder.lines.filter((line) => line.sku !== 'TOTE-NAT'),
				},
				{ 'Idempotency-Key': `book-${order.id}` },
			);
			const orderRef = orderRefOf(order);
			const shipTo = {
				name: 'Ada Lovelace',
				line1: ADDRESS.address1,
				city: ADDRESS.city,
				postalCode: ADDRESS.zip,
				country: 'DE',
			};
			const socks = await rig.call(rig.wms, 'POST', '/shipment-requests', {
				externalRef: `${orderRef}:berlin`,
				orderRef,
				warehouse: 'BER',
				shipTo,
				lines: [{ sku: 'SOCKS-TRAIL-42', quantity }],
			});
			const tote = await rig.call(rig.threePl, 'POST', '/shipment-requests', {
				externalRef: `${orderRef}:rotterdam`,
				orderRef,
				warehouse: 'RTM',
				shipTo,
				lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			});
			expect([socks.status, tote.status]).toEqual([201, 201]);
			return order;
		};
		const requestStatus = async (server: typeof rig.wms) =>
			(await rig.shipmentRequests(server)).map((request) => request.status);

		it('cancels, once, the request made only of the cancelled units; the other warehouse’s request stays', async () => {
			rig.shopify.webhooks.faults = { duplicates: 2 };
			const order = await requestedAtBerlin(2);
			createRefund(rig.shopify.store, {
				orderId: order.id,
				refundLineItems: [
					{
						lineItemId: order.lineItems[0].id,
						quantity: 2,
						restockType: 'CANCEL',
						locationId: BERLIN,
					},
				],
			});
			await rig.settle();
			expect(await creditMemos()).toHaveLength(1);
			expect(await requestStatus(rig.wms)).toEqual(['cancelled']);
			expect(await requestStatus(rig.threePl)).toEqual(['received']);
			expect(sent('/Report Warehouse Adjustment')).toEqual([]);
		});

		it('names a request the refund only shrinks, for someone to adjust at the warehouse, and cancels nothing', async () => {
			const order = await requestedAtBerlin(4);
			createRefund(rig.shopify.store, {
				orderId: order.id,
				refundLineItems: [
					{
						lineItemId: order.lineItems[0].id,
						quantity: 1,
						restockType: 'CANCEL',
						locationId: BERLIN,
					},
				],
			});
			await rig.settle();
			expect(await requestStatus(rig.wms)).toEqual(['received']);
			expect(sent('/Report Warehouse Adjustment')).toEqual([
				expect.objectContaining({
					text: expect.stringContaining(
						'still asks for units the refund cancelled (SOCKS-TRAIL-42: 1 of 4 cancelled): adjust it at the warehouse',
					),
				}),
			]);
		});
	});
});
