/**
 * When and how long to wait before retrying a remote write: exponential backoff with full
 * jitter, `Retry-After` honoured (seconds or an HTTP date), bounded by attempts and elapsed time.
 * Whether a failure may be retried at all depends on what the remote system could have done:
 * a write that may have happened is only resent when the remote honours idempotency keys.
 */

export interface RetryPolicy {
	maxAttempts: number;
	/** First backoff ceiling; it doubles per attempt up to maxDelayMs. */
	baseDelayMs: number;
	maxDelayMs: number;
	/** No new attempt starts once this much time has passed since the first. */
	maxElapsedMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 8,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxElapsedMs: 120_000,
};

/** What happened to one attempt, as far as the caller could see. */
export type AttemptOutcome =
	| { kind: 'response'; status: number; retryAfter?: string | null }
	/** Nothing reached the remote (connection refused, DNS): always safe to resend. */
	| { kind: 'not-sent' }
	/** The request may have reached the remote (timeout, reset, dropped connection). */
	| { kind: 'lost' };

export type RetryVerdict =
	| { retry: true; delayMs: number }
	| { retry: false; reason: 'success' | 'permanent' | 'in-doubt' | 'exhausted' };

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(
	value: string | null | undefined,
	now = Date.now(),
): number | undefined {
	if (value === null || value === undefined || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full jitter: a uniformly random wait below the exponential ceiling. */
export function backoffMs(
	attempt: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	return Math.floor(random() * ceiling);
}

/** Statuses a remote answers when it did not (or need not have) processed the request. */
const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
/** Of those, the ones that say the request was not processed at all. */
const NOT_PROCESSED_STATUSES = new Set([425, 429, 503]);

export function decide(
	outcome: AttemptOutcome,
	context: {
		attempt: number;
		startedAt: number;
		now: number;
		remoteHonoursIdempotency: boolean;
		policy: RetryPolicy;
		random?: () => number;
	},
): RetryVerdict {
	// Only a 2xx is success; a 3xx (never followed) is a permanent failure like a 4xx.
	if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300)
		return { retry: false, reason: 'success' };
	if (outcome.kind === 'response' && !RETRYABLE_STATUSES.has(outcome.status))
		return { retry: false, reason: 'permanent' };
	// A write that may have happened is resent only under an idempotency key the remote honours.
	const safe =
		outcome.kind === 'not-sent' ||
		(outcome.kind === 'response' && NOT_PROCESSED_STATUSES.has(outcome.status)) ||
		context.remoteHonoursIdempotency;
	if (!safe) return { retry: false, reason: 'in-doubt' };
	const wait = Math.max(
		backoffMs(context.attempt, context.policy, context.random),
		outcome.kind === 'response' ? (retryAfterMs(outcome.retryAfter, context.now) ?? 0) : 0,
	);
	if (
		context.attempt >= context.policy.maxAttempts ||
		context.now + wait - context.startedAt > context.policy.maxElapsedMs
	) {
		return { retry: false, reason: 'exhausted' };
	}
	return { retry: true, delayMs: wait };
}
