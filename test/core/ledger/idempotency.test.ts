import {
	fingerprint,
	performIdempotentWrite,
	type IdempotentWrite,
	type SendResult,
} from '../../../core/idempotency';
import type { Ledger } from '../../../core/ledger';
import { DEFAULT_RETRY_POLICY } from '../../../core/retry';
import { backends, freshLedger } from '../../support/ledgers';

describe.each(backends('idempotency'))('idempotent writes on %s', (_backend, makeConfig) => {
	const fresh = freshLedger(makeConfig);
	let ledger: Ledger;
	let sleeps: number[];

	beforeEach(() => {
		ledger = fresh.ledger;
		sleeps = [];
	});

	/** A remote that answers from a script, counting what it received. */
	const remote = (...script: SendResult[]) => {
		const calls: number[] = [];
		const send = async (attempt: number) => {
			calls.push(attempt);
			return script[Math.min(calls.length - 1, script.length - 1)];
		};
		return { calls, send };
	};
	const write = (
		send: IdempotentWrite['send'],
		overrides: Partial<IdempotentWrite> = {},
	): IdempotentWrite => ({
		ledger,
		scope: 'erp:createSalesOrder',
		key: 'shopify:order:5531:v1',
		request: { method: 'POST', url: '/sales-orders', body: { externalRef: 'shopify:order:5531' } },
		entity: 'shopify:order:5531',
		remoteHonoursIdempotency: false,
		policy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1 },
		leaseMs: 60_000,
		waitMs: 5000,
		send,
		actor: { workflowId: 'wf', executionId: '1', node: 'ERP' },
		sleep: async (ms) => void sleeps.push(ms),
		...overrides,
	});
	const created: SendResult = { kind: 'response', status: 201, body: '{"id":"SO-000001"}' };

	it('performs once and replays the stored answer to later callers without calling the remote', async () => {
		const { calls, send } = remote(created);
		expect(await performIdempotentWrite(write(send))).toEqual({
			outcome: 'done',
			replayed: false,
			status: 201,
			body: '{"id":"SO-000001"}',
			attempts: 1,
		});
		expect(await performIdempotentWrite(write(send))).toMatchObject({
			outcome: 'done',
			replayed: true,
			status: 201,
			body: '{"id":"SO-000001"}',
		});
		expect(calls).toHaveLength(1);
		const trail = await ledger.trail('shopify:order:5531');
		expect(trail.map((event) => [event.event, event.decision])).toEqual([
			['write.done', 'succeeded'],
			['write.done', 'replayed'],
		]);
	});

	it('refuses the same key with a different request', async () => {
		await performIdempotentWrite(write(remote(created).send));
		const other = await performIdempotentWrite(
			write(remote(created).send, {
				request: { method: 'POST', url: '/sales-orders', body: { externalRef: 'other' } },
			}),
		);
		expect(other).toEqual({
			outcome: 'conflict',
			reason: 'Idempotency key shopify:order:5531:v1 was already used for a different request',
		});
	});

	it('retries 429 and 503, waiting at least Retry-After, then succeeds', async () => {
		const { calls, send } = remote(
			{ kind: 'response', status: 429, body: '', retryAfter: '2' },
			{ kind: 'response', status: 503, body: '' },
			created,
		);
		expect(await performIdempotentWrite(write(send))).toMatchObject({
			outcome: 'done',
			attempts: 3,
		});
		expect(calls).toEqual([1, 2, 3]);
		expect(sleeps[0]).toBeGreaterThanOrEqual(2000);
	});

	it('stores a permanent 4xx as failed and replays it', async () => {
		const { calls, send } = remote({
			kind: 'response',
			status: 400,
			body: '{"title":"Invalid request"}',
		});
		expect(await performIdempotentWrite(write(send))).toMatchObject({
			outcome: 'failed',
			status: 400,
			retryable: false,
			replayed: false,
		});
		expect(await performIdempotentWrite(write(send))).toMatchObject({
			outcome: 'failed',
			status: 400,
			replayed: true,
		});
		expect(calls).toHaveLength(1);
	});

	it('a lost request to a remote that does not dedupe is in doubt, and stays in doubt: never resent blindly', async () => {
		const { calls, send } = remote({ kind: 'lost', error: 'socket hang up' }, created);
		expect(await performIdempotentWrite(write(send))).toMatchObject({
			outcome: 'in-doubt',
			attempts: 1,
		});
		expect(await performIdempotentWrite(write(send))).toMatchObject({ outcome: 'in-doubt' });
		expect(calls).toHaveLength(1);
		// A person checked the remote system and let it go through again.
		await ledger.forgetWrite('erp:createSalesOrder', 'shopify:order:5531:v1');
		expect(await performIdempotentWrite(write(send))).toMatchObject({ outcome: 'done' });
	});

	it('a lost request to a remote that dedupes is resent under the same key', async () => {
		const { calls, send } = remote({ kind: 'lost', error: 'ETIMEDOUT' }, created);
		expect(
			await performIdempotentWrite(write(send, { remoteHonoursIdempotency: true })),
		).toMatchObject({ outcome: 'done', attempts: 2 });
		expect(calls).toEqual([1, 2]);
	});

	it('a write whose owner died: taken over after the lease — resent if the remote dedupes, else in doubt', async () => {
		const crashed = {
			scope: 'erp:createSalesOrder',
			fingerprint: '',
			owner: 'crashed-worker',
			leaseMs: 1000,
			entity: 'e',
			now: Date.now() - 5000,
		};
		const request = write(remote(created).send).request;
		await ledger.beginWrite({ ...crashed, key: 'k-dedupes', fingerprint: fingerprint(request) });
		await ledger.beginWrite({ ...crashed, key: 'k-blind', fingerprint: fingerprint(request) });
		expect(
			await performIdempotentWrite(
				write(remote(created).send, { key: 'k-dedupes', remoteHonoursIdempotency: true }),
			),
		).toMatchObject({ outcome: 'done' });
		const blind = remote(created);
		expect(await performIdempotentWrite(write(blind.send, { key: 'k-blind' }))).toMatchObject({
			outcome: 'in-doubt',
		});
		expect(blind.calls).toHaveLength(0);
	});

	it('a write whose owner died, against a remote that does not dedupe, asks the remote first: has it → stored and replayed, lacks it → sent once', async () => {
		const crashed = {
			scope: 'erp:createSalesOrder',
			fingerprint: '',
			owner: 'crashed-worker',
			leaseMs: 1000,
			entity: 'e',
			now: Date.now() - 5000,
		};
		const request = write(remote(created).send).request;
		for (const key of ['k-present', 'k-absent'])
			await ledger.beginWrite({ ...crashed, key, fingerprint: fingerprint(request) });
		const untouched = remote(created);
		const present = await performIdempotentWrite(
			write(untouched.send, {
				key: 'k-present',
				verify: async () => ({ present: true, status: 200, body: '{"id":"SO-000007"}' }),
			}),
		);
		expect(present).toMatchObject({ outcome: 'done', replayed: true, body: '{"id":"SO-000007"}' });
		expect(untouched.calls).toHaveLength(0);
		expect(await ledger.getWrite('erp:createSalesOrder', 'k-present')).toMatchObject({
			state: 'succeeded',
			body: '{"id":"SO-000007"}',
		});
		const sent = remote(created);
		expect(
			await performIdempotentWrite(
				write(sent.send, { key: 'k-absent', verify: async () => ({ present: false }) }),
			),
		).toMatchObject({ outcome: 'done', replayed: false });
		expect(sent.calls).toEqual([1]);
	});

	it('a remote that cannot be asked leaves the write neither sent nor in doubt: its lease is given back for the next run', async () => {
		const request = write(remote(created).send).request;
		await ledger.beginWrite({
			scope: 'erp:createSalesOrder',
			key: 'k-unasked',
			fingerprint: fingerprint(request),
			owner: 'crashed-worker',
			leaseMs: 1000,
			entity: 'e',
			now: Date.now() - 5000,
		});
		const untouched = remote(created);
		const failing = write(untouched.send, {
			key: 'k-unasked',
			verify: async () => await Promise.reject(new Error('ERP read timed out')),
		});
		expect(await performIdempotentWrite(failing)).toMatchObject({
			outcome: 'failed',
			retryable: true,
			error: expect.stringMatching(/could not be asked whether it has it: ERP read timed out/),
		});
		expect(untouched.calls).toHaveLength(0);
		expect(await ledger.getWrite('erp:createSalesOrder', 'k-unasked')).toMatchObject({
			state: 'in_flight',
		});
		const retried = remote(created);
		expect(
			await performIdempotentWrite(
				write(retried.send, { key: 'k-unasked', verify: async () => ({ present: false }) }),
			),
		).toMatchObject({ outcome: 'done' });
		expect(retried.calls).toEqual([1]);
	});

	it('8 concurrent callers: one performs, the others wait and replay its answer', async () => {
		let sends = 0;
		const slow = async (): Promise<SendResult> => {
			sends++;
			await new Promise((resolve) => setTimeout(resolve, 200));
			return created;
		};
		const outcomes = await Promise.all(
			Array.from(
				{ length: 8 },
				async () =>
					await performIdempotentWrite(
						write(slow, {
							sleep: async (ms) => await new Promise((resolve) => setTimeout(resolve, ms)),
						}),
					),
			),
		);
		expect(sends).toBe(1);
		expect(outcomes.map((outcome) => outcome.outcome)).toEqual(Array(8).fill('done'));
		expect(
			outcomes.filter((outcome) => outcome.outcome === 'done' && outcome.replayed),
		).toHaveLength(7);
	});

	it('a caller that cannot wait any longer reports a conflict', async () => {
		const request = { method: 'POST' };
		await ledger.beginWrite({
			scope: 'erp:createSalesOrder',
			key: 'busy',
			fingerprint: fingerprint(request),
			owner: 'other',
			leaseMs: 60_000,
			entity: 'e',
			now: Date.now(),
		});
		const outcome = await performIdempotentWrite(
			write(remote(created).send, {
				key: 'busy',
				request,
				waitMs: 300,
				sleep: async (ms) => await new Promise((resolve) => setTimeout(resolve, ms)),
			}),
		);
		expect(outcome).toMatchObject({
			outcome: 'conflict',
			reason: expect.stringMatching(/Another execution is performing the write/),
		});
	});

	it('gives the key back when retries are used up on answers that changed nothing', async () => {
		const { calls, send } = remote({ kind: 'response', status: 503, body: '' });
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxAttempts: 3 };
		expect(await performIdempotentWrite(write(send, { policy }))).toMatchObject({
			outcome: 'failed',
			retryable: true,
			attempts: 3,
		});
		expect(await ledger.getWrite('erp:createSalesOrder', 'shopify:order:5531:v1')).toBeUndefined();
		expect(calls).toHaveLength(3);
	});
});
