/**
 * Retry of an exception on both backends: the key the failed run passed is given back only when
 * no newer version went through since; the event is queued for the workflow's Redelivery Trigger
 * (due at once) and swept with the reason; in-doubt writes and resolved exceptions are refused.
 */
import { retryException, RetryRefused } from '../../../core/exceptions/retry';
import { sweepInbox } from '../../../core/inbox/recovery';
import type { Ledger } from '../../../core/ledger';
import { backends, freshLedger } from '../../support/ledgers';
import { exception } from '../../support/exceptions';

const NAMESPACE = 'shared:shopify-orders';
const V1 = '2026-11-22T10:00:00Z';
const V2 = '2026-11-22T10:05:00Z';
const POLICY = { redriveAfterMs: 60_000, maxRedrives: 3 };
const event = {
	topic: 'orders/updated',
	eventId: 'event-1',
	payload: { id: 1025, name: '#1025', updated_at: V1 },
};

describe.each(backends('retry'))('retrying an exception on %s', (_backend, makeConfig) => {
	const fresh = freshLedger(makeConfig);
	let ledger: Ledger;
	beforeEach(() => (ledger = fresh.ledger));

	const passKey = async (version: string, executionId: string, now: number) =>
		await ledger.claim([{ key: '1025', version, versionRank: Date.parse(version) }], {
			namespace: NAMESPACE,
			hold: false,
			leaseMs: 0,
			retentionMs: 86_400_000,
			workflowId: 'wf-sync',
			executionId,
			token: executionId,
			now,
		});
	/** An approval rejected after the gate passed version `version` (the key stays confirmed). */
	const rejected = async (version: string) =>
		(
			await ledger.recordExceptions([
				exception({
					kind: 'rejected',
					node: 'Address Change Approval',
					item: {
						...event,
						payload: { ...event.payload, updated_at: version },
						dedupe: { namespace: NAMESPACE, key: '1025', version },
					},
				}),
			])
		)[0];

	it('gives the confirmed key back, queues the event for the sweeper, and the next sweep re-drives it with the reason', async () => {
		const now = Date.now();
		await passKey(V1, 'e1', now - 5000);
		const opened = await rejected(V1);
		await ledger.recordSweep({
			workflowId: 'wf-sync',
			node: 'Redelivery',
			everyMs: 15_000,
			sweptAt: now - 1000,
		});
		const result = await retryException(ledger, {
			id: opened.id,
			by: 'ada@example.com',
			note: 'asked the customer',
			now,
		});
		expect(result).toMatchObject({
			how: 'redrive',
			released: '1025',
			exception: { state: 'acknowledged', acknowledgedBy: 'ada@example.com' },
		});
		expect((await ledger.inspect(NAMESPACE, ['1025'])).size).toBe(0);
		const swept = await sweepInbox(ledger, {
			workflowId: 'wf-sync',
			node: 'Redelivery',
			now: now + 1,
			policy: POLICY,
			everyMs: 15_000,
		});
		expect(swept.redelivered).toEqual([
			expect.objectContaining({
				inboxId: result.inboxId,
				reason: `retry of E-${opened.id} requested by ada@example.com`,
				item: expect.objectContaining({
					topic: 'orders/updated',
					payload: event.payload,
					retry: { exception: `E-${opened.id}`, by: 'ada@example.com', note: 'asked the customer' },
				}),
			}),
		]);
		expect((await ledger.trail('shopify:order:1025')).map((row) => row.event)).toEqual(
			expect.arrayContaining(['dedupe.forget', 'exception.retried', 'inbox.redriven']),
		);
	});

	it('refuses when a newer version of the order went through since, and leaves its key alone', async () => {
		const now = Date.now();
		const opened = await rejected(V1);
		await passKey(V2, 'e2', now - 1000);
		await ledger.recordSweep({
			workflowId: 'wf-sync',
			node: 'Redelivery',
			everyMs: 15_000,
			sweptAt: now,
		});
		await expect(
			retryException(ledger, { id: opened.id, by: 'ada@example.com', note: '', now }),
		).rejects.toThrow(
			new RetryRefused(
				`E-${opened.id} is about version ${V1} of shopify:order:1025, and a newer version (${V2}) was processed since by execution e2`,
				'',
			),
		);
		expect((await ledger.inspect(NAMESPACE, ['1025'])).get('1025')).toMatchObject({
			version: V2,
			state: 'confirmed',
		});
		expect(await ledger.countDeliveries('accepted', 'wf-sync')).toBe(0);
	});

	it('without a sweeper it only gives the key back; a sweeper silent for three of its intervals does not count', async () => {
		const now = Date.now();
		await passKey(V1, 'e1', now - 5000);
		const opened = await rejected(V1);
		await ledger.recordSweep({
			workflowId: 'wf-sync',
			node: 'Redelivery',
			everyMs: 15_000,
			sweptAt: now - 60_000,
		});
		const result = await retryException(ledger, {
			id: opened.id,
			by: 'ada@example.com',
			note: '',
			now,
		});
		expect(result).toMatchObject({
			how: 'release',
			released: '1025',
			inboxId: null,
			message: expect.stringMatching(/next delivery, poll or scheduled run of shopify:order:1025/),
		});
	});

	it('refuses in-doubt writes, resolved exceptions and unknown ones, saying what to do instead', async () => {
		const [doubt, done] = await ledger.recordExceptions([
			exception({ kind: 'in_doubt' }),
			exception({ entity: 'shopify:order:1026' }),
		]);
		await ledger.resolveException(done.id, {
			by: 'grace@example.com',
			resolution: 'manual',
			note: 'booked by hand',
			at: 2_000,
		});
		const refusal = async (id: number) =>
			await retryException(ledger, { id, by: 'ada@example.com', note: '', now: Date.now() }).then(
				() => undefined,
				(error: RetryRefused) => error,
			);
		expect(await refusal(doubt.id)).toMatchObject({
			message: expect.stringMatching(/in-doubt write/),
			fix: expect.stringMatching(/Resolve as Applied/),
		});
		expect(await refusal(done.id)).toMatchObject({
			message: `E-${done.id} is resolved (by grace@example.com): there is nothing to retry`,
		});
		expect(await refusal(999_999)).toMatchObject({ message: 'There is no exception E-999999' });
	});
});
