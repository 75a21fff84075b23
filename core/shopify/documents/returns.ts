/** Returns: read, create, process. */

const RETURN_FIELDS = /* GraphQL */ `
	fragment OrderflowReturn on Return {
		id
		name
		status
		createdAt
		closedAt
		order {
			id
			name
		}
		returnLineItems(first: 50) {
			nodes {
				id
				quantity
				returnReasonNote
				... on ReturnLineItem {
					fulfillmentLineItem {
						id
						lineItem {
							id
							sku
							name
						}
					}
				}
			}
		}
	}
`;

export const RETURN_QUERY = /* GraphQL */ `
	query OrderflowReturn($id: ID!) {
		return(id: $id) {
			...OrderflowReturn
		}
	}
	${RETURN_FIELDS}
`;

export const RETURN_CREATE_MUTATION = /* GraphQL */ `
	mutation OrderflowReturnCreate($returnInput: ReturnInput!) {
		returnCreate(returnInput: $returnInput) {
			return {
				...OrderflowReturn
			}
			userErrors {
				field
				message
				code
			}
		}
	}
	${RETURN_FIELDS}
`;

export const RETURN_PROCESS_MUTATION = /* GraphQL */ `
	mutation OrderflowReturnProcess($input: ReturnProcessInput!) {
		returnProcess(input: $input) {
			return {
				...OrderflowReturn
			}
			userErrors {
				field
				message
				code
			}
		}
	}
	${RETURN_FIELDS}
`;

/** What of an order can be returned: its fulfilled lines. */
export const RETURNABLE_LINES_QUERY = /* GraphQL */ `
	query OrderflowReturnableLines($id: ID!) {
		order(id: $id) {
			id
			name
			fulfillments(first: 50) {
				id
				fulfillmentLineItems(first: 100) {
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
		}
	}
`;
