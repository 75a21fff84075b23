import {
	cancelledUnitsOf,
	isCancelledOrder,
	planOrderCancellation,
	planUnshippedCancellation,
	type OpenShipmentRequest,
} from '../../../core/contract/unshipped-cancellation';

const request = (
	id: string,
	status: string,
	lines: Array<[string, number]>,
): OpenShipmentRequest => ({
	id,
	externalRef: `shopify:fulfillment-order:${id}`,
	status,
	lines: lines.map(([sku, quantity], index) => ({
		lineRef: `shopify:fulfillment-order-line:${id}${index}`,
		sku,
		quantity,
	})),
});

describe('what a refund of unshipped units does to the shipment requests', () => {
	it('cancels a request whose every unit was cancelled', () => {
		const plan = planUnshippedCancellation(
			[request('1', 'received', [['TOTE-NAT', 2]])],
			[{ sku: 'TOTE-NAT', quantity: 2 }],
		);
		expect(plan.cancel.map((r) => r.id)).toEqual(['1']);
		expect(plan.adjust).toEqual([]);
	});

	it('names a request the refund only shrinks, with what changed, and cancels nothing', () => {
		const plan = planUnshippedCancellation(
			[
				request('1', 'picking', [
					['SOCKS-TRAIL-42', 4],
					['TOTE-NAT', 1],
				]),
			],
			[{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
		);
		expect(plan.cancel).toEqual([]);
		expect(plan.adjust).toEqual([
			{
				request: expect.objectContaining({ id: '1' }),
				changes: [{ sku: 'SOCKS-TRAIL-42', requested: 4, cancelled: 1 }],
			},
		]);
	});

	it('leaves shipped and cancelled requests alone, and takes units from the newest request first', () => {
		const requests = [
			request('1', 'shipped', [['TOTE-NAT', 1]]),
			request('2', 'received', [['TOTE-NAT', 1]]),
			request('3', 'received', [['TOTE-NAT', 2]]),
			request('4', 'cancelled', [['TOTE-NAT', 5]]),
		];
		const plan = planUnshippedCancellation(requests, [{ sku: 'TOTE-NAT', quantity: 2 }]);
		expect(plan.cancel.map((r) => r.id)).toEqual(['3']);
		expect(plan.adjust).toEqual([]);
		const more = planUnshippedCancellation(requests, [{ sku: 'TOTE-NAT', quantity: 3 }]);
		expect(more.cancel.map((r) => r.id)).toEqual(['3', '2']);
	});

	it('reads cancelled units from a webhook payload and from a GraphQL refund; returns and plain refunds cancel nothing', () => {
		const payload = {
			payload: {
				refund_line_items: [
					{ quantity: 1, restock_type: 'cancel', line_item: { sku: 'SOCKS-TRAIL-42' } },
					{ quantity: 2, restock_type: 'return', line_item: { sku: 'TOTE-NAT' } },
				],
			},
		};
		expect(cancelledUnitsOf(payload)).toEqual([{ sku: 'SOCKS-TRAIL-42', quantity: 1 }]);
		const graphql = {
			refundLineItems: {
				nodes: [
					{ quantity: 3, restockType: 'CANCEL', lineItem: { sku: 'TOTE-NAT' } },
					{ quantity: 1, restockType: 'NO_RESTOCK', lineItem: { sku: 'TOTE-NAT' } },
				],
			},
		};
		expect(cancelledUnitsOf(graphql)).toEqual([{ sku: 'TOTE-NAT', quantity: 3 }]);
	});

	it('a cancelled order cancels every request not shipped yet and names the ones already on their way', () => {
		const plan = planOrderCancellation([
			request('1', 'received', [['TOTE-NAT', 1]]),
			request('2', 'picking', [['SOCKS-TRAIL-42', 2]]),
			request('3', 'partially_shipped', [['TOTE-NAT', 2]]),
			request('4', 'cancelled', [['TOTE-NAT', 1]]),
		]);
		expect(plan.cancel.map((r) => r.id)).toEqual(['1', '2']);
		expect(plan.adjust).toEqual([
			expect.objectContaining({ request: expect.objectContaining({ id: '3' }), shipped: true }),
		]);
		expect(
			isCancelledOrder({
				payload: { id: 1, cancelled_at: '2026-11-22T10:00:00Z', line_items: [] },
			}),
		).toBe(true);
		expect(isCancelledOrder({ payload: { id: 1, cancelled_at: null } })).toBe(false);
		expect(isCancelledOrder({ payload: { id: 5, order_id: 1, refund_line_items: [] } })).toBe(
			false,
		);
	});
});
