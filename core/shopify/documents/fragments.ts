/** Fragments shared by several documents; each document string embeds the ones it spreads. */

export const MONEY_BAG = /* GraphQL */ `
	fragment OrderflowMoneyBag on MoneyBag {
		shopMoney {
			amount
			currencyCode
		}
		presentmentMoney {
			amount
			currencyCode
		}
	}
`;

export const MAILING_ADDRESS = /* GraphQL */ `
	fragment OrderflowAddress on MailingAddress {
		name
		firstName
		lastName
		company
		address1
		address2
		city
		province
		provinceCode
		zip
		countryCodeV2
		phone
	}
`;

export const LINE_ITEM = /* GraphQL */ `
	fragment OrderflowLineItem on LineItem {
		id
		sku
		name
		title
		quantity
		currentQuantity
		refundableQuantity
		unfulfilledQuantity
		isGiftCard
		requiresShipping
		vendor
		variant {
			id
		}
		originalUnitPriceSet {
			...OrderflowMoneyBag
		}
		totalDiscountSet {
			...OrderflowMoneyBag
		}
		taxLines {
			title
			rate
			priceSet {
				...OrderflowMoneyBag
			}
		}
	}
`;

export const ORDER = /* GraphQL */ `
	fragment OrderflowOrder on Order {
		id
		legacyResourceId
		name
		email
		phone
		createdAt
		updatedAt
		processedAt
		cancelledAt
		cancelReason
		closedAt
		test
		sourceName
		tags
		note
		displayFinancialStatus
		displayFulfillmentStatus
		currencyCode
		presentmentCurrencyCode
		taxesIncluded
		paymentGatewayNames
		totalPriceSet {
			...OrderflowMoneyBag
		}
		subtotalPriceSet {
			...OrderflowMoneyBag
		}
		totalTaxSet {
			...OrderflowMoneyBag
		}
		totalShippingPriceSet {
			...OrderflowMoneyBag
		}
		totalDiscountsSet {
			...OrderflowMoneyBag
		}
		totalRefundedSet {
			...OrderflowMoneyBag
		}
		currentTotalPriceSet {
			...OrderflowMoneyBag
		}
		customer {
			id
			firstName
			lastName
			defaultEmailAddress {
				emailAddress
			}
			defaultPhoneNumber {
				phoneNumber
			}
		}
		shippingAddress {
			...OrderflowAddress
		}
		billingAddress {
			...OrderflowAddress
		}
		customAttributes {
			key
			value
		}
		shippingLines(first: 5) {
			pageInfo {
				hasNextPage
				endCursor
			}
			nodes {
				...OrderflowShippingLine
			}
		}
	}
`;

export const SHIPPING_LINE = /* GraphQL */ `
	fragment OrderflowShippingLine on ShippingLine {
		title
		code
		originalPriceSet {
			...OrderflowMoneyBag
		}
	}
`;

export const FULFILLMENT_ORDER = /* GraphQL */ `
	fragment OrderflowFulfillmentOrder on FulfillmentOrder {
		id
		status
		requestStatus
		createdAt
		updatedAt
		fulfillAt
		orderId
		orderName
		assignedLocation {
			name
			location {
				id
			}
		}
		deliveryMethod {
			methodType
		}
		supportedActions {
			action
		}
		fulfillmentHolds {
			reason
			reasonNotes
		}
		destination {
			firstName
			lastName
			company
			address1
			address2
			city
			province
			zip
			countryCode
			phone
			email
		}
		lineItems(first: 50) {
			pageInfo {
				hasNextPage
				endCursor
			}
			nodes {
				...OrderflowFulfillmentOrderLine
			}
		}
	}
`;

export const FULFILLMENT_ORDER_LINE = /* GraphQL */ `
	fragment OrderflowFulfillmentOrderLine on FulfillmentOrderLineItem {
		id
		sku
		totalQuantity
		remainingQuantity
		lineItem {
			id
		}
		variant {
			id
		}
	}
`;

export const REFUND = /* GraphQL */ `
	fragment OrderflowRefund on Refund {
		id
		legacyResourceId
		createdAt
		note
		order {
			id
			name
		}
		totalRefundedSet {
			...OrderflowMoneyBag
		}
		refundLineItems(first: 50) {
			nodes {
				quantity
				restockType
				restocked
				location {
					id
				}
				lineItem {
					id
					sku
					name
				}
				subtotalSet {
					...OrderflowMoneyBag
				}
				totalTaxSet {
					...OrderflowMoneyBag
				}
			}
		}
		transactions(first: 10) {
			nodes {
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
`;
