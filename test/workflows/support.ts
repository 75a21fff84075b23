import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Engine, type WorkflowJson } from '../../harness';
import type { ContractServer } from '../../sandbox/contract/server';
import { startErpServer } from '../../sandbox/erp/server';
import { seededStore } from '../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../sandbox/shopify/server';
import { call } from '../support/contract';
import { startLocalServer, type LocalServer } from '../support/http-server';
import { withParameters } from '../support/workflows';

const SECRET = 'template-app-secret';
export const ADDRESS = { firstName: 'Ada', lastName: 'Lovelace', address1: 'Torstraße 1', city: 'Berlin', zip: '10119', countryCodeV2: 'DE' };

export interface TemplateRig {
	shopify: ShopifyEmulator;
	erp: ContractServer;
	/** Receives every notification and exception report the template sends. */
	messages: LocalServer;
	engine: Engine;
	workflow: WorkflowJson;
	/** Waits until Shopify has delivered every webhook and the executions they started ended. */
	settle(): Promise<void>;
	salesOrders(): Promise<IDataObject[]>;
	close(): Promise<void>;
}

/**
 * A published template between the Shopify emulator and the ERP reference server: webhooks
 * reach the template's production URL over HTTP (as n8n's web server would hand them on), and
 * every URL the template posts notifications to points at one local receiver.
 */
export async function startTemplate(file: string, urlNodes: string[]): Promise<TemplateRig> {
	const shopify = await ShopifyEmulator.start({ store: seededStore(), accessTokens: ['shpat_template'], appSecret: SECRET, webhookRetryBaseMs: 20 });
	const erp = await startErpServer({ seed: { skus: shopify.store.variants.filter((v) => v.sku !== 'TOTE-NAT').map((v) => ({ sku: v.sku, description: v.title })), inventory: [] } });
	const messages = await startLocalServer((_request, response) => {
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end('{"ok":true}');
	});
	let workflow: WorkflowJson = { ...(JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'workflows', file), 'utf8')) as WorkflowJson), id: `template${file.replace(/\W/g, '')}` };
	for (const name of urlNodes) {
		const parameter: INodeParameters = workflow.nodes.find((node) => node.name === name)?.type.endsWith('approvalCheckpoint') ? { notifyUrl: `${messages.url}/${name}` } : { url: `${messages.url}/${name}` };
		workflow = withParameters(workflow, name, parameter);
	}
	const engines: Engine[] = [];
	const bridge = await startLocalServer((request, response) => {
		const [engine] = engines;
		const forward = request.url.startsWith('/webhook-waiting/')
			? engine.resumeByWebhook(request.url, { method: request.method, headers: request.headers as Record<string, string>, rawBody: request.body })
			: engine.webhook(workflow, { path: request.url.replace(/^\/webhook\//, ''), method: request.method, headers: request.headers as Record<string, string>, rawBody: request.body });
		void forward.then((result) => {
			response.writeHead(result.response.statusCode, result.response.headers);
			response.end(result.response.body);
		});
	});
	const engine = await Engine.start({
		userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-template-')),
		baseUrl: bridge.url,
		credentials: {
			'Shopify Admin API': { type: 'shopifyAdminApi', data: { shopDomain: shopify.url, accessToken: 'shpat_template', webhookSecret: SECRET } },
			ERP: { type: 'orderflowErpApi', data: { baseUrl: erp.url, authentication: 'bearer', token: 'erp-sandbox-token', idempotencyHeader: 'Idempotency-Key' } },
		},
	});
	engines.push(engine);
	await engine.activate(workflow);
	return {
		shopify,
		erp,
		messages,
		engine,
		workflow,
		settle: async () => await shopify.webhooks.idle(),
		salesOrders: async () => (await call<{ items: IDataObject[] }>(erp.url, 'GET', '/sales-orders')).body.items,
		close: async () => {
			await shopify.close();
			await erp.close();
			await messages.close();
			await bridge.close();
		},
	};
}
