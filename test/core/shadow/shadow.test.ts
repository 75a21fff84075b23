/**
 * Shadow writes on both backends, and two processes racing on one key: recorded once, replayed,
 * a reused key for another request is a conflict, nothing is sent, and live writes are untouched.
 */
import type { SendResult } from '../../../core/idempotency';
import type { SqlLedger } from '../../../core/ledger/sql-ledger';
import { performShadowWrite } from '../../../core/shadow';
import { backends, twoProcesses } from '../../support/ledgers';

const actor = { workflowId: 'wf-shadow', executionId: '1', node: 'ERP' };

describe.each(backends('shadow'))('shadow writes on %s', (_backend, makeConfig) => {
	const processes = twoProcesses(makeConfig, ['main', 'worker']);
	let main: SqlLedger;
	let worker: SqlLedger;
	beforeEach(() => ([main, worker] = processes.ledgers));

	const withheld = (body: unknown): SendResult => ({
		kind: 'withheld',
		request: {
			method: 'POST',
			url: 'https://erp.example/sales-orders',
			body: JSON.stringify(body),
		},
	});
	const write = (
		ledger: SqlLedger,
		key: string,
		request: unknown,
		send: () => Promise<SendResult>,
	) =>
		performShadowWrite({
			ledger,
			scope: 'erp',
			key,
			request,
			entity: 'shopify:order:1',
			actor,
			send,
			now: () => 1_000,
		});

	it('records a withheld write once; the same request again is replayed without building it; another request under the key is a conflict', async () => {
		let built = 0;
		const send = async () => {
			built++;
			return withheld({ orderNumber: '#1001' });
		};
		expect(await write(main, 'k1:create', { op: 'create' }, send)).toEqual({
			outcome: 'shadow',
			replayed: false,
			request: {
				method: 'POST',
				url: 'https://erp.example/sales-orders',
				body: '{"orderNumber":"#1001"}',
			},
			recordedAt: 1_000,
		});
		expect(await write(worker, 'k1:create', { op: 'create' }, send)).toMatchObject({
			outcome: 'shadow',
			replayed: true,
		});
		expect(built).toBe(1);
		expect(await write(main, 'k1:create', { op: 'something else' }, send)).toMatchObject({
			outcome: 'conflict',
		});
		// Shadow writes live apart from the idempotency records: the live write of the key is still to come.
		expect(await main.getWrite('erp', 'k1:create')).toBeUndefined();
		expect(await main.trail('shopify:order:1')).toEqual([
			expect.objectContaining({
				event: 'write.shadow',
				decision: 'withheld',
				details: expect.objectContaining({ key: 'k1:create', method: 'POST' }),
			}),
		]);
	});

	it('two processes racing on one key record it once; the other replays the first', async () => {
		const results = await Promise.all(
			Array.from(
				{ length: 8 },
				async (_, i) =>
					await write(i % 2 ? worker : main, 'k2:create', { op: 'create' }, async () =>
						withheld({ attempt: i }),
					),
			),
		);
		expect(
			results.filter((result) => result.outcome === 'shadow' && !result.replayed),
		).toHaveLength(1);
		expect(
			new Set(
				results.map((result) => (result.outcome === 'shadow' ? result.request.body : 'other')),
			),
		).toHaveProperty('size', 1);
		expect(await main.shadowWrites({ scopes: ['erp'] })).toHaveLength(1);
	});

	it('what the reads say, when there is nothing to withhold: already there is done, a refusal fails, nothing is recorded', async () => {
		expect(
			await write(main, 'k3:create', {}, async () => ({
				kind: 'response',
				status: 200,
				body: '{"id":"SO-1"}',
			})),
		).toMatchObject({ outcome: 'done', replayed: true });
		expect(
			await write(main, 'k4:cancel', {}, async () => ({
				kind: 'response',
				status: 404,
				body: '{}',
			})),
		).toMatchObject({ outcome: 'failed', status: 404, retryable: false });
		expect(
			await write(main, 'k5:create', {}, async () => ({ kind: 'not-sent', error: 'ERP down' })),
		).toMatchObject({ outcome: 'failed', error: 'ERP down', retryable: true });
		expect(await main.shadowWrites({})).toEqual([]);
	});

	it('lists by scope and time, and forgets by the same filter; a long key is kept whole', async () => {
		const longKey = `shopify:order:1:${'x'.repeat(700)}`;
		for (const [scope, key, at] of [
			['erp', 'a', 100],
			['3pl', 'b', 200],
			['erp', longKey, 300],
		] as const) {
			await performShadowWrite({
				ledger: main,
				scope,
				key,
				request: key,
				entity: 'e',
				actor,
				send: async () => withheld({ key }),
				now: () => at,
			});
		}
		expect((await main.shadowWrites({ scopes: ['erp'] })).map((shadow) => shadow.key)).toEqual([
			'a',
			longKey,
		]);
		expect(
			(await main.shadowWrites({ since: 150, until: 300 })).map((shadow) => shadow.key),
		).toEqual(['b']);
		expect(await main.shadowWrites({ limit: 1 })).toHaveLength(1);
		expect(await main.getShadowWrite('erp', longKey)).toMatchObject({ key: longKey });
		expect(await main.deleteShadowWrites({ scopes: ['erp'], until: 200 })).toBe(1);
		expect((await main.shadowWrites({})).map((shadow) => shadow.scope)).toEqual(['3pl', 'erp']);
	});
});
