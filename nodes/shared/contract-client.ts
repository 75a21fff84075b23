/**
 * Calls to a system on the canonical contract (ERP or 3PL) through its Orderflow credential:
 * reads with pagination, and single write attempts reported for the idempotency core.
 */
import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type IHttpRequestMethods, type JsonObject } from 'n8n-workflow';

import type { SendResult } from '../../core/idempotency';
import { sendAttempt } from './http';

export interface ContractClient {
	credentialType: string;
	baseUrl: string;
	/** Empty when the remote dedupes nothing. */
	idempotencyHeader: string;
	timeoutMs: number;
}

export async function contractClient(fns: IExecuteFunctions, credentialType: string, timeoutMs = 30_000): Promise<ContractClient> {
	const credentials = await fns.getCredentials(credentialType);
	return {
		credentialType,
		baseUrl: String(credentials.baseUrl ?? '').replace(/\/+$/, ''),
		idempotencyHeader: String(credentials.idempotencyHeader ?? '').trim(),
		timeoutMs,
	};
}

/** One write attempt, with the idempotency key in the header the remote dedupes on. */
export async function writeAttempt(fns: IExecuteFunctions, client: ContractClient, method: IHttpRequestMethods, path: string, body: unknown, key: string): Promise<SendResult> {
	return await sendAttempt(fns, {
		method,
		url: `${client.baseUrl}${path}`,
		body: (body ?? {}) as IDataObject,
		headers: client.idempotencyHeader ? { [client.idempotencyHeader]: key } : {},
		timeoutMs: client.timeoutMs,
		credentialType: client.credentialType,
	});
}

/** A read: the parsed body of a 2xx answer, or a NodeApiError with the remote's problem details. */
export async function read<T>(fns: IExecuteFunctions, client: ContractClient, path: string, itemIndex: number): Promise<T> {
	const result = await sendAttempt(fns, { method: 'GET', url: `${client.baseUrl}${path}`, headers: {}, timeoutMs: client.timeoutMs, credentialType: client.credentialType });
	if (result.kind !== 'response') {
		throw new NodeOperationError(fns.getNode(), `${client.baseUrl}${path} could not be reached: ${result.error}`, { itemIndex, description: 'Check the Base URL of the credential and that the system is up.' });
	}
	const body = result.body ? (JSON.parse(result.body) as unknown) : null;
	if (result.status >= 400) {
		throw new NodeApiError(fns.getNode(), (body ?? {}) as JsonObject, {
			itemIndex,
			httpCode: String(result.status),
			message: `${(body as IDataObject | null)?.title ?? 'Request failed'} (HTTP ${result.status})`,
			description: String((body as IDataObject | null)?.detail ?? ''),
		});
	}
	return body as T;
}

/** Every page of a paged list (items + nextCursor), or the first `limit` items. */
export async function readPages<T>(fns: IExecuteFunctions, client: ContractClient, path: string, query: Record<string, string>, itemIndex: number, limit?: number): Promise<T[]> {
	const items: T[] = [];
	let cursor: string | null = null;
	do {
		const params = new URLSearchParams({ ...query, limit: String(Math.min(500, limit ?? 500)), ...(cursor ? { cursor } : {}) });
		const page: { items: T[]; nextCursor: string | null } = await read(fns, client, `${path}?${params}`, itemIndex);
		items.push(...page.items);
		cursor = page.nextCursor;
	} while (cursor && (limit === undefined || items.length < limit));
	return limit === undefined ? items : items.slice(0, limit);
}
