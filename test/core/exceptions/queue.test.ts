/**
 * The exception queue on both backends: opened once per entity, node and kind while unresolved
 * (a repeat counts), open → acknowledged → resolved by a person, or resolved automatically by a
 * later success at the same node; every change on the entity's trail; nothing deleted.
 */
import { fingerprint, performIdempotentWrite } from '../../../core/idempotency';
import type { Ledger } from '../../../core/ledger';
import { DEFAULT_RETRY_POLICY } from '../../../core/retry';
import { backends, freshLedger } from '../../support/ledgers';
import { exception } from '../../support/exceptions';

describe.each(backends('exceptions'))('exception queue on %s', (_backend, makeConfig) => {
	const fresh = freshLedger(makeConfig);
	let ledger: Ledger;
	beforeEach(() => (ledger = fresh.ledger));

	it('opens one exception per entity, node and kind; a repeat while unresolved counts on it', async () => {
		const [first] = await ledger.recordExceptions([exception()]);
		const [again] = await ledger.recordExceptions([
			exception({
				executionId: '812',
				at: 2_000,
				reason: 'The ERP does not know SKU TOTE-NAT (again)',
			}),
		]);
		const [other] = await ledger.recordExceptions([exception({ kind: 'in_doubt', at: 3_000 })]);
		expect(again).toMatchObject({
			id: first.id,
			timesSeen: 2,
			openedAt: 1_000,
			lastSeenAt: 2_000,
			executionId: '812',
			state: 'open',
		});
		expect(other.id).not.toBe(first.id);
		expect(
			(await ledger.listExceptions({ state: 'open' })).map((record) => [record.id, record.kind]),
		).toEqual([
			[first.id, 'failed'],
			[other.id, 'in_doubt'],
		]);
		expect(
			(await ledger.trail('shopify:order:1025')).map((event) => [
				event.event,
				event.details.exception,
			]),
		).toEqual([
			['exception.opened', `E-${first.id}`],
			['exception.repeated', `E-${first.id}`],
			['exception.opened', `E-${other.id}`],
		]);
	});

	it('a person acknowledges it, then resolves it with a note; resolving twice does nothing; nothing is deleted', async () => {
		const [opened] = await ledger.recordExceptions([exception()]);
		expect(await ledger.acknowledgeException(opened.id, 'ada@example.com', 5_000)).toMatchObject({
			state: 'acknowledged',
			acknowledgedBy: 'ada@example.com',
			acknowledgedAt: 5_000,
		});
		expect(
			await ledger.acknowledgeException(opened.id, 'grace@example.com', 6_000),
		).toBeUndefined();
		expect(
			await ledger.resolveException(opened.id, {
				by: 'ada@example.com',
				resolution: 'manual',
				note: 'SKU created, order booked by hand',
				at: 7_000,
			}),
		).toMatchObject({
			state: 'resolved',
			resolvedBy: 'ada@example.com',
			resolution: 'manual',
			note: 'SKU created, order booked by hand',
		});
		expect(
			await ledger.resolveException(opened.id, {
				by: 'grace@example.com',
				resolution: 'manual',
				note: 'again',
				at: 8_000,
			}),
		).toBeUndefined();
		expect(await ledger.getException(opened.id)).toMatchObject({
			state: 'resolved',
			resolvedBy: 'ada@example.com',
			item: { payload: { name: '#1025' } },
		});
		// Once resolved, the same failure opens a new exception.
		const [next] = await ledger.recordExceptions([exception({ at: 9_000 })]);
		expect(next.id).not.toBe(opened.id);
		expect((await ledger.trail('shopify:order:1025')).map((event) => event.event)).toEqual([
			'exception.opened',
			'exception.acknowledged',
			'exception.resolved',
			'exception.opened',
		]);
	});

	it('a later success at the same node resolves what is unresolved for that entity, saying so; other nodes and entities stay open', async () => {
		const [failed, doubted, elsewhere, otherOrder] = await ledger.recordExceptions([
			exception(),
			exception({ kind: 'in_doubt' }),
			exception({ node: 'Tag Order Synced' }),
			exception({ entity: 'shopify:order:1026' }),
		]);
		await ledger.acknowledgeException(doubted.id, 'ada@example.com', 1_500);
		const resolved = await ledger.resolveExceptionsOf(
			{
				workflowId: 'wf-sync',
				node: 'ERP Upsert Sales Order',
				entities: ['shopify:order:1025'],
				executionId: '900',
			},
			10_000,
		);
		expect(resolved.map((record) => record.id).sort()).toEqual([failed.id, doubted.id].sort());
		expect(await ledger.getException(failed.id)).toMatchObject({
			state: 'resolved',
			resolution: 'automatic',
			resolvedBy: 'Orderflow',
			note: 'Resolved automatically: execution 900 at ERP Upsert Sales Order succeeded for it',
		});
		expect(
			(await ledger.listExceptions({ state: 'unresolved' })).map((record) => record.id).sort(),
		).toEqual([elsewhere.id, otherOrder.id].sort());
	});

	it('lists by state, kind, workflow, entity and age, oldest first', async () => {
		await ledger.recordExceptions([
			exception({ at: 1_000 }),
			exception({
				kind: 'rejected',
				node: 'Refund Approval',
				entity: 'shopify:refund:7',
				at: 2_000,
			}),
			exception({
				kind: 'timed_out',
				node: 'Refund Approval',
				entity: 'shopify:refund:8',
				workflowId: 'wf-refunds',
				at: 3_000,
			}),
		]);
		expect(
			(await ledger.listExceptions({ kind: 'rejected' })).map((record) => record.entity),
		).toEqual(['shopify:refund:7']);
		expect(
			(await ledger.listExceptions({ workflowId: 'wf-refunds' })).map((record) => record.kind),
		).toEqual(['timed_out']);
		expect(
			(await ledger.listExceptions({ entity: 'shopify:order:1025' })).map((record) => record.kind),
		).toEqual(['failed']);
		expect(
			(await ledger.listExceptions({ openedBefore: 2_500 })).map((record) => record.openedAt),
		).toEqual([1_000, 2_000]);
		expect((await ledger.listExceptions({ limit: 1 })).map((record) => record.openedAt)).toEqual([
			1_000,
		]);
	});

	it('an in-doubt write resolved as applied becomes its result, replayed by later runs; as not applied it is sent again; both resolve its exception', async () => {
		const begin = (key: string) =>
			ledger.beginWrite({
				scope: 'erp',
				key,
				fingerprint: fingerprint({}),
				owner: `o-${key}`,
				leaseMs: 60_000,
				entity: 'shopify:order:1025',
				now: 1_000,
			});
		for (const key of ['k-applied', 'k-not-applied']) {
			await begin(key);
			await ledger.finishWrite({
				scope: 'erp',
				key,
				owner: `o-${key}`,
				state: 'in_doubt',
				status: null,
				body: null,
				error: 'answer lost',
				now: 2_000,
			});
		}
		const [doubt] = await ledger.recordExceptions([exception({ kind: 'in_doubt' })]);
		expect((await ledger.inDoubtWrites({ scope: 'erp' })).map((write) => write.key)).toEqual([
			'k-applied',
			'k-not-applied',
		]);

		const applied = await ledger.resolveInDoubt({
			scope: 'erp',
			key: 'k-applied',
			applied: true,
			by: 'ada@example.com',
			note: 'SO-000042 is in the ERP',
			body: '{"id":"SO-000042"}',
			at: 3_000,
		});
		expect(applied).toMatchObject({ state: 'succeeded', body: '{"id":"SO-000042"}' });
		const replayed = await performIdempotentWrite({
			ledger,
			scope: 'erp',
			key: 'k-applied',
			request: {},
			entity: 'shopify:order:1025',
			remoteHonoursIdempotency: false,
			policy: DEFAULT_RETRY_POLICY,
			leaseMs: 60_000,
			waitMs: 0,
			actor: { workflowId: 'wf', executionId: '9', node: 'ERP' },
			send: async () => await Promise.reject(new Error('must not send')),
		});
		expect(replayed).toMatchObject({ outcome: 'done', replayed: true, body: '{"id":"SO-000042"}' });
		expect(await ledger.getException(doubt.id)).toMatchObject({
			state: 'resolved',
			resolution: 'applied',
			resolvedBy: 'ada@example.com',
			note: 'Resolved as applied by ada@example.com: SO-000042 is in the ERP',
		});

		expect(
			await ledger.resolveInDoubt({
				scope: 'erp',
				key: 'k-not-applied',
				applied: false,
				by: 'ada@example.com',
				note: 'not in the ERP',
				at: 4_000,
			}),
		).toMatchObject({ key: 'k-not-applied' });
		expect(await ledger.getWrite('erp', 'k-not-applied')).toBeUndefined();
		// Only an in-doubt write can be resolved so.
		expect(
			await ledger.resolveInDoubt({
				scope: 'erp',
				key: 'k-applied',
				applied: false,
				by: 'grace@example.com',
				note: 'oops',
				at: 5_000,
			}),
		).toBeUndefined();
		expect(await ledger.inDoubtWrites({})).toEqual([]);
		expect(
			(await ledger.trail('shopify:order:1025'))
				.filter((event) => event.event === 'write.resolved')
				.map((event) => [event.decision, event.details.by]),
		).toEqual([
			['applied', 'ada@example.com'],
			['not-applied', 'ada@example.com'],
		]);
	});

	it('keeps an entity longer than the index allows by its hash, and gives it back whole', async () => {
		const long = `shopify:order:${'9'.repeat(600)}`;
		const [opened] = await ledger.recordExceptions([exception({ entity: long })]);
		expect(opened.entity).toBe(long);
		expect((await ledger.listExceptions({ entity: long })).map((record) => record.id)).toEqual([
			opened.id,
		]);
		expect(
			await ledger.resolveExceptionsOf(
				{
					workflowId: 'wf-sync',
					node: 'ERP Upsert Sales Order',
					entities: [long],
					executionId: null,
				},
				2_000,
			),
		).toHaveLength(1);
	});
});
