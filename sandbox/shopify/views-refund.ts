/** The GraphQL shape of a refund: read on its own and inside an order's and a return's views. */
import { connection, type ConnectionArgs } from './connection';
import type { RefundRecord, ShopifyStore } from './store';
import { legacyId, locationView, moneyBag, type RecordViews, type View } from './views-common';

export function refundView(store: ShopifyStore, views: RecordViews, record: RefundRecord): View {
	const order = store.order(record.orderId)!;
	const transactions = order.transactions.filter((transaction) =>
		record.transactionIds.includes(transaction.id),
	);
	const total = transactions.reduce(
		(sum, t) => ({
			shop: sum.shop + t.amount.shop,
			presentment: sum.presentment + t.amount.presentment,
		}),
		{ shop: 0, presentment: 0 },
	);
	return {
		__typename: 'Refund',
		id: record.id,
		legacyResourceId: legacyId(record.id),
		createdAt: record.createdAt,
		updatedAt: record.createdAt,
		processedAt: record.createdAt,
		note: record.note,
		order: () => views.order(order),
		totalRefundedSet: moneyBag(total, order),
		refundLineItems: (args: ConnectionArgs) =>
			connection(
				record.lines.map((line) => ({
					__typename: 'RefundLineItem',
					id: line.id,
					quantity: line.quantity,
					restockType: line.restockType,
					restocked: line.restocked,
					location: line.locationId
						? locationView(store.locations.find((l) => l.id === line.locationId)!)
						: null,
					lineItem: () =>
						views.lineItem(
							order.lineItems.find((candidate) => candidate.id === line.lineItemId)!,
							order,
						),
					priceSet: moneyBag(line.subtotal, order),
					subtotalSet: moneyBag(line.subtotal, order),
					totalTaxSet: moneyBag(line.tax, order),
				})),
				args,
			),
		refundShippingLines: (args: ConnectionArgs) => connection([], args),
		transactions: (args: ConnectionArgs) =>
			connection(
				transactions.map((transaction) => views.transaction(transaction, order)),
				args,
			),
	};
}
