import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Engine, REPO_ROOT } from '../../harness';
import { sendJson, startLocalServer, type LocalServer } from '../support/http-server';
import { fixture, withParameters } from '../support/workflows';

describe('engine harness: n8n-core runs workflow JSON with the package loaded from package.json', () => {
	let engine: Engine;

	beforeAll(async () => {
		engine = await Engine.start();
	});

	it('registers every node and credential of package.json under the package name', () => {
		const types = engine.nodeTypes.typesOf('n8n-nodes-orderflow');
		const declared = (
			JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
				n8n: { nodes: string[]; credentials: string[] };
			}
		).n8n;
		// Each file's class, lower-camel-cased, is the type name (Shopify.node.js → n8n-nodes-orderflow.shopify).
		const typeName = (file: string) => {
			const base = path.basename(file).split('.')[0];
			return base[0].toLowerCase() + base.slice(1);
		};
		expect(types.nodes.sort()).toEqual(
			declared.nodes.map((file) => `n8n-nodes-orderflow.${typeName(file)}`).sort(),
		);
		expect(types.credentials.sort()).toEqual(declared.credentials.map(typeName).sort());
		expect(types.nodes).toEqual(
			expect.arrayContaining([
				'n8n-nodes-orderflow.shopify',
				'n8n-nodes-orderflow.shopifyTrigger',
				'n8n-nodes-orderflow.shopifyPollTrigger',
			]),
		);
		expect([types.nodes.length, types.credentials.length]).toEqual([
			declared.nodes.length,
			declared.credentials.length,
		]);
	});

	describe('webhook-started workflows', () => {
		const workflow = fixture(__dirname, 'webhook-set');

		it('starts from the Webhook node and answers with the last node (responseMode lastNode)', async () => {
			const call = await engine.webhook(workflow, {
				path: 'orders/created',
				method: 'POST',
				headers: { 'X-Shopify-Topic': 'orders/create' },
				body: { id: 5531, name: '#1001' },
			});
			expect(call.execution?.status).toBe('success');
			expect(call.execution?.output('Pick order')).toEqual([
				{ orderId: 5531, topic: 'orders/create' },
			]);
			expect(call.response.statusCode).toBe(200);
			expect(JSON.parse(call.response.body)).toEqual({ orderId: 5531, topic: 'orders/create' });
		});

		it('answers 404 and runs nothing for an unregistered path or method', async () => {
			const wrongPath = await engine.webhook(workflow, { path: 'orders/updated', body: {} });
			const wrongMethod = await engine.webhook(workflow, { path: 'orders/created', method: 'GET' });
			expect([wrongPath.response.statusCode, wrongMethod.response.statusCode]).toEqual([404, 404]);
			expect(wrongPath.execution).toBeUndefined();
			expect(wrongMethod.execution).toBeUndefined();
		});
	});

	describe('waiting executions', () => {
		it('puts a Wait-for-webhook execution to wait and resumes it through its resume URL', async () => {
			const waiting = await engine.execute(fixture(__dirname, 'wait-for-webhook'));
			expect(waiting.status).toBe('waiting');
			expect(waiting.executedNodes).not.toContain('Resumed');

			const resumed = await engine.resumeByWebhook(engine.resumeUrl(waiting), {
				method: 'POST',
				body: { decision: 'approved', approver: 'ops@example.com' },
			});
			expect(resumed.response.statusCode).toBe(200);
			expect(resumed.execution?.executionId).toBe(waiting.executionId);
			expect(resumed.execution?.status).toBe('success');
			expect(resumed.execution?.output('Resumed')[0].body).toEqual({
				decision: 'approved',
				approver: 'ops@example.com',
			});
		});

		it('refuses a resume URL with a wrong token and keeps the execution waiting', async () => {
			const waiting = await engine.execute(fixture(__dirname, 'wait-for-webhook'));
			const forged = engine.resumeUrl(waiting).replace(/signature=[0-9a-f]+/, 'signature=deadbeef');

			const refused = await engine.resumeByWebhook(forged, { body: { decision: 'approved' } });
			expect(refused.response.statusCode).toBe(401);
			expect(refused.execution).toBeUndefined();
			expect(engine.getExecution(waiting.executionId).status).toBe('waiting');

			const wrongMethod = await engine.resumeByWebhook(engine.resumeUrl(waiting), {
				method: 'GET',
			});
			expect(wrongMethod.response.statusCode).toBe(404);
			expect(engine.getExecution(waiting.executionId).status).toBe('waiting');
		});

		it('answers 409 to a second resume of an execution that already finished', async () => {
			const waiting = await engine.execute(fixture(__dirname, 'wait-for-webhook'));
			const first = await engine.resumeByWebhook(engine.resumeUrl(waiting), { body: { n: 1 } });
			const second = await engine.resumeByWebhook(engine.resumeUrl(waiting), { body: { n: 2 } });
			expect(first.execution?.status).toBe('success');
			expect(second.response.statusCode).toBe(409);
			expect(second.execution).toBeUndefined();
		});

		it('resumes a long timed wait by timer, as the wait tracker does', async () => {
			const waiting = await engine.execute(fixture(__dirname, 'wait-two-hours'));
			expect(waiting.status).toBe('waiting');
			const hours = ((waiting.waitTill?.getTime() ?? 0) - Date.now()) / 3_600_000;
			expect(hours).toBeGreaterThan(1.9);
			expect(hours).toBeLessThanOrEqual(2);

			const resumed = await engine.resumeByTimer(waiting.executionId);
			expect(resumed.status).toBe('success');
			expect(resumed.executedNodes).toContain('After the wait');
		});

		it('resumes an execution after the process restarted (a new engine on the same user folder)', async () => {
			const userFolder = mkdtempSync(path.join(tmpdir(), 'orderflow-restart-'));
			const before = await Engine.start({ userFolder });
			const waiting = await before.execute(fixture(__dirname, 'wait-for-webhook'));

			const after = await Engine.start({ userFolder });
			const resumed = await after.resumeByWebhook(
				after.resumeUrl(after.getExecution(waiting.executionId)),
				{
					body: { decision: 'rejected' },
				},
			);
			expect(resumed.execution?.status).toBe('success');
			expect(resumed.execution?.output('Resumed')[0].body).toEqual({ decision: 'rejected' });
		});
	});

	describe('polling triggers', () => {
		let feed: LocalServer;
		const entries: Array<{ title: string; date: Date }> = [
			{ title: 'Older order export', date: new Date(Date.now() - 86_400_000) },
		];

		beforeAll(async () => {
			feed = await startLocalServer((_request, res) => {
				res.writeHead(200, { 'content-type': 'application/rss+xml' });
				res.end(
					`<?xml version="1.0"?><rss version="2.0"><channel><title>Exports</title>${entries
						.map(
							(e) =>
								`<item><title>${e.title}</title><pubDate>${e.date.toUTCString()}</pubDate></item>`,
						)
						.join('')}</channel></rss>`,
				);
			});
		});

		afterAll(async () => await feed.close());

		it('runs a poll once per call and keeps its high-water mark in static data between polls', async () => {
			const workflow = withParameters(fixture(__dirname, 'rss-poll'), 'Feed', {
				feedUrl: `${feed.url}/feed.xml`,
			});

			expect(await engine.poll(workflow)).toBeUndefined();
			expect(engine.staticData(workflow)['node:Feed']).toEqual({
				lastItemDate: expect.any(String),
			});

			entries.push({ title: 'New order export', date: new Date(Date.now() + 60_000) });
			const execution = await engine.poll(workflow);
			expect(execution?.status).toBe('success');
			expect(execution?.output('New items').map((item) => item.title)).toEqual([
				'New order export',
			]);

			expect(await engine.poll(workflow)).toBeUndefined();
			expect(feed.requests).toHaveLength(3);
		});
	});
});

describe('engine harness: credentials are applied by their type definition', () => {
	let server: LocalServer;

	beforeAll(async () => {
		server = await startLocalServer((_request, res) => sendJson(res, 200, { ok: true }));
	});

	afterAll(async () => await server.close());

	it("sends the Shopify credential's X-Shopify-Access-Token header from n8n's HTTP Request node", async () => {
		const engine = await Engine.start({
			credentials: {
				Shop: {
					type: 'shopifyAdminApi',
					data: { shopDomain: server.url, accessToken: 'shpat_from_credential' },
				},
			},
		});
		const workflow = {
			name: 'HTTP Request with a predefined credential',
			nodes: [
				{
					id: 'c1',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0] as [number, number],
					parameters: {},
				},
				{
					id: 'c2',
					name: 'Call',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [200, 0] as [number, number],
					parameters: {
						url: `${server.url}/admin/api/2026-10/graphql.json`,
						method: 'POST',
						authentication: 'predefinedCredentialType',
						nodeCredentialType: 'shopifyAdminApi',
						sendBody: true,
						specifyBody: 'json',
						jsonBody: '{"query":"{ shop { name } }"}',
						options: {},
					},
					credentials: { shopifyAdminApi: { id: '1', name: 'Shop' } },
				},
			],
			connections: { Start: { main: [[{ node: 'Call', type: 'main' as const, index: 0 }]] } },
		};
		const execution = await engine.execute(workflow);
		expect(execution.status).toBe('success');
		expect(execution.output('Call')).toEqual([{ ok: true }]);
		expect(server.requests.at(-1)?.headers['x-shopify-access-token']).toBe('shpat_from_credential');
	});
});
