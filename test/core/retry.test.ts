import {
	backoffMs,
	decide,
	DEFAULT_RETRY_POLICY,
	retryAfterMs,
	type AttemptOutcome,
} from '../../core/retry';

describe('retry decisions', () => {
	const context = (overrides: Partial<Parameters<typeof decide>[1]> = {}) => ({
		attempt: 1,
		startedAt: 0,
		now: 0,
		remoteHonoursIdempotency: false,
		policy: DEFAULT_RETRY_POLICY,
		random: () => 0.5,
		...overrides,
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(retryAfterMs('2')).toBe(2000);
		expect(retryAfterMs('1.5')).toBe(1500);
		expect(retryAfterMs('Sun, 22 Nov 2026 10:00:30 GMT', Date.parse('2026-11-22T10:00:00Z'))).toBe(
			30_000,
		);
		expect(retryAfterMs('soon')).toBeUndefined();
		expect(retryAfterMs(null)).toBeUndefined();
	});

	it('backs off exponentially with full jitter, capped', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
		expect([1, 2, 3, 4, 5].map((attempt) => backoffMs(attempt, policy, () => 0.999))).toEqual([
			99, 199, 399, 799, 999,
		]);
		expect(backoffMs(3, policy, () => 0)).toBe(0);
	});

	it.each<[string, AttemptOutcome, boolean, string]>([
		['201', { kind: 'response', status: 201 }, false, 'success'],
		[
			'302 (a redirect is not followed, nor success)',
			{ kind: 'response', status: 302 },
			true,
			'permanent',
		],
		['307', { kind: 'response', status: 307 }, false, 'permanent'],
		['400', { kind: 'response', status: 400 }, false, 'permanent'],
		['409', { kind: 'response', status: 409 }, true, 'permanent'],
		['500 without remote idempotency', { kind: 'response', status: 500 }, false, 'in-doubt'],
		['a lost request without remote idempotency', { kind: 'lost' }, false, 'in-doubt'],
	])('%s → no retry (%s)', (_label, outcome, honours, reason) => {
		expect(decide(outcome, context({ remoteHonoursIdempotency: honours }))).toEqual({
			retry: false,
			reason,
		});
	});

	it.each<[string, AttemptOutcome, boolean]>([
		['429', { kind: 'response', status: 429 }, false],
		['503', { kind: 'response', status: 503 }, false],
		['connection refused', { kind: 'not-sent' }, false],
		['500 with remote idempotency', { kind: 'response', status: 500 }, true],
		['a lost request with remote idempotency', { kind: 'lost' }, true],
	])('%s → retry', (_label, outcome, honours) => {
		expect(decide(outcome, context({ remoteHonoursIdempotency: honours })).retry).toBe(true);
	});

	it('waits at least what Retry-After asks', () => {
		expect(decide({ kind: 'response', status: 429, retryAfter: '7' }, context())).toEqual({
			retry: true,
			delayMs: 7000,
		});
	});

	it('stops at the attempt limit and at the elapsed-time limit', () => {
		expect(decide({ kind: 'response', status: 503 }, context({ attempt: 8 }))).toEqual({
			retry: false,
			reason: 'exhausted',
		});
		expect(
			decide({ kind: 'response', status: 429, retryAfter: '30' }, context({ now: 100_000 })),
		).toEqual({ retry: false, reason: 'exhausted' });
	});
});
