/**
 * Attack: the remote a credential names answers a write or a read with a redirect to another
 * origin (a moved host, a hijacked DNS name, an open redirect). A write must never follow it —
 * not as the GET a 302 turns it into (recorded as Done though nothing was written), not as the
 * re-post a 307 asks for — and goes to Failed naming the Location. A read follows redirects
 * within its origin only. No bearer token, basic password, API key, OAuth2 client secret or body
 * ever reaches the other origin. Two loopback servers on two ports are the two origins.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { Engine, type ExecutionResult, type WorkflowJson } from '../../harness';
import { shipmentRequestInput, salesOrderInput } from '../support/contract';
import {
	redirect,
	sendJson,
	startLocalServer,
	type LocalServer,
	type ReceivedRequest,
} from '../support/http-server';
import { fixture, withParameters } from '../support/workflows';

const NODES = path.join(__dirname, '..', 'nodes');

const AUTH: Record<string, IDataObject> = {
	bearer: { authentication: 'bearer', token: 'secret-bearer-token' },
	basic: { authentication: 'basic', user: 'orderflow', password: 'secret-password' },
	apiKey: { authentication: 'apiKey', apiKeyHeader: 'X-API-Key', apiKey: 'secret-api-key' },
};

/** What arrived at the other origin: every request, with the credentials it carried. */
const arrivals = (server: LocalServer) =>
	server.requests.map((request) => ({
		method: request.method,
		url: request.url,
		authorization: request.headers.authorization,
		apiKey: request.headers['x-api-key'],
		body: request.body,
	}));

const credentialOf = (request: ReceivedRequest) =>
	request.headers.authorization ?? request.headers['x-api-key'];

describe('redirects answered to the ERP, 3PL and HTTP API nodes', () => {
	let remote: LocalServer;
	let elsewhere: LocalServer;
	let answer: (
		request: ReceivedRequest,
		res: Parameters<Parameters<typeof startLocalServer>[0]>[1],
	) => void;
	let engine: Engine;

	beforeEach(async () => {
		remote = await startLocalServer((request, res) => answer(request, res));
		// Answers everything as a success would look, so a followed request would pass for one.
		elsewhere = await startLocalServer((_request, res) =>
			sendJson(res, 200, { id: 'ELSEWHERE-1', items: [{ sku: 'ELSEWHERE' }], nextCursor: null }),
		);
		engine = await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-redirects-')),
		});
	});

	afterEach(async () => {
		await remote.close();
		await elsewhere.close();
	});

	const useCredential = (name: string, type: string, data: IDataObject) =>
		engine.credentials.set(name, {
			type,
			data: { baseUrl: remote.url, idempotencyHeader: 'Idempotency-Key', testUrl: '', ...data },
		});

	interface WriteCase {
		node: string;
		field: string;
		run: (auth: IDataObject, ref: string) => Promise<ExecutionResult>;
	}

	const writes: WriteCase[] = [
		{
			node: 'ERP Upsert Sales Order',
			field: 'erp',
			run: async (auth, ref) => {
				useCredential('ERP', 'orderflowErpApi', auth);
				const workflow = withParameters(fixture(path.join(NODES, 'Erp'), 'upsert'), 'ERP', {
					input: 'canonical',
				});
				return await engine.execute(workflow, { items: [salesOrderInput(ref) as IDataObject] });
			},
		},
		{
			node: '3PL Create Shipment Request',
			field: '3pl',
			run: async (auth, ref) => {
				useCredential('3PL', 'orderflowThreePlApi', auth);
				return await engine.execute(fixture(path.join(NODES, 'ThreePl'), 'create'), {
					items: [shipmentRequestInput(ref) as IDataObject],
				});
			},
		},
		{
			node: 'Idempotent Write with the Orderflow HTTP API credential',
			field: 'write',
			run: async (auth, ref) => {
				useCredential('Any', 'orderflowHttpApi', auth);
				const workflow = withParameters(
					fixture(path.join(NODES, 'IdempotentWrite'), 'http-api'),
					'Create sales order',
					{ url: '/hooks' },
				);
				return await engine.execute(workflow, { items: [{ id: ref }] });
			},
		},
	];

	describe.each(Object.keys(AUTH))('with %s credentials', (auth) => {
		describe.each(writes)('$node', ({ field, run }) => {
			it.each([301, 302, 303, 307, 308])(
				'a write answered %i to another origin goes to Failed naming the Location; nothing reaches that origin',
				async (status) => {
					const location = `${elsewhere.url}/taken-over`;
					answer = (request, res) =>
						request.method === 'GET'
							? sendJson(res, 200, { items: [], nextCursor: null })
							: redirect(res, status, location);
					const execution = await run(AUTH[auth], `redirect-${auth}-${status}`);

					expect(arrivals(elsewhere)).toEqual([]);
					expect(execution.output('Done')).toEqual([]);
					expect(execution.output('Failed').map((item) => item[field])).toEqual([
						expect.objectContaining({
							outcome: 'failed',
							status,
							error: expect.stringContaining(location),
						}),
					]);
					const writesSent = remote.requests.filter((request) => request.method !== 'GET');
					expect(writesSent).toHaveLength(1);
					expect(credentialOf(writesSent[0])).toBeDefined();
				},
			);
		});
	});

	describe.each(Object.keys(AUTH))('reads with %s credentials', (auth) => {
		const reads = [
			{
				node: 'ERP Get Many SKUs',
				path: '/skus',
				run: async () => (
					useCredential('ERP', 'orderflowErpApi', AUTH[auth]),
					await engine.execute(fixture(path.join(NODES, 'Erp'), 'skus'))
				),
			},
			{
				node: '3PL Get Many Shipment Requests',
				path: '/shipment-requests',
				run: async () => (
					useCredential('3PL', 'orderflowThreePlApi', AUTH[auth]),
					await engine.execute(fixture(path.join(NODES, 'ThreePl'), 'shipments'), {
						items: [{ orderRef: 'shopify:order:1' }],
					})
				),
			},
		];

		it.each(reads)(
			'$node: a redirect to another origin is not followed; the node fails naming the Location',
			async ({ run }) => {
				const location = `${elsewhere.url}/taken-over`;
				answer = (_request, res) => redirect(res, 302, location);
				const execution = await run();

				expect(arrivals(elsewhere)).toEqual([]);
				expect(execution.status).toBe('error');
				expect(execution.error?.message).toContain(location);
				expect(credentialOf(remote.requests[0])).toBeDefined();
			},
		);

		it.each(reads)(
			'$node: redirects within the origin are followed with the credential; one that then leaves it is not',
			async ({ run, path: listPath }) => {
				answer = (request, res) => {
					if (request.url.startsWith(listPath))
						return redirect(res, 301, request.url.replace(listPath, `/v2${listPath}`));
					if (request.url.startsWith(`/v2${listPath}`))
						return sendJson(res, 200, { items: [{ sku: 'A', id: 'SR-1' }], nextCursor: null });
					res.writeHead(404).end();
				};
				const followed = await run();
				expect(followed.status).toBe('success');
				expect(followed.output('Done')).toEqual([expect.objectContaining({ sku: 'A' })]);
				expect(
					remote.requests.map((request) => [
						request.url.split('?')[0],
						credentialOf(request) !== undefined,
					]),
				).toEqual([
					[listPath, true],
					[`/v2${listPath}`, true],
				]);

				answer = (request, res) =>
					redirect(
						res,
						307,
						request.url.startsWith('/v2') ? `${elsewhere.url}${request.url}` : `/v2${request.url}`,
					);
				const left = await run();
				expect(left.status).toBe('error');
				expect(left.error?.message).toContain(elsewhere.url);
				expect(arrivals(elsewhere)).toEqual([]);
			},
		);
	});

	it('the OAuth2 token request does not follow a redirect with the client secret', async () => {
		answer = (request, res) =>
			request.url === '/oauth/token'
				? redirect(res, 307, `${elsewhere.url}/oauth/token`)
				: sendJson(res, 201, { received: true });
		useCredential('Any', 'orderflowHttpApi', {
			authentication: 'oauth2',
			tokenUrl: `${remote.url}/oauth/token`,
			clientId: 'orderflow',
			clientSecret: 'secret-client-secret',
		});
		const workflow: WorkflowJson = withParameters(
			fixture(path.join(NODES, 'IdempotentWrite'), 'http-api'),
			'Create sales order',
			{ url: '/hooks' },
		);
		const execution = await engine.execute(workflow, { items: [{ id: 'oauth-redirect' }] });

		expect(arrivals(elsewhere)).toEqual([]);
		// No write leaves without its token.
		expect(new Set(remote.requests.map((request) => request.url))).toEqual(
			new Set(['/oauth/token']),
		);
		expect(execution.output('Done')).toEqual([]);
		expect(execution.output('Failed').map((item) => item.write)).toEqual([
			expect.objectContaining({
				outcome: 'failed',
				error: expect.stringContaining(`${elsewhere.url}/oauth/token`),
			}),
		]);
	});
});
