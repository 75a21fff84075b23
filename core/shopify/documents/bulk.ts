/** Bulk operations: start a query, read its status. */

export const BULK_RUN_QUERY_MUTATION = /* GraphQL */ `
	mutation OrderflowBulkRunQuery($query: String!) {
		bulkOperationRunQuery(query: $query) {
			bulkOperation {
				id
				status
				createdAt
				type
			}
			userErrors {
				field
				message
				code
			}
		}
	}
`;

export const BULK_OPERATION_QUERY = /* GraphQL */ `
	query OrderflowBulkOperation($id: ID!) {
		bulkOperation(id: $id) {
			id
			status
			errorCode
			createdAt
			completedAt
			objectCount
			rootObjectCount
			fileSize
			url
			partialDataUrl
			type
			query
		}
	}
`;
