import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { closeAllLedgers, defaultSqliteFile, getLedger } from '../../../core/ledger';
import { Engine, type WorkflowJson } from '../../../harness';
import type { ContractServer } from '../../../sandbox/contract/server';
import { startErpServer } from '../../../sandbox/erp/server';
import { call, salesOrderInput } from '../../support/contract';
import { fixture } from '../../support/workflows';

describe('Idempotent Write through the engine against the ERP reference server', () => {
	let erp: ContractServer;
	let userFolder: string;
	let engine: Engine;
	let workflow: WorkflowJson;

	const erpCredential = (idempotencyHeader: string) => ({
		ERP: {
			type: 'orderflowErpApi',
			data: {
				baseUrl: erp.url,
				authentication: 'bearer',
				token: 'erp-sandbox-token',
				idempotencyHeader,
			},
		},
	});
	const startEngine = async (idempotencyHeader = 'Idempotency-Key') =>
		await Engine.start({ userFolder, credentials: erpCredential(idempotencyHeader) });
	const salesOrders = async (externalRef = 'shopify:order:5531') =>
		(
			await call<{ items: Array<{ id: string }> }>(
				erp.url,
				'GET',
				`/sales-orders?externalRef=${encodeURIComponent(externalRef)}`,
			)
		).body.items;
	const faults = async (rules: unknown[]) =>
		await call(erp.url, 'PUT', '/_control/faults', { body: rules });
	const item = (overrides: IDataObject = {}) =>
		salesOrderInput('shopify:order:5531', overrides) as IDataObject;
	const write = (execution: Awaited<ReturnType<Engine['execute']>>, output: string) =>
		execution.output(output).map((entry) => entry.write as IDataObject);

	beforeEach(async () => {
		erp = await startErpServer();
		userFolder = mkdtempSync(path.join(tmpdir(), 'orderflow-write-'));
		engine = await startEngine();
		workflow = fixture(__dirname, 'create-sales-order');
	});

	afterEach(async () => await erp.close());

	it('with On Error: Continue, a write whose ledger is refused goes to Failed with the reason, never to Done, and sends nothing', async () => {
		process.env.EXECUTIONS_MODE = 'queue';
		try {
			const continuing = {
				...workflow,
				nodes: workflow.nodes.map((node) =>
					node.type.endsWith('idempotentWrite')
						? { ...node, onError: 'continueRegularOutput' as const }
						: node,
				),
			};
			const execution = await engine.execute(continuing, { items: [item()] });
			expect(execution.status).toBe('success');
			const node = continuing.nodes.find((candidate) =>
				candidate.type.endsWith('idempotentWrite'),
			)!.name;
			expect(execution.output(node, 0)).toEqual([]);
			expect(execution.output(node, 1)).toEqual([
				expect.objectContaining({
					error: expect.stringMatching(/cannot be used in n8n queue mode/),
				}),
			]);
			expect(await salesOrders()).toEqual([]);
		} finally {
			delete process.env.EXECUTIONS_MODE;
		}
	});

	it('rides out 429 (Retry-After in seconds) and 503 bursts, then creates one sales order', async () => {
		await faults([
			{
				method: 'POST',
				path: '/sales-orders',
				kind: 'status',
				status: 429,
				retryAfterSeconds: 1,
				times: 1,
			},
			{ method: 'POST', path: '/sales-orders', kind: 'status', status: 503, times: 2 },
		]);
		const started = Date.now();
		const execution = await engine.execute(workflow, { items: [item()] });
		expect(write(execution, 'Done')).toEqual([
			expect.objectContaining({
				outcome: 'done',
				replayed: false,
				status: 201,
				attempts: 4,
				response: expect.objectContaining({ id: 'SO-000001' }),
			}),
		]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(await salesOrders()).toHaveLength(1);
	});

	it('a timed-out attempt is retried under the same key when the ERP dedupes', async () => {
		await faults([{ method: 'POST', path: '/sales-orders', kind: 'timeout', times: 1 }]);
		const execution = await engine.execute(workflow, { items: [item()] });
		expect(write(execution, 'Done')).toEqual([
			expect.objectContaining({ outcome: 'done', attempts: 2 }),
		]);
		expect(await salesOrders()).toHaveLength(1);
	});

	it('commit-then-drop with the ERP honouring the idempotency header: resent, replayed by the ERP, one sales order', async () => {
		await faults([{ method: 'POST', path: '/sales-orders', kind: 'commit-then-drop', times: 1 }]);
		const execution = await engine.execute(workflow, { items: [item()] });
		expect(write(execution, 'Done')).toEqual([
			expect.objectContaining({
				outcome: 'done',
				attempts: 2,
				response: expect.objectContaining({ id: 'SO-000001' }),
			}),
		]);
		expect((await salesOrders()).map((order) => order.id)).toEqual(['SO-000001']);
	});

	it('commit-then-drop with an ERP that dedupes nothing: In Doubt, never resent, still one sales order', async () => {
		await call(erp.url, 'POST', '/_control/idempotency', { body: { enabled: false } });
		engine = await startEngine('');
		await faults([{ method: 'POST', path: '/sales-orders', kind: 'commit-then-drop', times: 1 }]);
		const first = await engine.execute(workflow, { items: [item()] });
		expect(write(first, 'In doubt')).toEqual([
			expect.objectContaining({
				outcome: 'in-doubt',
				reason: expect.stringMatching(/may or may not have been applied/),
			}),
		]);
		const rerun = await engine.execute(workflow, { items: [item()] });
		expect(write(rerun, 'In doubt')).toHaveLength(1);
		expect(await salesOrders()).toHaveLength(1);
		// The order's audit trail tells support what happened.
		const ledger = await getLedger({ backend: 'sqlite', file: defaultSqliteFile({ userFolder }) });
		expect(
			(await ledger.trail('shopify:order:5531')).map((event) => [event.event, event.decision]),
		).toEqual([
			['write.in-doubt', 'unknown-outcome'],
			['exception.opened', 'in_doubt'],
			['write.in-doubt', 'replayed'],
			['exception.repeated', 'in_doubt'],
		]);
		// … and the exception queue holds it once, seen twice, with what to check.
		expect(await ledger.listExceptions({ entity: 'shopify:order:5531' })).toEqual([
			expect.objectContaining({ kind: 'in_doubt', state: 'open', timesSeen: 2 }),
		]);
		await closeAllLedgers();
	});

	it('exactly one sales order per key across retries, 8 concurrent executions and a restart of the process', async () => {
		const runs = await Promise.all(
			Array.from({ length: 8 }, async () => await engine.execute(workflow, { items: [item()] })),
		);
		const outcomes = runs.flatMap((run) => write(run, 'Done'));
		expect(outcomes).toHaveLength(8);
		expect(outcomes.filter((outcome) => outcome.replayed === false)).toHaveLength(1);
		expect(new Set(outcomes.map((outcome) => (outcome.response as IDataObject).id))).toEqual(
			new Set(['SO-000001']),
		);

		const retried = await engine.execute(workflow, { items: [item()] });
		expect(write(retried, 'Done')).toEqual([expect.objectContaining({ replayed: true })]);

		const afterRestart = await (await startEngine()).execute(workflow, { items: [item()] });
		expect(write(afterRestart, 'Done')).toEqual([
			expect.objectContaining({
				replayed: true,
				response: expect.objectContaining({ id: 'SO-000001' }),
			}),
		]);
		expect(await salesOrders()).toHaveLength(1);
	});

	it('stores a rejected request as Failed with the ERP’s problem details and replays it', async () => {
		const invalid = item({ currency: 'euro' });
		const first = await engine.execute(workflow, { items: [invalid] });
		expect(write(first, 'Failed')).toEqual([
			expect.objectContaining({
				outcome: 'failed',
				status: 400,
				retryable: false,
				response: expect.objectContaining({ title: 'Invalid request' }),
			}),
		]);
		const again = await engine.execute(workflow, { items: [invalid] });
		expect(write(again, 'Failed')).toEqual([
			expect.objectContaining({ replayed: true, status: 400 }),
		]);
		expect(await salesOrders()).toHaveLength(0);
	});

	it('refuses the same key with a different payload, with an error that names the key', async () => {
		await engine.execute(workflow, { items: [item()] });
		const changed = await engine.execute(workflow, {
			items: [item({ note: 'changed after the fact' })],
		});
		expect(changed.status).toBe('error');
		const error = changed.nodeError('Create sales order') as Error & { description?: string };
		expect(error.message).toMatch(
			/Idempotency key shopify:order:5531:create:2026-11-20T09:15:02Z was already used for a different request/,
		);
		expect(error.description).toMatch(/one idempotency key per intended write/);
		expect(await salesOrders()).toHaveLength(1);
	});
});
