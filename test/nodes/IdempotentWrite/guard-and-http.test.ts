import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Engine } from '../../../harness';
import { sendJson, startLocalServer, type LocalServer } from '../../support/http-server';
import { fixture, withParameters } from '../../support/workflows';

describe('Idempotent Write: Begin/Complete around another node, and the Orderflow HTTP API credential', () => {
	let server: LocalServer;
	let engine: Engine;

	beforeEach(async () => {
		server = await startLocalServer((request, res) =>
			sendJson(
				res,
				request.headers['x-api-key'] === 'k-123' || request.url === '/wms' ? 201 : 401,
				{ received: true },
			),
		);
		engine = await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-guard-')),
			credentials: {
				Any: {
					type: 'orderflowHttpApi',
					data: {
						authentication: 'apiKey',
						apiKeyHeader: 'X-API-Key',
						apiKey: 'k-123',
						idempotencyHeader: 'Idempotency-Key',
						testUrl: '',
					},
				},
			},
		});
	});

	afterEach(async () => await server.close());

	it('Begin lets the guarded write happen once; later runs go to Already Done with the stored result', async () => {
		const workflow = withParameters(fixture(__dirname, 'guard'), 'Write to WMS', {
			url: `${server.url}/wms`,
		});
		const first = await engine.execute(workflow, { items: [{ id: 77 }] });
		expect(first.status).toBe('success');
		expect(first.output('Complete').map((item) => item.write)).toEqual([
			expect.objectContaining({ outcome: 'done', key: 'wms:order:77' }),
		]);
		const second = await engine.execute(workflow, { items: [{ id: 77 }] });
		expect(second.executedNodes).not.toContain('Write to WMS');
		expect(second.output('Already done').map((item) => item.write)).toEqual([
			expect.objectContaining({ outcome: 'done', replayed: true, response: { received: true } }),
		]);
		expect(server.requests.filter((request) => request.url === '/wms')).toHaveLength(1);
	});

	it('a run that began and died without completing leaves the write In Doubt after its lease, since the guarded write is not safe to repeat', async () => {
		const workflow = withParameters(fixture(__dirname, 'guard'), 'Write to WMS', {
			url: 'http://127.0.0.1:1/unreachable',
		});
		const begun = withParameters(workflow, 'Begin', {
			options: { lease: 'PT1S', maxElapsed: 'PT0.1S', timeout: 'PT0.1S' },
		});
		const crashed = await engine.execute(begun, { items: [{ id: 78 }] });
		expect(crashed.status).toBe('error');
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const retry = await engine.execute(begun, { items: [{ id: 78 }] });
		expect(retry.output('In doubt').map((item) => item.write)).toEqual([
			expect.objectContaining({ outcome: 'in-doubt' }),
		]);
	});

	it('authenticates any system with the Orderflow HTTP API credential and sends the idempotency key', async () => {
		const workflow = withParameters(fixture(__dirname, 'http-api'), 'Create sales order', {
			url: `${server.url}/hooks`,
		});
		const execution = await engine.execute(workflow, { items: [{ id: 5 }] });
		expect(execution.output('Done').map((item) => item.write)).toEqual([
			expect.objectContaining({ outcome: 'done', status: 201 }),
		]);
		const [sent] = server.requests;
		expect([sent.headers['x-api-key'], sent.headers['idempotency-key']]).toEqual([
			'k-123',
			'hook:5',
		]);
		await engine.execute(workflow, { items: [{ id: 5 }] });
		expect(server.requests).toHaveLength(1);
	});

	it('Shadow records the request it would send, sends nothing (no headers kept: they may hold secrets), and replays it', async () => {
		const workflow = withParameters(fixture(__dirname, 'http-api'), 'Create sales order', {
			url: `${server.url}/hooks`,
			options: { shadow: true },
		});
		const first = await engine.execute(workflow, { items: [{ id: 7 }] });
		const [write] = first.output('Done').map((item) => item.write as Record<string, unknown>);
		expect(write).toMatchObject({
			outcome: 'shadow',
			shadow: true,
			replayed: false,
			key: 'hook:7',
			request: { method: 'POST', url: `${server.url}/hooks` },
		});
		expect(JSON.stringify(write)).not.toContain('k-123');
		const again = await engine.execute(workflow, { items: [{ id: 7 }] });
		expect(again.output('Done').map((item) => item.write)).toEqual([
			expect.objectContaining({ outcome: 'shadow', replayed: true }),
		]);
		expect(server.requests).toHaveLength(0);
	});
});
