/**
 * One attempt of a remote write, reported the way the idempotency core needs it: the response,
 * or whether the request may have reached the remote (lost) or certainly did not (not sent).
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import type { SendResult } from '../../core/idempotency';
import { wasNotSent } from '../../core/network';

export interface HttpAttempt {
	method: IHttpRequestMethods;
	url: string;
	body?: IDataObject | IDataObject[] | string;
	headers: IDataObject;
	timeoutMs: number;
	/** Send through this credential type's authenticate (and token refresh); none when undefined. */
	credentialType?: string;
}

/** A thrown error as an attempt outcome: an HTTP status n8n threw for (401 after a token refresh), not sent, or lost. */
export function classifyError(error: unknown): SendResult {
	const httpCode = Number((error as { httpCode?: unknown }).httpCode);
	if (Number.isInteger(httpCode) && httpCode >= 400) {
		return { kind: 'response', status: httpCode, body: JSON.stringify({ message: (error as Error).message }) };
	}
	const message = (error as Error).message ?? String(error);
	if (wasNotSent(error)) return { kind: 'not-sent', error: message };
	return { kind: 'lost', error: message };
}

export async function sendAttempt(fns: IExecuteFunctions, attempt: HttpAttempt): Promise<SendResult> {
	const options: IHttpRequestOptions = {
		method: attempt.method,
		url: attempt.url,
		headers: attempt.headers,
		body: attempt.body,
		json: typeof attempt.body !== 'string',
		timeout: attempt.timeoutMs,
		returnFullResponse: true,
		// 401 is thrown so n8n can refresh an expired token and try once more.
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
	};
	try {
		const response = (attempt.credentialType
			? await fns.helpers.httpRequestWithAuthentication.call(fns, attempt.credentialType, options)
			: await fns.helpers.httpRequest(options)) as { statusCode: number; body: unknown; headers: Record<string, string> };
		const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? null);
		return { kind: 'response', status: response.statusCode, body, retryAfter: response.headers?.['retry-after'] ?? null };
	} catch (error) {
		return classifyError(error);
	}
}
