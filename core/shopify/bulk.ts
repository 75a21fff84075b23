/**
 * Bulk operations: start a query, wait for Shopify to finish it, read the JSONL it wrote.
 * In the file every object is one line; a nested connection's nodes follow as their own lines
 * with `__parentId`. We give the rows back either as written or with children nested under
 * their parent, grouped by type (`LineItem` from `gid://shopify/LineItem/1`).
 */
import type { ShopifyAdminClient } from './client';
import { BULK_OPERATION_QUERY, BULK_RUN_QUERY_MUTATION } from './documents/bulk';
import { assertNoUserErrors } from './user-errors';

type Json = Record<string, unknown>;

export interface BulkOperation {
	id: string;
	status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'CANCELING' | 'CANCELED' | 'FAILED' | 'EXPIRED';
	errorCode: string | null;
	objectCount: string;
	rootObjectCount?: string;
	url: string | null;
	partialDataUrl: string | null;
}

export class BulkOperationError extends Error {
	constructor(
		message: string,
		readonly operation?: BulkOperation,
	) {
		super(message);
		this.name = 'BulkOperationError';
	}
}

export interface BulkRunOptions {
	/** Give up waiting after this long (the operation keeps running at Shopify). */
	maxWaitMs: number;
	/** First poll interval; it grows to 10 s. */
	pollIntervalMs?: number;
	now?: () => number;
}

export async function startBulkQuery(
	client: ShopifyAdminClient,
	query: string,
): Promise<BulkOperation> {
	const result = await client.request<{ bulkOperationRunQuery: Json }>(BULK_RUN_QUERY_MUTATION, {
		query,
	});
	const payload = assertNoUserErrors('bulkOperationRunQuery', result.bulkOperationRunQuery);
	return payload.bulkOperation as BulkOperation;
}

export async function waitForBulkOperation(
	client: ShopifyAdminClient,
	id: string,
	options: BulkRunOptions,
): Promise<BulkOperation> {
	const now = options.now ?? Date.now;
	const startedAt = now();
	let interval = options.pollIntervalMs ?? 500;
	for (;;) {
		const { bulkOperation } = await client.request<{ bulkOperation: BulkOperation | null }>(
			BULK_OPERATION_QUERY,
			{ id },
		);
		if (!bulkOperation) throw new BulkOperationError(`Shopify knows no bulk operation ${id}`);
		if (bulkOperation.status === 'COMPLETED') return bulkOperation;
		if (['FAILED', 'CANCELED', 'EXPIRED'].includes(bulkOperation.status)) {
			throw new BulkOperationError(
				`The bulk operation ended ${bulkOperation.status}${bulkOperation.errorCode ? ` (${bulkOperation.errorCode})` : ''}`,
				bulkOperation,
			);
		}
		if (now() - startedAt + interval > options.maxWaitMs) {
			throw new BulkOperationError(
				`The bulk operation ${id} was still ${bulkOperation.status} after ${Math.round((now() - startedAt) / 1000)} s`,
				bulkOperation,
			);
		}
		await client.wait(interval);
		interval = Math.min(10_000, interval * 2);
	}
}

export function parseJsonl(text: string): Json[] {
	return text
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line, index) => {
			try {
				return JSON.parse(line) as Json;
			} catch {
				throw new BulkOperationError(`Line ${index + 1} of the bulk result is not JSON`);
			}
		});
}

function typeOf(gid: unknown): string {
	return /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(String(gid))?.[1] ?? 'Object';
}

/** Roots with their descendants nested as `children: { <Type>: [...] }`; rows keep their order. */
export function nestBulkRows(rows: Json[]): Json[] {
	const byId = new Map<string, Json>();
	const roots: Json[] = [];
	for (const row of rows) {
		const { __parentId: parentId, ...fields } = row;
		const node: Json = { ...fields };
		if (typeof row.id === 'string') byId.set(row.id, node);
		const parent = typeof parentId === 'string' ? byId.get(parentId) : undefined;
		if (typeof parentId === 'string' && !parent) {
			throw new BulkOperationError(
				`A ${typeOf(row.id)} row names the parent ${parentId}, which is not in the file before it`,
			);
		}
		if (!parent) {
			roots.push(node);
			continue;
		}
		const children = (parent.children ??= {}) as Record<string, Json[]>;
		(children[typeOf(row.id)] ??= []).push(node);
	}
	return roots;
}

export async function runBulkQuery(
	client: ShopifyAdminClient,
	query: string,
	options: BulkRunOptions,
): Promise<{ operation: BulkOperation; rows: Json[] }> {
	const started = await startBulkQuery(client, query);
	const operation = await waitForBulkOperation(client, started.id, options);
	const rows = operation.url ? parseJsonl(await client.download(operation.url)) : [];
	return { operation, rows };
}
