/** GraphQL shapes of fulfillment orders, fulfillments and suggested refunds (a refund's own view: views-refund.ts). */
import { connection, type ConnectionArgs } from './connection';
import type { SuggestedRefund } from './domain/refunds';
import type {
	FulfillmentOrderRecord,
	FulfillmentRecord,
	MoneyPair,
	OrderRecord,
	ShopifyStore,
} from './store';
import {
	legacyId,
	list,
	locationView,
	moneyBag,
	type RecordViews,
	type View,
} from './views-common';

const SUPPORTED_ACTIONS: Record<string, string[]> = {
	OPEN: ['CREATE_FULFILLMENT', 'SPLIT', 'MOVE', 'HOLD', 'REQUEST_FULFILLMENT'],
	IN_PROGRESS: ['CREATE_FULFILLMENT', 'SPLIT', 'MOVE', 'HOLD'],
	ON_HOLD: ['RELEASE_HOLD'],
	CLOSED: [],
	CANCELLED: [],
	SCHEDULED: ['MARK_AS_OPEN'],
	INCOMPLETE: [],
};

export function fulfillmentOrderView(
	store: ShopifyStore,
	views: RecordViews,
	record: FulfillmentOrderRecord,
): View {
	const order = store.order(record.orderId)!;
	const location = store.locations.find((candidate) => candidate.id === record.assignedLocationId)!;
	const actions = (SUPPORTED_ACTIONS[record.status] ?? []).filter(
		(action) =>
			action !== 'REQUEST_FULFILLMENT' ||
			(location.fulfillmentService && record.requestStatus === 'UNSUBMITTED'),
	);
	return {
		__typename: 'FulfillmentOrder',
		id: record.id,
		status: record.status,
		requestStatus: record.requestStatus,
		createdAt: record.createdAt,
		updatedAt: record.updatedAt,
		fulfillAt: record.createdAt,
		orderId: order.id,
		orderName: order.name,
		order: () => views.order(order),
		assignedLocation: {
			__typename: 'FulfillmentOrderAssignedLocation',
			name: location.name,
			countryCode: 'DE',
			location: locationView(location),
		},
		deliveryMethod: {
			__typename: 'DeliveryMethod',
			id: `gid://shopify/DeliveryMethod/${legacyId(record.id)}`,
			methodType: 'SHIPPING',
		},
		destination: order.shippingAddress
			? {
					__typename: 'FulfillmentOrderDestination',
					...order.shippingAddress,
					countryCode: order.shippingAddress.countryCodeV2,
				}
			: null,
		supportedActions: actions.map((action) => ({
			__typename: 'FulfillmentOrderSupportedAction',
			action,
		})),
		fulfillmentHolds: record.holds.map((hold, index) => ({
			__typename: 'FulfillmentHold',
			id: `gid://shopify/FulfillmentHold/${legacyId(record.id)}${index}`,
			reason: hold.reason,
			reasonNotes: hold.reasonNotes,
			displayReason: hold.reason.charAt(0) + hold.reason.slice(1).toLowerCase().replace(/_/g, ' '),
			heldByRequestingApp: true,
		})),
		lineItems: (args: ConnectionArgs) =>
			connection(
				record.lines.map((line) => {
					const lineItem = order.lineItems.find((candidate) => candidate.id === line.lineItemId)!;
					const variant = store.variants.find((candidate) => candidate.id === lineItem.variantId);
					return {
						__typename: 'FulfillmentOrderLineItem',
						id: line.id,
						sku: lineItem.sku,
						productTitle: lineItem.name,
						totalQuantity: line.totalQuantity,
						remainingQuantity: line.remainingQuantity,
						requiresShipping: lineItem.requiresShipping,
						lineItem: () => views.lineItem(lineItem, order),
						variant: variant ? () => views.variant(variant) : null,
						inventoryItemId: variant?.inventoryItemId ?? null,
					};
				}),
				args,
			),
	};
}

export function fulfillmentView(
	store: ShopifyStore,
	views: RecordViews,
	record: FulfillmentRecord,
): View {
	const order = store.order(record.orderId)!;
	const totalQuantity = record.lines.reduce((sum, line) => sum + line.quantity, 0);
	return {
		__typename: 'Fulfillment',
		id: record.id,
		legacyResourceId: legacyId(record.id),
		name: record.name,
		status: record.status,
		displayStatus: 'FULFILLED',
		createdAt: record.createdAt,
		updatedAt: record.createdAt,
		totalQuantity,
		order: () => views.order(order),
		trackingInfo: list(
			record.tracking.map((tracking) => ({ __typename: 'FulfillmentTrackingInfo', ...tracking })),
		),
		fulfillmentLineItems: (args: ConnectionArgs) =>
			connection(
				record.lines.map((line) => ({
					__typename: 'FulfillmentLineItem',
					id: line.id,
					quantity: line.quantity,
					lineItem: () =>
						views.lineItem(
							order.lineItems.find((candidate) => candidate.id === line.lineItemId)!,
							order,
						),
				})),
				args,
			),
		fulfillmentOrders: (args: ConnectionArgs) =>
			connection(
				[...new Set(record.lines.map((line) => line.fulfillmentOrderId))].map((id) =>
					fulfillmentOrderView(
						store,
						views,
						store.fulfillmentOrders.find((candidate) => candidate.id === id)!,
					),
				),
				args,
			),
	};
}

export function suggestedRefundView(
	suggestion: SuggestedRefund,
	order: OrderRecord,
	views: RecordViews,
): View {
	const bag = (pair: MoneyPair) => moneyBag(pair, order);
	return {
		__typename: 'SuggestedRefund',
		amountSet: bag(suggestion.amount),
		maximumRefundableSet: bag(suggestion.maximumRefundable),
		subtotalSet: bag(suggestion.subtotal),
		totalTaxSet: bag(suggestion.tax),
		discountedSubtotalSet: bag(suggestion.subtotal),
		totalCartDiscountAmountSet: bag({ shop: 0, presentment: 0 }),
		totalDutiesSet: bag({ shop: 0, presentment: 0 }),
		refundDuties: [],
		refundLineItems: suggestion.lines.map((entry) => ({
			__typename: 'RefundLineItem',
			id: `gid://shopify/RefundLineItem/suggested-${legacyId(entry.line.id)}`,
			quantity: entry.quantity,
			restockType: entry.restockType,
			restocked: false,
			location: null,
			lineItem: () => views.lineItem(entry.line, order),
			priceSet: bag(entry.subtotal),
			subtotalSet: bag(entry.subtotal),
			totalTaxSet: bag(entry.tax),
		})),
		shipping: {
			__typename: 'ShippingRefund',
			amountSet: bag(suggestion.shipping),
			maximumRefundableSet: bag(suggestion.maximumShipping),
			taxSet: bag({ shop: 0, presentment: 0 }),
		},
		suggestedTransactions: suggestion.transactions.map((entry) => ({
			__typename: 'SuggestedOrderTransaction',
			gateway: entry.transaction.gateway,
			kind: 'SUGGESTED_REFUND',
			amountSet: bag(entry.amount),
			maximumRefundableSet: bag(entry.amount),
			parentTransaction: views.transaction(entry.transaction, order),
		})),
	};
}
