/**
 * An HTTP write as its idempotency fingerprint sees it: method, URL, body and every header that
 * can change what the write means (Content-Type, Prefer, a warehouse or API-version header, …).
 * Left out are headers that differ between runs of the same write: tracing ids, credentials
 * (rotated without changing the write, and never to be kept by the ledger in any form),
 * per-run signatures, nonces and timestamps, and the idempotency header, which is the key itself.
 */

/** Headers that never change what a write means (compared in lower case). */
const IGNORED_HEADERS = new Set([
	'traceparent',
	'tracestate',
	'baggage',
	'sentry-trace',
	'b3',
	'uber-trace-id',
	'x-amzn-trace-id',
	'x-cloud-trace-context',
	'request-id',
	'x-request-id',
	'correlation-id',
	'x-correlation-id',
	'cookie',
	'date',
	'user-agent',
	'content-length',
]);

/** Credentials, signatures, nonces and timestamps, whatever the system calls them. */
const IGNORED_PARTS =
	/(^|-)auth|token|secret|passw|api-?key|signature|cookie|session|nonce|timestamp|^x-b3-|^x-datadog-/;

/** What the node sends for a JSON body without a Content-Type: naming it changes nothing. */
const DEFAULT_JSON_TYPES = new Set(['application/json', 'application/json;charset=utf-8']);

function isIgnoredHeader(name: string): boolean {
	const lower = name.trim().toLowerCase();
	return IGNORED_HEADERS.has(lower) || IGNORED_PARTS.test(lower.replace(/_/g, '-'));
}

/** The headers that count, with names in lower case and values trimmed (`Content-Type` and `content-type ` are one). */
export function meaningfulHeaders(
	headers: Record<string, unknown>,
	options: { idempotencyHeader: string; jsonBody: boolean },
): Record<string, string> {
	const idempotencyHeader = options.idempotencyHeader.trim().toLowerCase();
	const counted: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		const lower = name.trim().toLowerCase();
		if (
			value === undefined ||
			value === null ||
			lower === idempotencyHeader ||
			isIgnoredHeader(lower)
		)
			continue;
		const text = String(value).trim();
		if (
			lower === 'content-type' &&
			options.jsonBody &&
			DEFAULT_JSON_TYPES.has(text.toLowerCase().replace(/\s+/g, ''))
		)
			continue;
		counted[lower] = text;
	}
	return counted;
}

export interface HttpWrite {
	method: string;
	url: string;
	body: unknown;
	headers: Record<string, unknown>;
	idempotencyHeader: string;
}

/**
 * The request to fingerprint. Without headers that count it is `{method, url, body}`, exactly
 * what was fingerprinted before headers counted, so writes recorded then still replay.
 */
export function fingerprintedRequest(write: HttpWrite): Record<string, unknown> {
	const headers = meaningfulHeaders(write.headers, {
		idempotencyHeader: write.idempotencyHeader,
		jsonBody: typeof write.body !== 'string',
	});
	return {
		method: write.method,
		url: write.url,
		body: write.body,
		...(Object.keys(headers).length ? { headers } : {}),
	};
}
