import { randomUUID } from 'node:crypto';

import { createAdminApiClient } from '@shopify/admin-api-client';

import { wasNotSent } from '../network';
import { decide, DEFAULT_RETRY_POLICY, type AttemptOutcome, type RetryPolicy } from '../retry';
import { AccessTokenError, AccessTokenSource, type ShopifyAuth } from './access-token';
import { adminApiOrigin, DEFAULT_API_VERSION } from './connection';
import { isRedirect, redirectNotFollowed, type FetchFn } from './http';
import { CostPacer, pacerFor, type QueryCost, type Sleep } from './throttle';

export type { FetchFn } from './http';

export interface ShopifyConnection {
	shopDomain: string;
	apiVersion?: string;
	auth: ShopifyAuth;
}

export interface ShopifyClientOptions {
	fetchFn?: FetchFn;
	/** Waits; the pacer passes a signal to cut a wait short when the bucket refills early. */
	sleep?: Sleep;
	/** Backoff for 429, 5xx and network failures. */
	retryPolicy?: RetryPolicy;
	/** THROTTLED answers are waited out up to this long in total per request. */
	maxThrottledWaitMs?: number;
}

export interface ShopifyGraphqlErrorDetail {
	message: string;
	extensions?: Record<string, unknown>;
	path?: ReadonlyArray<string | number>;
}

/** A request Shopify answered with a non-2xx status or with top-level GraphQL errors. */
export class ShopifyRequestError extends Error {
	constructor(
		message: string,
		readonly httpStatus: number | undefined,
		readonly graphqlErrors: ShopifyGraphqlErrorDetail[] = [],
	) {
		super(message);
		this.name = 'ShopifyRequestError';
	}
}

export interface RequestStats {
	requests: number;
	throttledRetries: number;
	transportRetries: number;
	pacedMs: number;
	tokenRenewals: number;
}

const CLIENT_HOST = 'orderflow.invalid';
/** Carries the attempt id from `request()` to `customFetchApi`; removed before sending. */
const ATTEMPT_HEADER = 'x-orderflow-attempt';

interface AttemptRecord {
	token: string;
	status?: number;
	retryAfter?: string | null;
	location?: string | null;
	thrown?: unknown;
}

/** Where one request stands across its attempts. */
interface RequestState {
	name: string;
	resendable: boolean;
	startedAt: number;
	attempt: number;
	throttledWaitMs: number;
	renewed: boolean;
	token: string;
}

interface PacedRequest {
	name: string;
	document: string;
	variables: Record<string, unknown> | undefined;
	expectedCost: number | undefined;
}

type AttemptResult =
	| { kind: 'data'; data: unknown; cost?: QueryCost }
	| { kind: 'throttled'; cost?: QueryCost }
	| { kind: 'unauthorized' }
	| { kind: 'transport'; outcome: AttemptOutcome; message: string }
	| { kind: 'error'; error: ShopifyRequestError };

const sleepFor: Sleep = async (ms, signal) =>
	await new Promise<void>((resolve) => {
		const timer = setTimeout(resolve, ms);
		signal?.addEventListener('abort', () => {
			clearTimeout(timer);
			resolve();
		});
	});

function operationName(document: string): string {
	return /\b(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document)?.[1] ?? 'anonymous';
}

/** Queries read; a mutation is only resent when Shopify deduplicates it by `@idempotent`. */
function safeToResend(document: string): boolean {
	return (
		!/^\s*mutation\b/m.test(document.replace(/#.*$/gm, '')) || /@idempotent\s*\(/.test(document)
	);
}

/**
 * A GraphQL Admin API client for one shop, on `@shopify/admin-api-client`, with the retry and
 * pacing that library lacks: THROTTLED (an HTTP 200) is waited out from the answer's
 * throttleStatus, requests are paced so long reads stay under the bucket, 429/5xx/network
 * failures back off (Retry-After read as seconds), and client-credentials tokens are renewed.
 * The library always speaks https to the store domain; we give it a placeholder host and send
 * every request to the real origin in `customFetchApi`, which is also how the plain-http sandbox
 * is reached.
 */
export class ShopifyAdminClient {
	readonly stats: RequestStats = {
		requests: 0,
		throttledRetries: 0,
		transportRetries: 0,
		pacedMs: 0,
		tokenRenewals: 0,
	};
	readonly origin: string;
	readonly apiVersion: string;
	private readonly client: ReturnType<typeof createAdminApiClient>;
	private readonly tokens: AccessTokenSource;
	private readonly pacer: CostPacer;
	private readonly attempts = new Map<string, AttemptRecord>();
	private readonly sleep: Sleep;
	private readonly policy: RetryPolicy;
	private readonly maxThrottledWaitMs: number;
	private readonly fetchFn: FetchFn;

	constructor(connection: ShopifyConnection, options: ShopifyClientOptions = {}) {
		this.origin = adminApiOrigin(connection.shopDomain);
		this.apiVersion = connection.apiVersion || DEFAULT_API_VERSION;
		const { auth } = connection;
		if (auth.kind === 'accessToken' && !auth.accessToken) {
			throw new ShopifyRequestError('The Shopify credential has no access token', undefined);
		}
		if (auth.kind === 'clientCredentials' && (!auth.clientId || !auth.clientSecret)) {
			throw new ShopifyRequestError(
				'The Shopify credential needs both a client ID and a client secret',
				undefined,
			);
		}
		const fetchFn = options.fetchFn ?? fetch;
		this.fetchFn = fetchFn;
		this.sleep = options.sleep ?? sleepFor;
		this.policy = options.retryPolicy ?? {
			...DEFAULT_RETRY_POLICY,
			maxAttempts: 6,
			maxElapsedMs: 60_000,
		};
		this.maxThrottledWaitMs = options.maxThrottledWaitMs ?? 120_000;
		this.tokens = new AccessTokenSource(this.origin, auth, fetchFn);
		const holder = auth.kind === 'accessToken' ? auth.accessToken.slice(-8) : auth.clientId;
		this.pacer = pacerFor(`${this.origin}|${holder}`);
		this.client = createAdminApiClient({
			storeDomain: CLIENT_HOST,
			apiVersion: this.apiVersion,
			// The real token is set per attempt in customFetchApi: tokens rotate, headers don't.
			accessToken: 'set-per-attempt',
			userAgentPrefix: 'n8n-nodes-orderflow',
			customFetchApi: async (url, init) =>
				await this.send(fetchFn, String(url), init as RequestInit),
		});
	}

	async request<T>(document: string, variables?: Record<string, unknown>): Promise<T> {
		return (await this.requestWithCost<T>(document, variables)).data;
	}

	/**
	 * The data with what Shopify charged for it (pagination sizes pages from the cost).
	 * `expectedCost`: what the caller expects Shopify to request for it, when it sized the query
	 * itself; the pacer waits for that much room instead of the operation's last cost.
	 */
	async requestWithCost<T>(
		document: string,
		variables?: Record<string, unknown>,
		expectedCost?: number,
	): Promise<{ data: T; cost?: QueryCost }> {
		const name = operationName(document);
		const state: RequestState = {
			name,
			resendable: safeToResend(document),
			startedAt: Date.now(),
			attempt: 0,
			throttledWaitMs: 0,
			renewed: false,
			token: await this.token(),
		};
		for (;;) {
			state.attempt++;
			const result = await this.pacedAttempt(
				{ name, document, variables, expectedCost },
				state.token,
			);
			if (result.kind === 'data') return { data: result.data as T, cost: result.cost };
			await this.recover(result, state);
		}
	}

	/** One attempt, admitted by the bucket's pacer and reported back to it. */
	private async pacedAttempt(
		{ name, document, variables, expectedCost }: PacedRequest,
		token: string,
	): Promise<AttemptResult> {
		const { ticket, waitedMs } = await this.pacer.acquire(name, this.sleep, expectedCost);
		this.stats.pacedMs += waitedMs;
		let result: AttemptResult;
		try {
			result = await this.attempt(document, variables, token);
		} catch (error) {
			this.pacer.release(ticket);
			throw error;
		}
		if (result.kind === 'data' || result.kind === 'throttled')
			this.pacer.settle(ticket, name, result.cost);
		else this.pacer.release(ticket);
		return result;
	}

	/** Gets ready for the next attempt after a failed one, or throws when it should not be retried. */
	private async recover(
		result: Exclude<AttemptResult, { kind: 'data' }>,
		state: RequestState,
	): Promise<void> {
		if (result.kind === 'error') throw result.error;
		if (result.kind === 'unauthorized') {
			if (state.renewed || !this.tokens.renewable) throw unauthorized();
			state.renewed = true;
			this.stats.tokenRenewals++;
			state.token = await this.renewToken(state.token);
			return;
		}
		if (result.kind === 'throttled') return await this.afterThrottled(result.cost, state);
		const verdict = decide(result.outcome, {
			attempt: state.attempt,
			startedAt: state.startedAt,
			now: Date.now(),
			remoteHonoursIdempotency: state.resendable,
			policy: this.policy,
		});
		if (!verdict.retry) {
			const status = result.outcome.kind === 'response' ? result.outcome.status : undefined;
			const why =
				verdict.reason === 'in-doubt'
					? ' The mutation may have been applied: check Shopify before running it again.'
					: verdict.reason === 'exhausted'
						? ` Gave up after ${state.attempt} attempts.`
						: '';
			throw new ShopifyRequestError(`${result.message}.${why}`, status);
		}
		this.stats.transportRetries++;
		await this.sleep(verdict.delayMs);
	}

	/**
	 * THROTTLED never reaches the caller unless waiting it out would exceed maxThrottledWaitMs.
	 * The wait itself happens in the pacer before the next attempt, which now knows the bucket's
	 * level; only an answer without a throttleStatus is waited out here.
	 */
	private async afterThrottled(cost: QueryCost | undefined, state: RequestState): Promise<void> {
		const wait = CostPacer.delayAfterThrottled(cost);
		state.throttledWaitMs += wait;
		if (state.throttledWaitMs > this.maxThrottledWaitMs) {
			throw new ShopifyRequestError(
				`Shopify kept throttling ${state.name} for ${Math.round(state.throttledWaitMs / 1000)} s; the API bucket is drained by another app or workflow`,
				200,
				[{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
			);
		}
		this.stats.throttledRetries++;
		if (!cost?.throttleStatus) await this.sleep(wait);
	}

	/** Downloads a file Shopify links to (a bulk operation's JSONL); such URLs are pre-signed. */
	async download(url: string): Promise<string> {
		return await (await this.open(url)).text();
	}

	/** The body of such a file as it arrives, for files too large to hold (a year of inventory). */
	async downloadStream(url: string): Promise<AsyncIterable<Uint8Array>> {
		const response = await this.open(url);
		if (!response.body) throw new ShopifyRequestError(`${url} answered without a body`, undefined);
		return response.body;
	}

	private async open(url: string): Promise<Response> {
		let response: Response;
		try {
			response = await this.fetchFn(url);
		} catch (error) {
			throw new ShopifyRequestError(
				`Could not download ${url}: ${(error as Error).message}`,
				undefined,
			);
		}
		if (!response.ok)
			throw new ShopifyRequestError(
				`Downloading ${url} failed with HTTP ${response.status}`,
				response.status,
			);
		return response;
	}

	async wait(ms: number): Promise<void> {
		await this.sleep(ms);
	}

	private async token(): Promise<string> {
		try {
			return await this.tokens.current();
		} catch (error) {
			throw tokenError(error);
		}
	}

	private async renewToken(rejected: string): Promise<string> {
		try {
			return await this.tokens.renew(rejected);
		} catch (error) {
			throw tokenError(error);
		}
	}

	private async send(fetchFn: FetchFn, url: string, init: RequestInit): Promise<Response> {
		const headers = new Headers(init.headers);
		const record = this.attempts.get(headers.get(ATTEMPT_HEADER) ?? '');
		headers.delete(ATTEMPT_HEADER);
		if (record) headers.set('X-Shopify-Access-Token', record.token);
		try {
			// Never followed (see redirectNotFollowed).
			const response = await fetchFn(url.replace(`https://${CLIENT_HOST}`, this.origin), {
				...init,
				headers,
				redirect: 'manual',
			});
			if (record) {
				record.status = response.status;
				record.retryAfter = response.headers.get('retry-after');
				record.location = response.headers.get('location');
			}
			return response;
		} catch (error) {
			if (record) record.thrown = error;
			throw error;
		}
	}

	private async attempt(
		document: string,
		variables: Record<string, unknown> | undefined,
		token: string,
	): Promise<AttemptResult> {
		const id = randomUUID();
		const record: AttemptRecord = { token };
		this.attempts.set(id, record);
		this.stats.requests++;
		try {
			const response = await this.client.request(document, {
				variables,
				headers: { [ATTEMPT_HEADER]: id },
			});
			const cost = (response.extensions as { cost?: QueryCost } | undefined)?.cost;
			const errors = response.errors;
			if (record.thrown !== undefined) {
				const message = `Shopify could not be reached: ${(record.thrown as Error).message}`;
				return {
					kind: 'transport',
					outcome: wasNotSent(record.thrown) ? { kind: 'not-sent' } : { kind: 'lost' },
					message,
				};
			}
			if (isRedirect(record.status)) {
				return {
					kind: 'error',
					error: new ShopifyRequestError(
						redirectNotFollowed(this.origin, record.status, record.location, 'the access token'),
						record.status,
					),
				};
			}
			if (record.status === 401) return { kind: 'unauthorized' };
			if (record.status !== undefined && (record.status === 429 || record.status >= 500)) {
				return {
					kind: 'transport',
					outcome: { kind: 'response', status: record.status, retryAfter: record.retryAfter },
					message: `Shopify answered HTTP ${record.status}`,
				};
			}
			if (errors) {
				const details = (errors.graphQLErrors ?? []).map((error) => ({
					message: error.message,
					extensions: error.extensions as Record<string, unknown> | undefined,
					path: error.path,
				}));
				if (details.some((detail) => detail.extensions?.code === 'THROTTLED'))
					return { kind: 'throttled', cost };
				const message = details.length
					? details.map((d) => d.message).join('; ')
					: (errors.message ?? 'Shopify request failed');
				return {
					kind: 'error',
					error: new ShopifyRequestError(
						message,
						errors.networkStatusCode ?? record.status,
						details,
					),
				};
			}
			if (response.data === undefined || response.data === null) {
				return {
					kind: 'error',
					error: new ShopifyRequestError('Shopify answered without data', record.status),
				};
			}
			return { kind: 'data', data: response.data, cost };
		} finally {
			this.attempts.delete(id);
		}
	}
}

function unauthorized(): ShopifyRequestError {
	return new ShopifyRequestError(
		'[API] Invalid API key or access token (unrecognized login or wrong password)',
		401,
	);
}

function tokenError(error: unknown): ShopifyRequestError {
	if (error instanceof AccessTokenError)
		return new ShopifyRequestError(error.message, error.httpStatus ?? 401);
	return new ShopifyRequestError((error as Error).message, undefined);
}
