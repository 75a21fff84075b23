/** Orders: read one or many, tag, note, metafields, cancel. */
import { LINE_ITEM, MAILING_ADDRESS, MONEY_BAG, ORDER, SHIPPING_LINE } from './fragments';

const ORDER_FRAGMENTS = `${ORDER}${SHIPPING_LINE}${MONEY_BAG}${MAILING_ADDRESS}`;

export const ORDER_QUERY = /* GraphQL */ `
	query OrderflowOrder($id: ID!, $lineItemsFirst: Int!) {
		order(id: $id) {
			...OrderflowOrder
			lineItems(first: $lineItemsFirst) {
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					...OrderflowLineItem
				}
			}
			transactions(first: 20) {
				id
				kind
				status
				gateway
				processedAt
				amountSet {
					...OrderflowMoneyBag
				}
			}
		}
	}
	${ORDER_FRAGMENTS}
	${LINE_ITEM}
`;

export const ORDERS_QUERY = /* GraphQL */ `
	query OrderflowOrders(
		$first: Int!
		$after: String
		$query: String
		$sortKey: OrderSortKeys
		$reverse: Boolean
		$lineItemsFirst: Int!
	) {
		orders(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
			pageInfo {
				hasNextPage
				endCursor
			}
			nodes {
				...OrderflowOrder
				lineItems(first: $lineItemsFirst) {
					pageInfo {
						hasNextPage
						endCursor
					}
					nodes {
						...OrderflowLineItem
					}
				}
			}
		}
	}
	${ORDER_FRAGMENTS}
	${LINE_ITEM}
`;

/** How many orders a search finds (up to 10,000: above, "at least"). */
export const ORDERS_COUNT_QUERY = /* GraphQL */ `
	query OrderflowOrdersCount($query: String) {
		ordersCount(query: $query, limit: 10000) {
			count
			precision
		}
	}
`;

/** The rest of an order's lines when they did not fit the first page. */
export const ORDER_LINE_ITEMS_QUERY = /* GraphQL */ `
	query OrderflowOrderLineItems($id: ID!, $first: Int!, $after: String) {
		order(id: $id) {
			lineItems(first: $first, after: $after) {
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					...OrderflowLineItem
				}
			}
		}
	}
	${LINE_ITEM}
	${MONEY_BAG}
`;

/** The rest of an order's shipping lines when they did not fit the order's own query. */
export const ORDER_SHIPPING_LINES_QUERY = /* GraphQL */ `
	query OrderflowOrderShippingLines($id: ID!, $first: Int!, $after: String) {
		order(id: $id) {
			shippingLines(first: $first, after: $after) {
				pageInfo {
					hasNextPage
					endCursor
				}
				nodes {
					...OrderflowShippingLine
				}
			}
		}
	}
	${SHIPPING_LINE}
	${MONEY_BAG}
`;

export const TAGS_ADD_MUTATION = /* GraphQL */ `
	mutation OrderflowTagsAdd($id: ID!, $tags: [String!]!) {
		tagsAdd(id: $id, tags: $tags) {
			node {
				id
				... on Order {
					name
					tags
					updatedAt
				}
			}
			userErrors {
				field
				message
			}
		}
	}
`;

export const TAGS_REMOVE_MUTATION = /* GraphQL */ `
	mutation OrderflowTagsRemove($id: ID!, $tags: [String!]!) {
		tagsRemove(id: $id, tags: $tags) {
			node {
				id
				... on Order {
					name
					tags
					updatedAt
				}
			}
			userErrors {
				field
				message
			}
		}
	}
`;

export const ORDER_UPDATE_MUTATION = /* GraphQL */ `
	mutation OrderflowOrderUpdate($input: OrderInput!) {
		orderUpdate(input: $input) {
			order {
				id
				name
				note
				tags
				updatedAt
			}
			userErrors {
				field
				message
			}
		}
	}
`;

export const METAFIELDS_SET_MUTATION = /* GraphQL */ `
	mutation OrderflowMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
		metafieldsSet(metafields: $metafields) {
			metafields {
				id
				namespace
				key
				type
				value
				updatedAt
				owner {
					... on Order {
						id
						name
					}
				}
			}
			userErrors {
				field
				message
				code
			}
		}
	}
`;

export const ORDER_CANCEL_MUTATION = /* GraphQL */ `
	mutation OrderflowOrderCancel(
		$orderId: ID!
		$reason: OrderCancelReason!
		$restock: Boolean!
		$notifyCustomer: Boolean
		$staffNote: String
		$refundMethod: OrderCancelRefundMethodInput
	) {
		orderCancel(
			orderId: $orderId
			reason: $reason
			restock: $restock
			notifyCustomer: $notifyCustomer
			staffNote: $staffNote
			refundMethod: $refundMethod
		) {
			job {
				id
				done
			}
			orderCancelUserErrors {
				field
				message
				code
			}
		}
	}
`;
