/** GraphQL shape of returns. */
import { connection, type ConnectionArgs } from './connection';
import type { ReturnRecord, ShopifyStore } from './store';
import type { RecordViews, View } from './views-common';
import { refundView } from './views-refund';

export function returnView(store: ShopifyStore, views: RecordViews, record: ReturnRecord): View {
	const order = store.order(record.orderId)!;
	const fulfillmentLine = (id: string) => {
		const line = store.fulfillments
			.flatMap((fulfillment) => fulfillment.lines)
			.find((candidate) => candidate.id === id)!;
		return {
			__typename: 'FulfillmentLineItem',
			id: line.id,
			quantity: line.quantity,
			lineItem: () =>
				views.lineItem(
					order.lineItems.find((candidate) => candidate.id === line.lineItemId)!,
					order,
				),
		};
	};
	return {
		__typename: 'Return',
		id: record.id,
		name: record.name,
		status: record.status,
		createdAt: record.createdAt,
		closedAt: record.closedAt,
		totalQuantity: record.lines.reduce((sum, line) => sum + line.quantity, 0),
		order: () => views.order(order),
		returnShippingFees: [],
		returnLineItems: (args: ConnectionArgs) =>
			connection(
				record.lines.map((line) => ({
					__typename: 'ReturnLineItem',
					id: line.id,
					quantity: line.quantity,
					processedQuantity: line.processedQuantity,
					processableQuantity: line.quantity - line.processedQuantity,
					unprocessedQuantity: line.quantity - line.processedQuantity,
					refundableQuantity: line.quantity - line.processedQuantity,
					refundedQuantity: line.processedQuantity,
					returnReason: 'OTHER',
					returnReasonNote: line.returnReasonNote,
					customerNote: null,
					fulfillmentLineItem: () => fulfillmentLine(line.fulfillmentLineItemId),
				})),
				args,
			),
		reverseFulfillmentOrders: (args: ConnectionArgs) =>
			connection(
				[
					{
						__typename: 'ReverseFulfillmentOrder',
						id: record.reverseFulfillmentOrderId,
						status: record.status === 'CLOSED' ? 'CLOSED' : 'OPEN',
						order: () => views.order(order),
						lineItems: (lineArgs: ConnectionArgs) =>
							connection(
								record.lines.map((line) => ({
									__typename: 'ReverseFulfillmentOrderLineItem',
									id: line.reverseLineId,
									totalQuantity: line.quantity,
									fulfillmentLineItem: () => fulfillmentLine(line.fulfillmentLineItemId),
									dispositions: line.dispositions.map((disposition, index) => ({
										__typename: 'ReverseFulfillmentOrderDisposition',
										id: `${line.reverseLineId}-D${index + 1}`,
										quantity: disposition.quantity,
										type: disposition.type,
										location: null,
									})),
								})),
								lineArgs,
							),
						reverseDeliveries: (deliveryArgs: ConnectionArgs) => connection([], deliveryArgs),
					},
				],
				args,
			),
		refunds: (args: ConnectionArgs) =>
			connection(
				store.refunds
					.filter((refund) => record.refundIds.includes(refund.id))
					.map((refund) => refundView(store, views, refund)),
				args,
			),
	};
}
