/**
 * Idempotent writes with the semantics of Stripe's idempotency keys, on the ledger:
 *
 *   absent ──begin──▶ in flight (leased) ──2xx──▶ succeeded (replayed to later callers)
 *                        │      ├─permanent 4xx──▶ failed (replayed too)
 *                        │      ├─may have happened, remote does not dedupe──▶ in doubt
 *                        │      └─retries used up, nothing happened──▶ absent again
 *                        └─lease lapsed or its process died, outcome unknown──▶ resent under
 *                             the same key if the remote dedupes; else the remote is asked (verify):
 *                             has it → succeeded, lacks it → sent once, cannot say → in doubt
 *
 * The same key with another request (fingerprint) is a conflict; a caller finding the key in
 * flight waits for the outcome up to a limit.
 */
import { createHash, randomUUID } from 'node:crypto';

import type { AuditEvent, Ledger, WriteRecord } from './ledger/types';
import { decide, type AttemptOutcome, type RetryPolicy } from './retry';

export type SendResult =
	/** `reason` says more than the status when the caller knows it (where a redirect pointed). */
	| { kind: 'response'; status: number; body: string; retryAfter?: string | null; reason?: string }
	| { kind: 'not-sent'; error: string }
	| { kind: 'lost'; error: string }
	/** A shadow run's write: what would have been sent, withheld (see shadow.ts). */
	| { kind: 'withheld'; request: WithheldRequest };

export interface WithheldRequest {
	method: string;
	url: string;
	/** The body as it would have been sent (JSON), or null. */
	body: string | null;
}

export type WriteOutcome =
	| { outcome: 'done'; replayed: boolean; status: number; body: string; attempts: number }
	| {
			outcome: 'failed';
			replayed: boolean;
			status: number | null;
			body: string | null;
			error: string;
			attempts: number;
			retryable: boolean;
	  }
	| { outcome: 'in-doubt'; reason: string; attempts: number }
	| { outcome: 'conflict'; reason: string }
	/** Shadow run: recorded as it would have been sent, not sent; `replayed` when recorded before. */
	| { outcome: 'shadow'; replayed: boolean; request: WithheldRequest; recordedAt: number };

export interface IdempotentWrite {
	ledger: Ledger;
	/** Separates keys of different systems or operations, e.g. erp:createSalesOrder. */
	scope: string;
	key: string;
	/** What is being asked; the same key with a different request is refused. */
	request: unknown;
	entity: string;
	/** The remote system dedupes on the idempotency key we send on every attempt. */
	remoteHonoursIdempotency: boolean;
	policy: RetryPolicy;
	/** How long an attempt owns the key; must outlast its retries. */
	leaseMs: number;
	/** How long a caller waits for another execution's write of the same key. */
	waitMs: number;
	send: (attempt: number) => Promise<SendResult>;
	/**
	 * Asks the remote whether an earlier attempt of this write was applied (a read by external
	 * reference): used when taking over an attempt that stopped without recording its outcome.
	 * Without it, such a write against a remote that does not dedupe is in doubt.
	 */
	verify?: () => Promise<VerifyResult>;
	actor: { workflowId: string; executionId: string; node: string };
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
}

export type VerifyResult = { present: true; status: number; body: string } | { present: false };

export function fingerprint(request: unknown): string {
	const canonical = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(canonical);
		if (value && typeof value === 'object') {
			return Object.fromEntries(
				Object.keys(value as object)
					.sort()
					.map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
			);
		}
		return value;
	};
	return createHash('sha256')
		.update(JSON.stringify(canonical(request) ?? null))
		.digest('hex');
}

const defaultSleep = async (ms: number) =>
	await new Promise<void>((resolve) => setTimeout(resolve, ms));

function replay(record: WriteRecord): WriteOutcome | undefined {
	if (record.state === 'succeeded')
		return {
			outcome: 'done',
			replayed: true,
			status: record.status ?? 0,
			body: record.body ?? '',
			attempts: 0,
		};
	if (record.state === 'failed') {
		return {
			outcome: 'failed',
			replayed: true,
			status: record.status,
			body: record.body,
			error: record.error ?? 'failed earlier',
			attempts: 0,
			retryable: false,
		};
	}
	if (record.state === 'in_doubt')
		return {
			outcome: 'in-doubt',
			reason: record.error ?? 'an earlier attempt may or may not have been applied',
			attempts: 0,
		};
	if (record.state === 'superseded')
		return {
			outcome: 'failed',
			replayed: true,
			status: null,
			body: null,
			error: record.error ?? 'superseded by a newer write',
			attempts: 0,
			retryable: false,
		};
	return undefined;
}

type Acquired = { kind: 'owned'; record: WriteRecord } | { kind: 'settled'; outcome: WriteOutcome };

/**
 * Takes the key for this caller, or settles the call without it: a stored outcome is replayed,
 * a different request under the key is a conflict, a key in flight elsewhere is waited for.
 */
async function acquire(
	write: Pick<IdempotentWrite, 'ledger' | 'scope' | 'key' | 'entity' | 'leaseMs' | 'waitMs'>,
	print: string,
	owner: string,
	now: () => number,
	sleep: (ms: number) => Promise<void>,
	audit: (event: string, decision: string, details?: Record<string, unknown>) => Promise<void>,
): Promise<Acquired> {
	const waitStarted = now();
	for (;;) {
		const record = await write.ledger.beginWrite({
			scope: write.scope,
			key: write.key,
			fingerprint: print,
			owner,
			leaseMs: write.leaseMs,
			entity: write.entity,
			now: now(),
		});
		if (record.fingerprint !== print) {
			const reason = `Idempotency key ${write.key} was already used for a different request`;
			await audit('write.conflict', 'conflict', { reason });
			return { kind: 'settled', outcome: { outcome: 'conflict', reason } };
		}
		if (record.owner === owner) return { kind: 'owned', record };
		const replayed = replay(record);
		if (replayed) {
			await audit(`write.${replayed.outcome}`, 'replayed');
			return { kind: 'settled', outcome: replayed };
		}
		// Another execution holds the key: wait for its outcome (or for its lease to lapse).
		if (now() - waitStarted >= write.waitMs) {
			const reason = `Another execution is performing the write for key ${write.key}; no outcome after ${Math.round(write.waitMs / 1000)} s`;
			await audit('write.conflict', 'busy', { reason });
			return { kind: 'settled', outcome: { outcome: 'conflict', reason } };
		}
		await sleep(Math.min(250, Math.max(10, (record.leaseUntil ?? now()) - now())));
	}
}

type AuditFacts = Pick<IdempotentWrite, 'entity' | 'actor' | 'scope' | 'key'>;

function auditEvent(
	write: AuditFacts,
	at: number,
	event: string,
	decision: string,
	details: Record<string, unknown> = {},
): AuditEvent {
	return {
		entity: write.entity,
		event,
		decision,
		...write.actor,
		at,
		details: { scope: write.scope, key: write.key, ...details },
	};
}

function auditor(write: AuditFacts & Pick<IdempotentWrite, 'ledger'>, now: () => number) {
	return async (event: string, decision: string, details: Record<string, unknown> = {}) =>
		await write.ledger.appendAudit([auditEvent(write, now(), event, decision, details)]);
}

const LAPSED_REASON =
	'An earlier attempt stopped without recording its outcome, and the remote system does not dedupe: it may or may not have been applied';

/** The remote's answer to "do you have it?", asked up to three times. */
async function verifyEarlierAttempt(
	verify: () => Promise<VerifyResult>,
	sleep: (ms: number) => Promise<void>,
): Promise<VerifyResult | { error: string }> {
	let last = '';
	for (let attempt = 0; attempt < 3; attempt++) {
		if (attempt > 0) await sleep(500 * 2 ** attempt);
		try {
			return await verify();
		} catch (error) {
			last = (error as Error).message;
		}
	}
	return { error: last };
}

/** A write this caller owns the key of: what its steps share. */
interface OwnedWrite {
	write: IdempotentWrite;
	owner: string;
	now: () => number;
	sleep: (ms: number) => Promise<void>;
	audit: ReturnType<typeof auditor>;
	/** Records the outcome and its audit row together, or not at all; false when the key is no longer ours. */
	finish(
		state: 'succeeded' | 'failed' | 'in_doubt',
		result: { status: number | null; body: string | null; error: string | null },
		audit: [event: string, decision: string, details?: Record<string, unknown>],
	): Promise<boolean>;
}

export async function performIdempotentWrite(write: IdempotentWrite): Promise<WriteOutcome> {
	const now = write.now ?? Date.now;
	const sleep = write.sleep ?? defaultSleep;
	const owner = randomUUID();
	const audit = auditor(write, now);
	const acquired = await acquire(write, fingerprint(write.request), owner, now, sleep, audit);
	if (acquired.kind === 'settled') return acquired.outcome;
	const owned: OwnedWrite = {
		write,
		owner,
		now,
		sleep,
		audit,
		finish: async (state, result, event) => {
			const at = now();
			return await write.ledger.finishWrite(
				{ scope: write.scope, key: write.key, owner, state, ...result, now: at },
				[auditEvent(write, at, ...event)],
			);
		},
	};
	if (acquired.record.attempts > 1 && !write.remoteHonoursIdempotency) {
		const settled = await settleLapsedAttempt(owned);
		if (settled) return settled;
	}
	return await sendWithRetries(owned);
}

/**
 * An earlier attempt stopped without recording its outcome, and the remote does not dedupe: ask
 * it whether it has the write. Settled when it has (done), cannot say (failed, retryable) or
 * cannot be asked (in doubt); undefined when it lacks it, so it is sent.
 */
async function settleLapsedAttempt(owned: OwnedWrite): Promise<WriteOutcome | undefined> {
	const { write, finish } = owned;
	if (!write.verify) {
		await finish('in_doubt', { status: null, body: null, error: LAPSED_REASON }, [
			'write.in-doubt',
			'lease-lapsed',
			{ reason: LAPSED_REASON },
		]);
		return { outcome: 'in-doubt', reason: LAPSED_REASON, attempts: 0 };
	}
	const checked = await verifyEarlierAttempt(write.verify, owned.sleep);
	if ('error' in checked) {
		// Neither sent nor settled: the next run takes the write over and asks again.
		await write.ledger.yieldWrite(write.scope, write.key, owned.owner, owned.now());
		const error = `An earlier attempt stopped without recording its outcome and the remote could not be asked whether it has it: ${checked.error}`;
		await owned.audit('write.failed', 'verify-failed', { error });
		return {
			outcome: 'failed',
			replayed: false,
			status: null,
			body: null,
			error,
			attempts: 0,
			retryable: true,
		};
	}
	if (checked.present) {
		await finish('succeeded', { status: checked.status, body: checked.body, error: null }, [
			'write.done',
			'verified-present',
			{ status: checked.status },
		]);
		return {
			outcome: 'done',
			replayed: true,
			status: checked.status,
			body: checked.body,
			attempts: 0,
		};
	}
	await owned.audit('write.verified', 'absent', {
		reason: 'an earlier attempt stopped; the remote does not have the write, so it is sent',
	});
	return undefined;
}

/** Sends until the retry policy gives a verdict other than "retry", then records it. */
async function sendWithRetries(owned: OwnedWrite): Promise<WriteOutcome> {
	const { write, now } = owned;
	const startedAt = now();
	for (let attempt = 1; ; attempt++) {
		const result = await write.send(attempt);
		if (result.kind === 'withheld') {
			throw new Error(`A shadow write reached the live write path for key ${write.key}`);
		}
		const observed: AttemptOutcome =
			result.kind === 'response'
				? { kind: 'response', status: result.status, retryAfter: result.retryAfter }
				: { kind: result.kind };
		const verdict = decide(observed, {
			attempt,
			startedAt,
			now: now(),
			remoteHonoursIdempotency: write.remoteHonoursIdempotency,
			policy: write.policy,
		});
		if (!verdict.retry) return await recordVerdict(owned, verdict.reason, result, attempt);
		await owned.sleep(verdict.delayMs);
	}
}

type FinalVerdict = Exclude<ReturnType<typeof decide>, { retry: true }>['reason'];

/** The last attempt's outcome, recorded in the ledger with its audit row. */
async function recordVerdict(
	owned: OwnedWrite,
	reason: FinalVerdict,
	result: Exclude<SendResult, { kind: 'withheld' }>,
	attempt: number,
): Promise<WriteOutcome> {
	const { finish } = owned;
	const status = result.kind === 'response' ? result.status : null;
	const body = result.kind === 'response' ? result.body : null;
	const error =
		result.kind !== 'response'
			? result.error
			: `HTTP ${result.status}${result.reason ? `: ${result.reason}` : ''}`;
	if (reason === 'success') {
		const stillOurs = await finish('succeeded', { status, body, error: null }, [
			'write.done',
			'succeeded',
			{ status, attempts: attempt },
		]);
		if (!stillOurs) {
			return {
				outcome: 'in-doubt',
				reason:
					'The write succeeded after its lease lapsed; another execution may have written too',
				attempts: attempt,
			};
		}
		return {
			outcome: 'done',
			replayed: false,
			status: status as number,
			body: body as string,
			attempts: attempt,
		};
	}
	if (reason === 'permanent') {
		await finish('failed', { status, body, error }, [
			'write.failed',
			'rejected',
			{ status, attempts: attempt },
		]);
		return {
			outcome: 'failed',
			replayed: false,
			status,
			body,
			error,
			attempts: attempt,
			retryable: false,
		};
	}
	if (reason === 'in-doubt') {
		const doubt = `${error.replace(/[.\s]+$/, '')}, after the request may have reached the remote system, which does not dedupe: it may or may not have been applied`;
		await finish('in_doubt', { status, body, error: doubt }, [
			'write.in-doubt',
			'unknown-outcome',
			{ status, attempts: attempt, reason: doubt },
		]);
		return { outcome: 'in-doubt', reason: doubt, attempts: attempt };
	}
	// Retries used up, and nothing that was tried can have been applied twice: the key is free again.
	const { write } = owned;
	await write.ledger.abandonWrite(write.scope, write.key, owned.owner);
	await owned.audit('write.failed', 'retries-exhausted', { status, attempts: attempt, error });
	return {
		outcome: 'failed',
		replayed: false,
		status,
		body,
		error: `${error}; gave up after ${attempt} attempts`,
		attempts: attempt,
		retryable: true,
	};
}

export type GuardedWrite = Omit<IdempotentWrite, 'send' | 'policy' | 'remoteHonoursIdempotency'> & {
	/** The guarded write may be repeated after a lapsed lease (it dedupes by itself). */
	repeatable: boolean;
};

export type BeginOutcome = { outcome: 'proceed'; owner: string } | WriteOutcome;

/** Begin of a write another node performs: proceed (this caller owns the key), or its stored outcome. */
export async function beginGuardedWrite(write: GuardedWrite): Promise<BeginOutcome> {
	const now = write.now ?? Date.now;
	const owner = randomUUID();
	const audit = auditor(write, now);
	const acquired = await acquire(
		write,
		fingerprint(write.request),
		owner,
		now,
		write.sleep ?? defaultSleep,
		audit,
	);
	if (acquired.kind === 'settled') return acquired.outcome;
	if (acquired.record.attempts > 1 && !write.repeatable) {
		const at = now();
		await write.ledger.finishWrite(
			{
				scope: write.scope,
				key: write.key,
				owner,
				state: 'in_doubt',
				status: null,
				body: null,
				error: LAPSED_REASON,
				now: at,
			},
			[auditEvent(write, at, 'write.in-doubt', 'lease-lapsed', { reason: LAPSED_REASON })],
		);
		return { outcome: 'in-doubt', reason: LAPSED_REASON, attempts: 0 };
	}
	await audit('write.begin', 'proceed');
	return { outcome: 'proceed', owner };
}

/** Complete of a guarded write: records its outcome for the owner that began it. */
export async function completeGuardedWrite(
	write: Pick<IdempotentWrite, 'ledger' | 'scope' | 'key' | 'entity' | 'actor' | 'now'>,
	owner: string,
	result: { succeeded: boolean; status: number | null; body: string },
): Promise<boolean> {
	const at = (write.now ?? Date.now)();
	const state = result.succeeded ? 'succeeded' : 'failed';
	const error = result.succeeded ? null : 'reported failed by the workflow';
	const audit = auditEvent(
		write,
		at,
		result.succeeded ? 'write.done' : 'write.failed',
		'completed',
		{ status: result.status },
	);
	return await write.ledger.finishWrite(
		{
			scope: write.scope,
			key: write.key,
			owner,
			state,
			status: result.status,
			body: result.body,
			error,
			now: at,
		},
		[audit],
	);
}

/**
 * Once the remote holds what some of an entity's in-flight writes send, or newer (`covered` says
 * which; `holds` says what the remote has), those writes need never be sent again: the ones
 * whose worker died are settled as superseded now, the others as soon as their worker is found
 * dead (their live owner may still finish them, and its outcome then counts). Returns the keys
 * settled now.
 */
export async function coverWrites(
	write: Pick<IdempotentWrite, 'ledger' | 'scope' | 'entity'>,
	covered: (record: WriteRecord) => boolean,
	holds: string,
	now = Date.now(),
): Promise<string[]> {
	const keys = (await write.ledger.inFlightWrites(write.scope, write.entity, now))
		.filter(covered)
		.map((record) => record.key);
	return keys.length === 0
		? []
		: await write.ledger.coverWrites({
				scope: write.scope,
				entity: write.entity,
				keys,
				holds,
				now,
			});
}
