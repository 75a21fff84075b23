/**
 * Calls to a system on the canonical contract (ERP or 3PL) through its Orderflow credential:
 * reads with pagination, and single write attempts reported for the idempotency core.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type JsonObject,
} from 'n8n-workflow';

import type { SendResult } from '../../core/idempotency';
import { presetAuthentication, sendAttempt, type Authenticate, type HttpResponse } from './http';

export interface ContractClient {
	credentialType: string;
	baseUrl: string;
	/** Empty when the remote dedupes nothing. */
	idempotencyHeader: string;
	timeoutMs: number;
	/** The credential's secret, read once per execution (see presetAuthentication). */
	authenticate?: Authenticate;
	/** A shadow run: writes are withheld (recorded, not sent); reads still go out. */
	shadow?: boolean;
}

export async function contractClient(
	fns: IExecuteFunctions,
	credentialType: string,
	timeoutMs = 30_000,
): Promise<ContractClient> {
	const credentials = await fns.getCredentials(credentialType);
	return {
		credentialType,
		baseUrl: String(credentials.baseUrl ?? '').replace(/\/+$/, ''),
		idempotencyHeader: String(credentials.idempotencyHeader ?? '').trim(),
		timeoutMs,
		authenticate: presetAuthentication(credentials),
	};
}

const NOT_JSON = Symbol('not JSON');

function parseBody(body: string): unknown {
	if (body.trim() === '') return null;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return NOT_JSON;
	}
}

/** What came back instead of JSON: status, content type and the first characters. */
function notJson(url: string, response: HttpResponse): string {
	const start = response.body.replace(/\s+/g, ' ').trim().slice(0, 120);
	return `${url} answered HTTP ${response.status} with ${response.contentType || 'no content type'}, not JSON: "${start}"`;
}

const NOT_JSON_FIX =
	"Check the credential's Base URL: it must point at the system's API itself, not at a web page, a login or a proxy in front of it.";

/**
 * One write attempt, with the idempotency key in the header the remote dedupes on. A 2xx that is
 * not JSON (a login page, a proxy's placeholder) says nothing of whether the write was applied:
 * it counts as an answer lost, resent only under a key the remote dedupes on, else In Doubt.
 * In a shadow run the attempt is withheld: what would be sent comes back instead.
 */
export async function writeAttempt(
	fns: IExecuteFunctions,
	client: ContractClient,
	method: IHttpRequestMethods,
	path: string,
	body: unknown,
	key: string,
): Promise<SendResult> {
	const url = `${client.baseUrl}${path}`;
	if (client.shadow)
		return { kind: 'withheld', request: { method, url, body: JSON.stringify(body ?? {}) } };
	const result = await sendAttempt(fns, {
		method,
		url,
		body: (body ?? {}) as IDataObject,
		headers: client.idempotencyHeader ? { [client.idempotencyHeader]: key } : {},
		timeoutMs: client.timeoutMs,
		credentialType: client.credentialType,
		authenticate: client.authenticate,
	});
	if (
		result.kind === 'response' &&
		result.status >= 200 &&
		result.status < 300 &&
		parseBody(result.body) === NOT_JSON
	) {
		return { kind: 'lost', error: `${notJson(url, result)}. ${NOT_JSON_FIX}` };
	}
	return result;
}

/** A read: the parsed body of a 2xx JSON answer, or a NodeApiError with the remote's problem details or what came back. */
export async function read<T>(
	fns: IExecuteFunctions,
	client: ContractClient,
	path: string,
	itemIndex: number,
): Promise<T> {
	const url = `${client.baseUrl}${path}`;
	const result = await sendAttempt(fns, {
		method: 'GET',
		url,
		headers: {},
		timeoutMs: client.timeoutMs,
		credentialType: client.credentialType,
		authenticate: client.authenticate,
	});
	if (result.kind !== 'response') {
		throw new NodeOperationError(fns.getNode(), `${url} could not be reached: ${result.error}`, {
			itemIndex,
			description: 'Check the Base URL of the credential and that the system is up.',
		});
	}
	const body = parseBody(result.body);
	const httpCode = String(result.status);
	if (body === NOT_JSON) {
		const message = notJson(url, result);
		throw new NodeApiError(fns.getNode(), { message } as JsonObject, {
			itemIndex,
			httpCode,
			message,
			description: NOT_JSON_FIX,
		});
	}
	if (result.status < 200 || result.status >= 300) {
		const problem = (body && typeof body === 'object' ? body : {}) as IDataObject;
		throw new NodeApiError(fns.getNode(), problem as JsonObject, {
			itemIndex,
			httpCode,
			message: `${problem.title ?? 'Request failed'} (HTTP ${result.status})`,
			description: String(problem.detail ?? ''),
		});
	}
	return body as T;
}

/** Every page of a paged list (items + nextCursor), or the first `limit` items. */
export async function readPages<T>(
	fns: IExecuteFunctions,
	client: ContractClient,
	path: string,
	query: Record<string, string>,
	itemIndex: number,
	limit?: number,
): Promise<T[]> {
	const items: T[] = [];
	let cursor: string | null = null;
	do {
		const params = new URLSearchParams({
			...query,
			limit: String(Math.min(500, limit ?? 500)),
			...(cursor ? { cursor } : {}),
		});
		const page: { items: T[]; nextCursor: string | null } = await read(
			fns,
			client,
			`${path}?${params}`,
			itemIndex,
		);
		items.push(...page.items);
		cursor = page.nextCursor;
	} while (cursor && (limit === undefined || items.length < limit));
	return limit === undefined ? items : items.slice(0, limit);
}
