/**
 * Fault: the ERP or 3PL URL answers 2xx with something that is not JSON — a login page in front
 * of the API, a proxy's placeholder, a web server where the API used to be. A read fails with
 * an error saying what came back (status, content type, first characters), not a SyntaxError;
 * a write is not recorded as Done on it: the answer says nothing of whether it was applied.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { Engine } from '../../harness';
import { salesOrderInput, shipmentRequestInput } from '../support/contract';
import {
	sendJson,
	startLocalServer,
	type LocalServer,
	type ReceivedRequest,
} from '../support/http-server';
import { fixture, withParameters } from '../support/workflows';

const NODES = path.join(__dirname, '..', 'nodes');
const LOGIN_PAGE =
	'<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please sign in</body></html>';

describe('ERP and 3PL answers that are not JSON', () => {
	let remote: LocalServer;
	let answer: (
		request: ReceivedRequest,
		res: Parameters<Parameters<typeof startLocalServer>[0]>[1],
	) => void;
	let engine: Engine;

	const loginPage = (res: Parameters<typeof answer>[1]) => {
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(LOGIN_PAGE);
	};

	beforeEach(async () => {
		remote = await startLocalServer((request, res) => answer(request, res));
		engine = await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-not-json-')),
		});
	});

	afterEach(async () => await remote.close());

	const useCredential = (name: string, type: string, idempotencyHeader: string) =>
		engine.credentials.set(name, {
			type,
			data: { baseUrl: remote.url, authentication: 'bearer', token: 't', idempotencyHeader },
		});

	it.each([
		{
			node: 'ERP Get Many SKUs',
			credential: ['ERP', 'orderflowErpApi'],
			workflow: () => fixture(path.join(NODES, 'Erp'), 'skus'),
			items: [{}],
		},
		{
			node: '3PL Get Many Shipment Requests',
			credential: ['3PL', 'orderflowThreePlApi'],
			workflow: () => fixture(path.join(NODES, 'ThreePl'), 'shipments'),
			items: [{ orderRef: 'shopify:order:1' }],
		},
	])(
		'$node: a login page instead of JSON fails the read saying what came back',
		async ({ credential: [name, type], workflow, items }) => {
			answer = (_request, res) => loginPage(res);
			useCredential(name, type, 'Idempotency-Key');
			const execution = await engine.execute(workflow(), { items });

			expect(execution.status).toBe('error');
			const error = execution.error as Error & { description?: string; httpCode?: string };
			expect(error.message).not.toMatch(/Unexpected token|JSON at position|is not valid JSON/);
			expect(error.message).toMatch(
				/answered HTTP 200 with text\/html; charset=utf-8, not JSON: "<!DOCTYPE html> <html><head><title>Sign in/,
			);
			expect(error.description).toMatch(/Base URL/);
		},
	);

	it('ERP Upsert Sales Order: a login page answering the create is not Done; without dedupe it is In Doubt, and stays so', async () => {
		answer = (request, res) =>
			request.method === 'GET'
				? sendJson(res, 200, { items: [], nextCursor: null })
				: loginPage(res);
		useCredential('ERP', 'orderflowErpApi', '');
		const workflow = withParameters(fixture(path.join(NODES, 'Erp'), 'upsert'), 'ERP', {
			input: 'canonical',
		});
		const order = salesOrderInput('shopify:order:login-page') as IDataObject;

		for (const run of [1, 2]) {
			const execution = await engine.execute(workflow, { items: [order] });
			expect(execution.status).toBe('success');
			expect(execution.output('Done')).toEqual([]);
			const reason =
				run === 1
					? expect.stringMatching(
							/HTTP 200 with text\/html.*not JSON: "<!DOCTYPE html>.*may or may not have been applied/,
						)
					: expect.any(String);
			expect(execution.output('In doubt').map((item) => item.erp)).toEqual([
				expect.objectContaining({ outcome: 'in-doubt', reason }),
			]);
		}
		expect(remote.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
	});

	it('3PL Create Shipment Request: a login page answering the create is resent under the key the 3PL dedupes on; its JSON answer is Done', async () => {
		let posts = 0;
		answer = (_request, res) =>
			++posts === 1 ? loginPage(res) : sendJson(res, 201, { id: 'SR-000001', status: 'received' });
		useCredential('3PL', 'orderflowThreePlApi', 'Idempotency-Key');
		const execution = await engine.execute(fixture(path.join(NODES, 'ThreePl'), 'create'), {
			items: [shipmentRequestInput('shopify:fulfillment-order:login') as IDataObject],
		});

		expect(execution.output('Done').map((item) => item['3pl'])).toEqual([
			expect.objectContaining({
				outcome: 'done',
				response: { id: 'SR-000001', status: 'received' },
			}),
		]);
		const keys = remote.requests.map((request) => request.headers['idempotency-key']);
		expect(keys).toEqual([keys[0], keys[0]]);
	});
});
