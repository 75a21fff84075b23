import type { BulkOperationRecord, BulkOperations } from '../bulk';
import type { IdempotencyStore } from '../idempotency';
import type { ShopifyStore } from '../store';
import type { Views } from '../views';
import type { WebhookDispatcher } from '../webhooks';

/** What every resolver of one request can reach. */
export interface ResolverContext {
	store: ShopifyStore;
	views: Views;
	webhooks: WebhookDispatcher;
	idempotency: IdempotencyStore;
	apiVersion: string;
	bulk: BulkOperations;
	/** Starts a bulk query; it completes in the background and notifies BULK_OPERATIONS_FINISH. */
	runBulkQuery: (query: string) => BulkOperationRecord;
}

export interface UserError {
	field: string[] | null;
	message: string;
	code?: string;
}

export type Payload = Record<string, unknown>;

/** Runs a domain change; a domain error of the given class becomes the payload's userErrors. */
export function withUserErrors(
	errorClass: new (...args: never[]) => Error & { field: string[]; code?: string },
	empty: Payload,
	change: () => Payload,
): Payload {
	try {
		return { ...change(), userErrors: [] };
	} catch (error) {
		if (error instanceof errorClass) {
			return {
				...empty,
				userErrors: [
					{
						field: error.field,
						message: error.message,
						...(error.code ? { code: error.code } : {}),
					},
				],
			};
		}
		throw error;
	}
}
