/** bulkOperationRunQuery, bulkOperation(id), bulkOperations, currentBulkOperation. */
import { BulkOperationError, type BulkOperationRecord } from '../bulk';
import { connection, type ConnectionArgs } from '../connection';
import { withUserErrors, type ResolverContext } from './context';

// UnsignedInt64 travels as a string, as Shopify sends it.
const view = (record: BulkOperationRecord | undefined) =>
	record
		? {
				__typename: 'BulkOperation',
				...record,
				objectCount: String(record.objectCount),
				rootObjectCount: String(record.rootObjectCount),
				fileSize: record.fileSize === null ? null : String(record.fileSize),
			}
		: null;

export function bulkResolvers({ bulk, runBulkQuery }: ResolverContext): Record<string, unknown> {
	return {
		bulkOperationRunQuery: ({ query }: { query: string; groupObjects: boolean }) =>
			withUserErrors(BulkOperationError, { bulkOperation: null }, () => ({
				bulkOperation: view(runBulkQuery(query)),
			})),
		bulkOperation: ({ id }: { id: string }) => view(bulk.find(id)),
		bulkOperations: (args: ConnectionArgs & { query?: string }) => {
			const status = /status:(\w+)/.exec(args.query ?? '')?.[1]?.toUpperCase();
			const matching = bulk.operations.filter(
				(operation) => !status || operation.status === status,
			);
			return connection(
				[...matching].reverse().map((operation) => view(operation)!),
				args,
			);
		},
		currentBulkOperation: () => view(bulk.operations.at(-1)),
	};
}
