/**
 * The installer's trigger probe against a server that answers like n8n: 404 for a webhook it has
 * not registered, the trigger's own answer otherwise. A trigger counts as live only once it has
 * answered steadily; one that flips back to 404 (n8n retrying a failed activation) is not.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { TemplateNode } from '../../cli/install/templates';
import { deadTriggers } from '../../cli/install/trigger-probe';

const node = (
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	webhookId: string,
): TemplateNode => ({ name, type, parameters, webhookId });

describe('installer trigger probe', () => {
	let server: Server;
	let base: string;
	const seen: string[] = [];
	let flapping = 0;

	beforeAll(async () => {
		server = createServer((req, res) => {
			seen.push(`${req.method} ${req.url}`);
			if (req.url === '/form/refund-request-north' && req.method === 'GET')
				return void res.writeHead(401).end();
			if (req.url === '/webhook/support-desk-north' && req.method === 'GET')
				return void res.writeHead(401).end();
			// Registered, cleared, registered again: n8n retrying an activation that keeps failing.
			if (req.url === '/webhook/flapping/webhook')
				return void res.writeHead(flapping++ % 2 ? 404 : 401).end();
			res.writeHead(404).end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((resolve) => server.close(resolve)));

	it('names the triggers n8n has not registered, probes forms with GET, and does not trust one that flips', async () => {
		const nodes = [
			node(
				'Refund Request',
				'n8n-nodes-base.formTrigger',
				{ options: { path: 'refund-request-north' } },
				'f1',
			),
			node(
				'Desk',
				'n8n-nodes-base.webhook',
				{ path: 'support-desk-north', httpMethod: ['GET', 'POST'] },
				'w1',
			),
			node('Shopify Orders', 'n8n-nodes-orderflow.shopifyTrigger', {}, 'missing'),
			node('Flapping', 'n8n-nodes-orderflow.shopifyTrigger', {}, 'flapping'),
			node('Approval', 'n8n-nodes-orderflow.approvalCheckpoint', {}, 'a1'),
		];
		const dead = await deadTriggers(base, nodes, { timeoutMs: 1_500, steadyMs: 400, pauseMs: 100 });
		expect(dead.map((trigger) => trigger.node).sort()).toEqual(['Flapping', 'Shopify Orders']);
		expect(dead.find((trigger) => trigger.node === 'Shopify Orders')).toMatchObject({
			answer: '404',
			url: `${base}/webhook/missing/webhook`,
		});
		expect(seen).toContain('GET /form/refund-request-north');
		expect(seen).toContain('POST /webhook/missing/webhook');
		expect(seen.some((request) => request.includes('a1'))).toBe(false);
	});
});
