import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { Engine, type WorkflowJson } from '../../../harness';
import { closeAllLedgers } from '../../../core/ledger';
import { dropSchema, freshSchema, testPgClient, TEST_POSTGRES } from '../../support/ledgers';
import { sendJson, startLocalServer, type LocalServer } from '../../support/http-server';
import { fixture, withParameters } from '../../support/workflows';

const order = (id: number, updatedAt: string, extra: IDataObject = {}): IDataObject => ({
	id,
	admin_graphql_api_id: `gid://shopify/Order/${id}`,
	name: `#${id}`,
	updated_at: updatedAt,
	...extra,
});

type Backend = 'sqlite' | 'postgres';

/** Points every Dedupe Gate of a workflow at the PostgreSQL credential (or leaves the embedded default). */
function onBackend(workflow: WorkflowJson, backend: Backend): WorkflowJson {
	if (backend === 'sqlite') return workflow;
	const copy = structuredClone(workflow);
	for (const node of copy.nodes.filter(
		(candidate) => candidate.type === 'n8n-nodes-orderflow.dedupeGate',
	)) {
		node.credentials = { orderflowLedgerApi: { id: 'ledger', name: 'Ledger' } };
	}
	return copy;
}

describe.each<Backend>(['sqlite', 'postgres'])(
	'Dedupe Gate through the engine, ledger on %s',
	(backend) => {
		let engine: Engine;
		const schema = freshSchema('gate');
		const ordersWorkflow = () => onBackend(fixture(__dirname, 'orders-gate'), backend);

		beforeAll(async () => {
			engine = await Engine.start({
				userFolder: mkdtempSync(path.join(tmpdir(), `orderflow-gate-${backend}-`)),
				credentials: {
					Ledger: {
						type: 'orderflowLedgerApi',
						data: { ...TEST_POSTGRES, ssl: 'disable', schema },
					},
				},
			});
		});

		afterAll(async () => {
			if (backend === 'postgres') await dropSchema(schema);
		});

		it('passes each order once, reports why the others are duplicates, and blocks stale versions', async () => {
			const first = await engine.execute(ordersWorkflow(), {
				items: [
					order(5531, '2026-11-22T10:00:00Z'),
					order(5532, '2026-11-22T10:00:00Z'),
					order(5531, '2026-11-22T10:00:00Z'),
				],
			});
			expect(first.status).toBe('success');
			expect(first.output('New orders').map((item) => item.id)).toEqual([5531, 5532]);
			expect(first.output('New orders')[0].dedupe).toMatchObject({
				key: '5531',
				namespace: 'shared:shopify-orders',
				entity: 'shopify:order:5531',
				status: 'passed',
			});
			expect(first.output('Duplicates')).toEqual([
				expect.objectContaining({
					id: 5531,
					dedupe: expect.objectContaining({ reason: 'same-batch' }),
				}),
			]);

			const replay = await engine.execute(ordersWorkflow(), {
				items: [order(5531, '2026-11-22T10:00:00Z'), order(5532, '2026-11-22T09:00:00Z')],
			});
			expect(replay.output('New orders')).toEqual([]);
			expect(replay.output('Duplicates').map((item) => item.dedupe)).toEqual([
				expect.objectContaining({
					reason: 'stale',
					timesSeen: 2,
					firstExecutionId: first.executionId,
					storedVersion: '2026-11-22T10:00:00Z',
				}),
				expect.objectContaining({ reason: 'stale', storedVersion: '2026-11-22T10:00:00Z' }),
			]);

			const newer = await engine.execute(ordersWorkflow(), {
				items: [order(5531, '2026-11-22T11:00:00Z')],
			});
			expect(newer.output('New orders').map((item) => item.updated_at)).toEqual([
				'2026-11-22T11:00:00Z',
			]);
		});

		it('webhook and poll overlap in a shared namespace: each order version passes once', async () => {
			const webhookWorkflow = onBackend(fixture(__dirname, 'webhook-gate'), backend);
			const passed: string[] = [];
			const deliver = async (payload: Record<string, unknown>) => {
				const call = await engine.webhook(webhookWorkflow, {
					path: 'shopify/orders',
					method: 'POST',
					body: payload,
				});
				expect(call.response.statusCode).toBe(200);
				// The Webhook node's item carries the payload as body.
				passed.push(
					...call
						.execution!.output('New orders')
						.map((item) => item.body as { id: number; updated_at: string })
						.map((body) => `${body.id}@${body.updated_at}`),
				);
			};
			const poll = async (orders: IDataObject[]) => {
				const execution = await engine.execute(ordersWorkflow(), { items: orders });
				passed.push(
					...execution.output('New orders').map((item) => `${item.id}@${item.updated_at}`),
				);
			};
			const v1 = order(6001, '2026-11-22T10:00:00Z');
			const v2 = order(6001, '2026-11-22T10:05:00Z');
			await deliver(v1);
			await deliver(v1); // Shopify delivers again
			await poll([v1]); // the 15-minute poll overlaps
			await deliver(v2);
			await poll([v1, v2, order(6002, '2026-11-22T10:06:00Z')]);
			await deliver(v1); // a late, out-of-order delivery
			expect(passed).toEqual([
				'6001@2026-11-22T10:00:00Z',
				'6001@2026-11-22T10:05:00Z',
				'6002@2026-11-22T10:06:00Z',
			]);
		});

		describe('hold until confirmed', () => {
			let erp: LocalServer;
			let answers: number[];

			beforeAll(async () => {
				erp = await startLocalServer((_request, res) =>
					sendJson(res, answers.shift() ?? 200, { ok: true }),
				);
			});

			afterAll(async () => await erp.close());

			it('a run that fails after its claim is retried once the lease lapses; a confirmed key stays settled', async () => {
				const workflow = withParameters(
					onBackend(fixture(__dirname, 'hold-confirm'), backend),
					'Write to ERP',
					{ url: `${erp.url}/sales-orders` },
				);
				const items = [order(7001, '2026-11-22T10:00:00Z')];
				answers = [500];
				const failed = await engine.execute(workflow, { items });
				expect(failed.status).toBe('error');
				expect(failed.executedNodes).not.toContain('Confirm');

				const tooSoon = await engine.execute(workflow, { items });
				expect(
					tooSoon.output('Skipped').map((item) => (item.dedupe as { reason: string }).reason),
				).toEqual(['in-flight']);

				await new Promise((resolve) => setTimeout(resolve, 1100));
				const retry = await engine.execute(workflow, { items });
				expect(retry.status).toBe('success');
				expect(retry.output('Confirm').map((item) => item.dedupe)).toEqual([
					expect.objectContaining({ key: '7001', state: 'confirmed', applied: true }),
				]);

				await new Promise((resolve) => setTimeout(resolve, 1100));
				const later = await engine.execute(workflow, { items });
				expect(
					later.output('Skipped').map((item) => (item.dedupe as { reason: string }).reason),
				).toEqual(['seen-before']);
				expect(erp.requests.filter((request) => request.url === '/sales-orders')).toHaveLength(2);
			});
			it('Confirm refuses an Own Write Version that is no version, naming it; the retry after the lease records it', async () => {
				const workflow = withParameters(
					withParameters(onBackend(fixture(__dirname, 'hold-confirm'), backend), 'Write to ERP', {
						url: `${erp.url}/sales-orders`,
					}),
					'Confirm',
					{ ownWriteVersion: "={{ $('Claim').item.json.taggedAt }}" },
				);
				const tagged = (taggedAt: string) => [{ ...order(7101, '2026-11-22T10:00:00Z'), taggedAt }];
				answers = [];
				const refused = await engine.execute(workflow, { items: tagged('after lunch') });
				expect(refused.status).toBe('error');
				const error = refused.nodeError('Confirm') as Error & { description?: string };
				expect(error.message).toMatch(/"after lunch" of item 0 is neither a number nor a date/);
				expect(error.description).toMatch(/Own Write Version must be a number or a date/);

				await new Promise((resolve) => setTimeout(resolve, 1100));
				const retried = await engine.execute(workflow, { items: tagged('2026-11-22T10:00:07Z') });
				expect(retried.output('Confirm').map((item) => item.dedupe)).toEqual([
					expect.objectContaining({
						key: '7101',
						state: 'confirmed',
						ownWriteVersion: Date.parse('2026-11-22T10:00:07Z'),
					}),
				]);
			});
		});

		it('inspects, forgets and then passes a key again (deliberate reprocessing)', async () => {
			await engine.execute(ordersWorkflow(), { items: [order(8001, '2026-11-22T10:00:00Z')] });
			const keyed = (operation: string) =>
				withParameters(ordersWorkflow(), 'Dedupe Gate', {
					operation,
					keySource: 'shopifyOrderId',
					namespaceScope: 'shared',
					namespaceName: 'shopify-orders',
				});
			const inspected = await engine.execute(keyed('inspect'), {
				items: [order(8001, 'x'), order(8002, 'x')],
			});
			expect(inspected.output('New orders')).toEqual([
				expect.objectContaining({
					dedupe: expect.objectContaining({ key: '8001', state: 'confirmed', timesSeen: 1 }),
				}),
			]);
			expect(inspected.output('Duplicates')).toEqual([
				expect.objectContaining({
					dedupe: expect.objectContaining({ key: '8002', state: 'unknown' }),
				}),
			]);

			const forgotten = await engine.execute(keyed('forget'), { items: [order(8001, 'x')] });
			expect(forgotten.output('New orders')[0].dedupe).toMatchObject({
				applied: true,
				state: 'forgotten',
			});
			const again = await engine.execute(ordersWorkflow(), {
				items: [order(8001, '2026-11-22T10:00:00Z')],
			});
			expect(again.output('New orders')).toHaveLength(1);
		});

		it('stops with a clear error when an item has no key, and passes nothing', async () => {
			const execution = await engine.execute(ordersWorkflow(), {
				items: [order(9001, '2026-11-22T10:00:00Z'), { note: 'not an order' }],
			});
			expect(execution.status).toBe('error');
			const error = execution.nodeError('Dedupe Gate') as Error & { description?: string };
			expect(error.message).toMatch(/Item 1: No Shopify order id/);
			expect(error.description).toMatch(/key preset/);
			expect(execution.executedNodes).not.toContain('New orders');
		});
	},
);

describe('Dedupe Gate in n8n queue mode', () => {
	afterEach(() => {
		delete process.env.EXECUTIONS_MODE;
		delete process.env.EXECUTIONS_MODE_FILE;
		delete process.env.ORDERFLOW_LEDGER_POSTGRES_URL;
	});

	it('refuses the embedded ledger and says to choose the PostgreSQL credential', async () => {
		const engine = await Engine.start();
		process.env.EXECUTIONS_MODE = 'queue';
		const execution = await engine.execute(fixture(__dirname, 'orders-gate'), {
			items: [order(1, '2026-11-22T10:00:00Z')],
		});
		const error = execution.nodeError('Dedupe Gate') as Error & { description?: string };
		expect(error.message).toMatch(/cannot be used in n8n queue mode \(EXECUTIONS_MODE is queue\)/);
		expect(error.description).toMatch(/ORDERFLOW_LEDGER_POSTGRES_URL/);
		expect(error.description).toMatch(/Orderflow Ledger credential \(PostgreSQL\)/);
	});

	it.each([
		['continueRegularOutput', 1],
		['continueErrorOutput', 2],
	] as const)(
		'with On Error %s, a gate that cannot use its ledger passes nothing as New: its items leave on output %d with the reason',
		async (onError, outputIndex) => {
			const engine = await Engine.start();
			process.env.EXECUTIONS_MODE = 'queue';
			const workflow = fixture(__dirname, 'orders-gate');
			const gate = workflow.nodes.find((node) => node.name === 'Dedupe Gate')!;
			Object.assign(gate, { onError });
			const execution = await engine.execute(workflow, {
				items: [order(7, '2026-11-22T10:00:00Z'), order(8, '2026-11-22T10:00:00Z')],
			});
			expect(execution.status).toBe('success');
			expect(execution.output('Dedupe Gate', 0)).toEqual([]);
			expect(execution.executedNodes).not.toContain('New orders');
			// n8n's error items: the reason, paired with the input item it stands for.
			const stopped = execution.items('Dedupe Gate', outputIndex);
			expect(stopped.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(stopped[0].json.error).toMatch(/cannot be used in n8n queue mode/);
		},
	);

	it('refuses it too when queue mode comes from EXECUTIONS_MODE_FILE', async () => {
		const engine = await Engine.start();
		const modeFile = path.join(mkdtempSync(path.join(tmpdir(), 'orderflow-mode-')), 'mode');
		writeFileSync(modeFile, 'queue\n');
		process.env.EXECUTIONS_MODE_FILE = modeFile;
		const execution = await engine.execute(fixture(__dirname, 'orders-gate'), {
			items: [order(1, '2026-11-22T10:00:00Z')],
		});
		expect(execution.nodeError('Dedupe Gate')?.message).toContain(
			`EXECUTIONS_MODE_FILE (${modeFile}) says queue`,
		);
	});

	it('keeps its keys in the shared ledger of ORDERFLOW_LEDGER_POSTGRES_URL when the node has no credential, queue mode or not', async () => {
		const schema = freshSchema('shared_env');
		const { host, port, database, user, password } = TEST_POSTGRES;
		process.env.ORDERFLOW_LEDGER_POSTGRES_URL = `postgres://${user}:${encodeURIComponent(password ?? '')}@${host}:${port}/${database}?schema=${schema}`;
		process.env.EXECUTIONS_MODE = 'queue';
		try {
			const engine = await Engine.start();
			const first = await engine.execute(fixture(__dirname, 'orders-gate'), {
				items: [order(4242, '2026-11-22T10:00:00Z')],
			});
			const again = await engine.execute(fixture(__dirname, 'orders-gate'), {
				items: [order(4242, '2026-11-22T10:00:00Z')],
			});
			expect(first.status).toBe('success');
			expect(again.executedNodes).not.toContain('New orders');
			const client = testPgClient();
			await client.connect();
			const { rows } = await client.query(
				`SELECT count(*)::int AS keys FROM "${schema}".dedupe_keys`,
			);
			await client.end();
			expect(rows[0].keys).toBe(1);
		} finally {
			await closeAllLedgers();
			await dropSchema(schema);
		}
	});
});

describe('Orderflow Ledger API credential test', () => {
	type CredentialTest = (
		this: unknown,
		credential: { data: Record<string, unknown> },
	) => Promise<{ status: string; message: string }>;

	it('connects and migrates a reachable PostgreSQL, and explains an unreachable one', async () => {
		const engine = await Engine.start();
		const nodeType = engine.nodeTypes.getByNameAndVersion(
			'n8n-nodes-orderflow.dedupeGate',
		) as unknown as {
			methods: { credentialTest: Record<string, CredentialTest> };
		};
		const test = nodeType.methods.credentialTest.orderflowLedgerConnectionTest;
		const schema = freshSchema('credential');
		try {
			const ok = await test.call({}, { data: { ...TEST_POSTGRES, ssl: 'disable', schema } });
			expect(ok).toEqual({ status: 'OK', message: 'Connected; the ledger holds 0 keys' });
			const refused = await test.call(
				{},
				{ data: { ...TEST_POSTGRES, port: 1, ssl: 'disable', schema } },
			);
			expect(refused.status).toBe('Error');
			expect(refused.message).toMatch(/Could not open the PostgreSQL ledger at 127.0.0.1:1\/test/);
		} finally {
			await dropSchema(schema);
		}
	});
});
