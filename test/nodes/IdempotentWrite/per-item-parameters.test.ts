import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { Engine, type WorkflowJson } from '../../../harness';
import type { ContractServer } from '../../../sandbox/contract/server';
import { startErpServer } from '../../../sandbox/erp/server';
import { call, salesOrderInput } from '../../support/contract';
import { fixture, withParameters } from '../../support/workflows';

/**
 * The node reads what is fixed once per execution and what is an expression per item: each
 * item still gets its own URL, scope and options, and the ERP credential's token is sent on
 * every request of the run.
 */
describe('Idempotent Write: per-item parameters through the engine', () => {
	let erp: ContractServer;
	let engine: Engine;
	let workflow: WorkflowJson;

	beforeEach(async () => {
		erp = await startErpServer();
		engine = await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-write-items-')),
			credentials: {
				ERP: {
					type: 'orderflowErpApi',
					data: {
						baseUrl: erp.url,
						authentication: 'bearer',
						token: 'erp-sandbox-token',
						idempotencyHeader: 'Idempotency-Key',
					},
				},
			},
		});
		workflow = fixture(__dirname, 'create-sales-order');
	});

	afterEach(async () => await erp.close());

	const writes = (execution: Awaited<ReturnType<Engine['execute']>>, output: string) =>
		execution.output(output).map((entry) => entry.write as IDataObject);
	// The order to send under `order`, beside what the expressions read per item.
	const item = (externalRef: string, extra: IDataObject) =>
		({ order: salesOrderInput(externalRef), ...extra }) as IDataObject;
	const perItem = (parameters: IDataObject) =>
		withParameters(workflow, 'Create sales order', {
			body: '={{ JSON.stringify($json.order) }}',
			idempotencyKey: "={{ $json.order.externalRef + ':create' }}",
			entity: '={{ $json.order.externalRef }}',
			...parameters,
		});

	it('gives each item its own URL and scope when they are expressions, on one run', async () => {
		const execution = await engine.execute(
			perItem({ url: '={{ $json.path }}', scope: '={{ $json.system }}' }),
			{
				items: [
					item('shopify:order:1', { path: '/sales-orders', system: 'erp-eu' }),
					item('shopify:order:2', { path: '/no-such-route', system: 'erp-us' }),
					item('shopify:order:3', { path: '/sales-orders', system: 'erp-us' }),
				],
			},
		);
		expect(writes(execution, 'Done')).toEqual([
			expect.objectContaining({ entity: 'shopify:order:1', scope: 'erp-eu', status: 201 }),
			expect.objectContaining({ entity: 'shopify:order:3', scope: 'erp-us', status: 201 }),
		]);
		expect(writes(execution, 'Failed')).toEqual([
			expect.objectContaining({ entity: 'shopify:order:2', scope: 'erp-us', status: 404 }),
		]);
		const booked = await call<{ items: IDataObject[] }>(erp.url, 'GET', '/sales-orders');
		expect(booked.body.items.map((order) => order.externalRef)).toEqual([
			'shopify:order:1',
			'shopify:order:3',
		]);
	});

	it('reads an option that is an expression per item: only the item whose Timeout is not a duration fails', async () => {
		const continuing = perItem({
			options: { baseDelay: 'PT0.05S', timeout: '={{ $json.timeout }}' },
		});
		continuing.nodes.find((node) => node.name === 'Create sales order')!.onError =
			'continueRegularOutput';
		const execution = await engine.execute(continuing, {
			items: [
				item('shopify:order:1', { timeout: 'PT2S' }),
				item('shopify:order:2', { timeout: 'soon' }),
			],
		});
		expect(writes(execution, 'Done')).toEqual([
			expect.objectContaining({ entity: 'shopify:order:1', outcome: 'done' }),
		]);
		expect(execution.output('Failed')).toEqual([
			expect.objectContaining({ error: expect.stringMatching(/Timeout/) }),
		]);
	});
});
