/** Fulfillment orders: list per order, split, move, hold, release, fulfil, request fulfilment. */
import { FULFILLMENT_ORDER as FULFILLMENT_ORDER_FIELDS, FULFILLMENT_ORDER_LINE } from './fragments';

const FULFILLMENT_ORDER = `${FULFILLMENT_ORDER_FIELDS}${FULFILLMENT_ORDER_LINE}`;

export const FULFILLMENT_ORDERS_QUERY = /* GraphQL */ `
	query OrderflowFulfillmentOrders($id: ID!, $first: Int!, $after: String) {
		order(id: $id) {
			id
			name
			fulfillmentOrders(first: $first, after: $after) {
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					id
				}
			}
		}
	}
`;

export const FULFILLMENT_ORDER_SPLIT_MUTATION = /* GraphQL */ `
	mutation OrderflowFulfillmentOrderSplit($splits: [FulfillmentOrderSplitInput!]!) {
		fulfillmentOrderSplit(fulfillmentOrderSplits: $splits) {
			fulfillmentOrderSplits {
				fulfillmentOrder {
					...OrderflowFulfillmentOrder
				}
				remainingFulfillmentOrder {
					...OrderflowFulfillmentOrder
				}
			}
			userErrors {
				field
				message
				code
			}
		}
	}
	${FULFILLMENT_ORDER}
`;

export const FULFILLMENT_ORDER_MOVE_MUTATION = /* GraphQL */ `
	mutation OrderflowFulfillmentOrderMove(
		$id: ID!
		$newLocationId: ID!
		$lineItems: [FulfillmentOrderLineItemInput!]
	) {
		fulfillmentOrderMove(
			id: $id
			newLocationId: $newLocationId
			fulfillmentOrderLineItems: $lineItems
		) {
			movedFulfillmentOrder {
				...OrderflowFulfillmentOrder
			}
			originalFulfillmentOrder {
				...OrderflowFulfillmentOrder
			}
			userErrors {
				field
				message
			}
		}
	}
	${FULFILLMENT_ORDER}
`;

export const FULFILLMENT_ORDER_HOLD_MUTATION = /* GraphQL */ `
	mutation OrderflowFulfillmentOrderHold($id: ID!, $hold: FulfillmentOrderHoldInput!) {
		fulfillmentOrderHold(id: $id, fulfillmentHold: $hold) {
			fulfillmentOrder {
				...OrderflowFulfillmentOrder
			}
			userErrors {
				field
				message
				code
			}
		}
	}
	${FULFILLMENT_ORDER}
`;

export const FULFILLMENT_ORDER_RELEASE_HOLD_MUTATION = /* GraphQL */ `
	mutation OrderflowFulfillmentOrderReleaseHold($id: ID!) {
		fulfillmentOrderReleaseHold(id: $id) {
			fulfillmentOrder {
				...OrderflowFulfillmentOrder
			}
			userErrors {
				field
				message
				code
			}
		}
	}
	${FULFILLMENT_ORDER}
`;

export const FULFILLMENT_CREATE_MUTATION = /* GraphQL */ `
	mutation OrderflowFulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) {
		fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
			fulfillment {
				id
				name
				status
				createdAt
				order {
					id
					name
					displayFulfillmentStatus
				}
				trackingInfo(first: 10) {
					company
					number
					url
				}
				fulfillmentLineItems(first: 50) {
					nodes {
						id
						quantity
						lineItem {
							id
							sku
						}
					}
				}
			}
			userErrors {
				field
				message
			}
		}
	}
`;

export const FULFILLMENT_REQUEST_MUTATION = /* GraphQL */ `
	mutation OrderflowFulfillmentRequest(
		$id: ID!
		$message: String
		$notifyCustomer: Boolean
		$lineItems: [FulfillmentOrderLineItemInput!]
	) {
		fulfillmentOrderSubmitFulfillmentRequest(
			id: $id
			message: $message
			notifyCustomer: $notifyCustomer
			fulfillmentOrderLineItems: $lineItems
		) {
			originalFulfillmentOrder {
				id
				status
				requestStatus
			}
			submittedFulfillmentOrder {
				...OrderflowFulfillmentOrder
			}
			unsubmittedFulfillmentOrder {
				id
				status
				requestStatus
			}
			userErrors {
				field
				message
			}
		}
	}
	${FULFILLMENT_ORDER}
`;

export const FULFILLMENT_ORDER_QUERY = /* GraphQL */ `
	query OrderflowFulfillmentOrder($id: ID!) {
		fulfillmentOrder(id: $id) {
			...OrderflowFulfillmentOrder
		}
	}
	${FULFILLMENT_ORDER}
`;

/** The rest of a fulfillment order's lines when they did not fit the first page. */
export const FULFILLMENT_ORDER_LINES_QUERY = /* GraphQL */ `
	query OrderflowFulfillmentOrderLines($id: ID!, $first: Int!, $after: String) {
		fulfillmentOrder(id: $id) {
			lineItems(first: $first, after: $after) {
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					...OrderflowFulfillmentOrderLine
				}
			}
		}
	}
	${FULFILLMENT_ORDER_LINE}
`;
