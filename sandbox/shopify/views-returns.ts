/** GraphQL shape of returns. */
import { connection, type ConnectionArgs } from './connection';
import type { ReturnRecord, ShopifyStore } from './store';
import type { RecordViews, View } from './views-common';
import { refundView } from './views-refund';

type FulfillmentLineView = (id: string) => View;

/** The fulfilled line a return line sends back, with its order line. */
function fulfillmentLineView(
	store: ShopifyStore,
	views: RecordViews,
	record: ReturnRecord,
): FulfillmentLineView {
	const order = store.order(record.orderId)!;
	return (id) => {
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
}

function returnLineView(
	line: ReturnRecord['lines'][number],
	fulfillmentLine: FulfillmentLineView,
): View {
	const left = line.quantity - line.processedQuantity;
	return {
		__typename: 'ReturnLineItem',
		id: line.id,
		quantity: line.quantity,
		processedQuantity: line.processedQuantity,
		processableQuantity: left,
		unprocessedQuantity: left,
		refundableQuantity: left,
		refundedQuantity: line.processedQuantity,
		returnReason: 'OTHER',
		returnReasonNote: line.returnReasonNote,
		customerNote: null,
		fulfillmentLineItem: () => fulfillmentLine(line.fulfillmentLineItemId),
	};
}

/** The return's reverse fulfillment order: its lines and what was done with each unit. */
function reverseFulfillmentOrderView(
	record: ReturnRecord,
	order: () => View,
	fulfillmentLine: FulfillmentLineView,
): View {
	return {
		__typename: 'ReverseFulfillmentOrder',
		id: record.reverseFulfillmentOrderId,
		status: record.status === 'CLOSED' ? 'CLOSED' : 'OPEN',
		order,
		lineItems: (args: ConnectionArgs) =>
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
				args,
			),
		reverseDeliveries: (args: ConnectionArgs) => connection([], args),
	};
}

export function returnView(store: ShopifyStore, views: RecordViews, record: ReturnRecord): View {
	const order = () => views.order(store.order(record.orderId)!);
	const fulfillmentLine = fulfillmentLineView(store, views, record);
	return {
		__typename: 'Return',
		id: record.id,
		name: record.name,
		status: record.status,
		createdAt: record.createdAt,
		closedAt: record.closedAt,
		totalQuantity: record.lines.reduce((sum, line) => sum + line.quantity, 0),
		order,
		returnShippingFees: [],
		returnLineItems: (args: ConnectionArgs) =>
			connection(
				record.lines.map((line) => returnLineView(line, fulfillmentLine)),
				args,
			),
		reverseFulfillmentOrders: (args: ConnectionArgs) =>
			connection([reverseFulfillmentOrderView(record, order, fulfillmentLine)], args),
		refunds: (args: ConnectionArgs) =>
			connection(
				store.refunds
					.filter((refund) => record.refundIds.includes(refund.id))
					.map((refund) => refundView(store, views, refund)),
				args,
			),
	};
}
