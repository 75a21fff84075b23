/**
 * One attempt of a remote request, reported the way the idempotency core needs it: the response,
 * or whether the request may have reached the remote (lost) or certainly did not (not sent).
 *
 * n8n is never left to follow a redirect: it would turn a POST into a GET that passes for the
 * write, re-post the body after a 307, and send the credential to whatever origin is named. A
 * write's redirect is its answer (a failure naming the Location); a read follows redirects only
 * within the origin it was sent to.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';

import type { SendResult } from '../../core/idempotency';
import { wasNotSent } from '../../core/network';
import { authenticateContractApi } from '../../credentials/contractApi';

/** Adds a credential's secret to a request. */
export type Authenticate = (options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

/**
 * How requests authenticate with an Orderflow credential read once per execution: a token, a
 * login or an API key is added here (through n8n, every request would read and decrypt the
 * credential from n8n's database again). OAuth2 goes through n8n, which fetches the token and
 * refreshes it after a 401: undefined.
 */
export function presetAuthentication(
	credentials: ICredentialDataDecryptedObject,
): Authenticate | undefined {
	if (credentials.authentication === 'oauth2') return undefined;
	return async (options) => await authenticateContractApi(credentials, options);
}

export interface HttpAttempt {
	method: IHttpRequestMethods;
	url: string;
	body?: IDataObject | IDataObject[] | string;
	headers: IDataObject;
	timeoutMs: number;
	/** Send through this credential type's authenticate (and token refresh); none when undefined. */
	credentialType?: string;
	/** The credential's secret added by presetAuthentication: then credentialType is not used. */
	authenticate?: Authenticate;
}

type Response = Extract<SendResult, { kind: 'response' }>;
/** What an attempt on the wire can come to (a withheld write never reaches it). */
type WireResult = Exclude<SendResult, { kind: 'withheld' }>;

/** A response that also tells its content type (callers that expect JSON check it). */
export type HttpResponse = Response & { contentType: string };

export type HttpResult = Exclude<WireResult, Response> | HttpResponse;

const MAX_READ_REDIRECTS = 5;

/** A thrown error as an attempt outcome: an HTTP status n8n threw for (401 after a token refresh), not sent, or lost. */
export function classifyError(error: unknown): WireResult {
	const httpCode = Number((error as { httpCode?: unknown }).httpCode);
	if (Number.isInteger(httpCode) && httpCode >= 400) {
		return {
			kind: 'response',
			status: httpCode,
			body: JSON.stringify({ message: (error as Error).message }),
		};
	}
	const message = (error as Error).message ?? String(error);
	if (wasNotSent(error)) return { kind: 'not-sent', error: message };
	return { kind: 'lost', error: message };
}

async function sendOnce(
	fns: IExecuteFunctions,
	attempt: HttpAttempt,
): Promise<{ result: HttpResult; location?: string }> {
	const options: IHttpRequestOptions = {
		method: attempt.method,
		url: attempt.url,
		headers: attempt.headers,
		body: attempt.body,
		json: typeof attempt.body !== 'string',
		timeout: attempt.timeoutMs,
		returnFullResponse: true,
		disableFollowRedirect: true,
		// Through n8n, 401 is thrown so n8n can refresh an expired token and try once more; with the
		// credential applied here there is nothing to refresh, and a 401 is an answer like any other.
		ignoreHttpStatusErrors: attempt.authenticate ? true : { ignore: true, except: [401] },
	};
	try {
		const response = (
			attempt.authenticate
				? await fns.helpers.httpRequest(await attempt.authenticate(options))
				: attempt.credentialType
					? await fns.helpers.httpRequestWithAuthentication.call(
							fns,
							attempt.credentialType,
							options,
						)
					: await fns.helpers.httpRequest(options)
		) as { statusCode: number; body: unknown; headers?: Record<string, string | undefined> };
		const body =
			typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? null);
		const header = (name: string) => response.headers?.[name] ?? undefined;
		return {
			result: {
				kind: 'response',
				status: response.statusCode,
				body,
				retryAfter: header('retry-after') ?? null,
				contentType: header('content-type') ?? '',
			},
			location: header('location'),
		};
	} catch (error) {
		const result = classifyError(error);
		return {
			result: result.kind === 'response' ? { ...result, contentType: 'application/json' } : result,
		};
	}
}

/** A redirect not followed, as a problem-details answer whose title names the Location. */
function notFollowed(
	from: string,
	status: number,
	location: string | undefined,
	why: string,
): HttpResult {
	const title = location ? `Redirected to ${location}` : `HTTP ${status} without a usable Location`;
	const detail = `${from} answered HTTP ${status}; ${why}`;
	return {
		kind: 'response',
		status,
		body: JSON.stringify({ title, detail, location: location ?? null }),
		reason: `${title}, not followed: ${why}`,
		contentType: 'application/json',
	};
}

/** Why a redirect from `from` to `target` is not followed, or undefined when it may be. */
function refusal(
	attempt: HttpAttempt,
	from: string,
	target: URL | null,
	hops: number,
): string | undefined {
	if (attempt.method !== 'GET')
		return "writes never follow a redirect (it would resend or drop the write elsewhere). Point the URL or the credential's Base URL at the address that answers.";
	if (!target) return 'there is nowhere to follow it to.';
	const origin = new URL(from).origin;
	if (target.origin !== origin) {
		return `reads follow redirects only within ${origin}, so that no credential leaves it. If the system moved to ${target.origin}, make that the credential's Base URL.`;
	}
	if (hops >= MAX_READ_REDIRECTS)
		return `that is more than ${MAX_READ_REDIRECTS} redirects in a row; check the credential's Base URL.`;
	return undefined;
}

export async function sendAttempt(
	fns: IExecuteFunctions,
	attempt: HttpAttempt,
): Promise<HttpResult> {
	let url = attempt.url;
	for (let hops = 0; ; hops++) {
		const { result, location } = await sendOnce(fns, { ...attempt, url });
		if (result.kind !== 'response' || result.status < 300 || result.status >= 400) return result;
		const target = location === undefined ? null : URL.parse(location, url);
		const why = refusal(attempt, url, target, hops);
		if (why !== undefined) return notFollowed(url, result.status, target?.href ?? location, why);
		url = target!.href;
	}
}
