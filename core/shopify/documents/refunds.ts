/** Refunds: list per order, suggested refund, create (always under an idempotency key). */
import { MONEY_BAG, REFUND } from './fragments';

export const ORDER_REFUNDS_QUERY = /* GraphQL */ `
	query OrderflowOrderRefunds($id: ID!) {
		order(id: $id) {
			id
			name
			currencyCode
			presentmentCurrencyCode
			refunds(first: 100) {
				...OrderflowRefund
			}
		}
	}
	${REFUND}
	${MONEY_BAG}
`;

export const SUGGESTED_REFUND_QUERY = /* GraphQL */ `
	query OrderflowSuggestedRefund(
		$id: ID!
		$lines: [RefundLineItemInput!]
		$refundShipping: Boolean
		$shippingAmount: Money
	) {
		order(id: $id) {
			id
			name
			suggestedRefund(
				refundLineItems: $lines
				refundShipping: $refundShipping
				shippingAmount: $shippingAmount
			) {
				amountSet {
					...OrderflowMoneyBag
				}
				subtotalSet {
					...OrderflowMoneyBag
				}
				totalTaxSet {
					...OrderflowMoneyBag
				}
				maximumRefundableSet {
					...OrderflowMoneyBag
				}
				refundLineItems {
					quantity
					restockType
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
				shipping {
					amountSet {
						...OrderflowMoneyBag
					}
					maximumRefundableSet {
						...OrderflowMoneyBag
					}
				}
				suggestedTransactions {
					gateway
					kind
					amountSet {
						...OrderflowMoneyBag
					}
					parentTransaction {
						id
						kind
						gateway
					}
				}
			}
		}
	}
	${MONEY_BAG}
`;

export const REFUND_CREATE_MUTATION = /* GraphQL */ `
	mutation OrderflowRefundCreate($input: RefundInput!, $key: String!) {
		refundCreate(input: $input) @idempotent(key: $key) {
			refund {
				...OrderflowRefund
			}
			order {
				id
				displayFinancialStatus
			}
			userErrors {
				field
				message
			}
		}
	}
	${REFUND}
	${MONEY_BAG}
`;
