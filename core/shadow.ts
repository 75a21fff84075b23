/**
 * Shadow writes: a flow run beside the integration it replaces maps every write and records it
 * in the ledger as it would be sent, but sends nothing. The same key answers the same way twice
 * (replayed), and a key reused for another request is the conflict the live write would meet.
 * Reads inside a write (is the order there already?) still happen: they change nothing, and they
 * decide what would be sent.
 */
import {
	fingerprint,
	type IdempotentWrite,
	type SendResult,
	type WriteOutcome,
} from './idempotency';
import type { AuditEvent, ShadowWrite } from './ledger/types';

type ShadowedWrite = Pick<
	IdempotentWrite,
	'ledger' | 'scope' | 'key' | 'request' | 'entity' | 'actor' | 'now'
> & {
	/** Builds the request; a write step answers `withheld` instead of sending it. */
	send: (attempt: number) => Promise<SendResult>;
};

function shadowOutcome(write: ShadowWrite, replayed: boolean): WriteOutcome {
	return {
		outcome: 'shadow',
		replayed,
		request: { method: write.method, url: write.url, body: write.body },
		recordedAt: write.recordedAt,
	};
}

/** What the remote's answer to the reads says, when the shadow run had nothing to withhold. */
function settledWithoutWrite(result: Exclude<SendResult, { kind: 'withheld' }>): WriteOutcome {
	if (result.kind !== 'response')
		return {
			outcome: 'failed',
			replayed: false,
			status: null,
			body: null,
			error: result.error,
			attempts: 0,
			retryable: true,
		};
	// A 2xx without a write: the remote holds it already (the live run would find it too).
	if (result.status >= 200 && result.status < 300)
		return {
			outcome: 'done',
			replayed: true,
			status: result.status,
			body: result.body,
			attempts: 0,
		};
	const error = result.reason ? `HTTP ${result.status}: ${result.reason}` : `HTTP ${result.status}`;
	return {
		outcome: 'failed',
		replayed: false,
		status: result.status,
		body: result.body,
		error,
		attempts: 0,
		retryable: result.status === 429 || result.status >= 500,
	};
}

export async function performShadowWrite(write: ShadowedWrite): Promise<WriteOutcome> {
	const now = write.now ?? Date.now;
	const print = fingerprint(write.request);
	const conflict = (): WriteOutcome => ({
		outcome: 'conflict',
		reason: `Idempotency key ${write.key} was already used for a different request (shadow run)`,
	});
	const earlier = await write.ledger.getShadowWrite(write.scope, write.key);
	if (earlier) return earlier.fingerprint === print ? shadowOutcome(earlier, true) : conflict();
	const result = await write.send(1);
	if (result.kind !== 'withheld') return settledWithoutWrite(result);
	const at = now();
	const shadow: ShadowWrite = {
		scope: write.scope,
		key: write.key,
		fingerprint: print,
		entity: write.entity,
		...result.request,
		...write.actor,
		recordedAt: at,
	};
	const audit: AuditEvent = {
		entity: write.entity,
		event: 'write.shadow',
		decision: 'withheld',
		...write.actor,
		at,
		details: {
			scope: write.scope,
			key: write.key,
			method: result.request.method,
			url: result.request.url,
		},
	};
	// Two shadow runs of one key at once: the first recorded wins, the other replays it.
	const { write: held, recorded } = await write.ledger.recordShadowWrite(shadow, [audit]);
	if (held.fingerprint !== print) return conflict();
	return shadowOutcome(held, !recorded);
}
