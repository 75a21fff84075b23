/**
 * A published template between the Shopify emulator and the ERP reference server: webhooks reach
 * the template's production URL over HTTP (as n8n's web server hands them on), decision links
 * reach the waiting execution the same way, and every URL the template posts notifications or
 * exception reports to points at one local receiver. Used by the template tests and the demo.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { externalRefOf } from '../core/contract/sales-order';
import type { ContractServer } from '../sandbox/contract/server';
import { startErpServer, type ErpSeed } from '../sandbox/erp/server';
import { startThreePlServer, type ThreePlSeed } from '../sandbox/three-pl/server';
import { seededStore, stockRowsOf, warehouseStockOf } from '../sandbox/shopify/seed';
import { ShopifyEmulator } from '../sandbox/shopify/server';
import type { ShopifyStore } from '../sandbox/shopify/store';
import { decisionRequest } from './decision-link';
import { Engine, type WebhookCall } from './engine';
import type { ExecutionResult } from './execution-result';
import { erpCredentialOf, ownCreditMemos, ownSalesOrders, type StagingErp } from './staging-erp';
import { readTemplate, type WorkflowJson } from './workflow-json';

const SECRET = 'template-app-secret';

/** A German shipping address the ERP books (entity DE01). */
export const SHIP_TO_BERLIN = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	address1: 'Torstraße 1',
	city: 'Berlin',
	zip: '10119',
	countryCodeV2: 'DE',
};
const ERP_TOKEN = 'erp-sandbox-token';
const THREE_PL_TOKEN = '3pl-sandbox-token';

/**
 * What the warehouses hold: the in-house WMS ships Berlin's orders (BER), the 3PL Rotterdam's
 * (RTM), in step with Shopify — except that the WMS has fewer red M shirts than Shopify believes
 * (4 against 40): the drift that makes the split fulfillment template move lines.
 */
function warehouseStock(store: ShopifyStore): {
	wms: ThreePlSeed['stock'];
	threePl: ThreePlSeed['stock'];
} {
	return {
		wms: warehouseStockOf(store, 'BER').map((row) =>
			row.sku === 'TSHIRT-RED-M' ? { ...row, onHand: 4, available: 4 } : row,
		),
		threePl: warehouseStockOf(store, 'RTM'),
	};
}

/** The ERP's reference of a Shopify order: `shopify:order:<numeric id>`. */
export const orderRefOf = (order: { id: string }) => externalRefOf(order.id.split('/').pop()!);

/** Each named approver's notices go to the receiver at /<node>/<approver name>. */
function approversAt(approvers: unknown, base: string): IDataObject {
	const list = ((approvers as { approver?: IDataObject[] } | undefined)?.approver ?? []).map(
		(approver) => ({ ...approver, webhookUrl: `${base}/${String(approver.name)}` }),
	);
	return { approver: list };
}

/** The decision link of a Slack, Teams or JSON notice. */
function decisionLinkOf(body: IDataObject): string | undefined {
	const blocks = (body.blocks as Array<{ elements?: Array<{ url?: string }> }> | undefined) ?? [];
	const card = (
		body.attachments as Array<{ content?: { actions?: Array<{ url?: string }> } }> | undefined
	)?.[0]?.content;
	return (
		blocks.flatMap((block) => block.elements ?? []).find((element) => element.url)?.url ??
		card?.actions?.[0]?.url ??
		(typeof body.url === 'string' ? body.url : undefined)
	);
}

/** Decision links come from a browser: chat apps' link previews never decide. */
const BROWSER = {
	'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36',
	'content-type': 'application/x-www-form-urlencoded',
};

/** A shipment request as the warehouse reference servers hold it. */
export interface ShipmentRequest {
	id: string;
	externalRef: string;
	orderRef: string;
	warehouse: string;
	status: string;
	lines: Array<{ lineRef: string; sku: string; quantity: number }>;
}

/**
 * The nightly reconciliation template over [from, before) instead of yesterday: its Window node
 * holds the two instants every read takes.
 */
export function reconciliationOver(template: WorkflowJson, from: Date, before: Date): WorkflowJson {
	const workflow = structuredClone(template);
	const window = workflow.nodes.find((node) => node.name === 'Window');
	if (!window) throw new Error(`${template.name ?? 'The workflow'} has no Window node`);
	const instant = (name: string, at: Date) => ({
		id: name,
		name,
		value: at.toISOString(),
		type: 'string',
	});
	window.parameters = {
		...window.parameters,
		assignments: { assignments: [instant('from', from), instant('before', before)] },
	};
	return workflow;
}

export interface ReceivedMessage {
	path: string;
	body: IDataObject;
}

export interface TemplateRig {
	shopify: ShopifyEmulator;
	/** The ERP reference server, or a team's staging ERP (only its address, then). */
	erp: Pick<ContractServer, 'url'>;
	/** The in-house WMS (Berlin) and the 3PL (Rotterdam), both on the 3PL contract. */
	wms: ContractServer;
	threePl: ContractServer;
	engine: Engine;
	/** The first template (most rigs publish one). */
	workflow: WorkflowJson;
	workflows: WorkflowJson[];
	/** Every notification and exception report the template sent, with the path it went to. */
	messages: ReceivedMessage[];
	/** The bodies of the messages a node (its URL points at the receiver) sent. */
	sent(node: string): IDataObject[];
	/** Decides on the decision page of the last approval request `node` sent, as a person would; answers the HTTP status. */
	decide(
		node: string,
		decision: 'approve' | 'reject',
		approver: string,
		comment?: string,
	): Promise<number>;
	/** The shipment requests a warehouse (the WMS or the 3PL) holds, all or one order's. */
	shipmentRequests(server: ContractServer, orderRef?: string): Promise<ShipmentRequest[]>;
	/** The warehouse ships (part of) a request, as its staff would. */
	ship(server: ContractServer, request: ShipmentRequest, body?: IDataObject): Promise<void>;
	/** Waits until Shopify has delivered every webhook and the executions they started ended. */
	settle(): Promise<void>;
	/**
	 * Runs the first template again from its trigger `trigger` with the first delivery of `topic`
	 * Shopify made, as a re-drive or Shopify's retry would bring it; then settles.
	 */
	redeliver(topic: string, trigger?: string): Promise<ExecutionResult>;
	salesOrders(): Promise<IDataObject[]>;
	creditMemos(): Promise<IDataObject[]>;
	/** A call to a contract server's API (JSON): the ERP, the WMS or the 3PL. */
	call(
		server: Pick<ContractServer, 'url'>,
		method: string,
		apiPath: string,
		body?: unknown,
		headers?: Record<string, string>,
	): Promise<{ status: number; body: IDataObject }>;
	/** A call to the ERP reference server's API (JSON). */
	erpCall(
		method: string,
		apiPath: string,
		body?: unknown,
		headers?: Record<string, string>,
	): Promise<{ status: number; body: IDataObject }>;
	close(): Promise<void>;
}

async function listen(
	handler: (
		method: string,
		url: string,
		headers: IncomingHttpHeaders,
		body: string,
	) => Promise<{ status: number; headers?: Record<string, string>; body: string }>,
): Promise<{ server: Server; url: string }> {
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void handler(
				req.method ?? 'GET',
				req.url ?? '/',
				req.headers,
				Buffer.concat(chunks).toString('utf8'),
			).then((reply) => {
				res.writeHead(reply.status, reply.headers ?? { 'content-type': 'application/json' });
				res.end(reply.body);
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = async (server: Server) => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
};

export interface TemplateOptions {
	userFolder?: string;
	/** The ERP credential's idempotency header; empty: the ERP does not dedupe. */
	erpIdempotencyHeader?: string;
	/** The ERP's stock per SKU and location: none by default, or in step with Shopify's. */
	erpInventory?: ErpSeed['inventory'] | 'inStepWithShopify';
	/**
	 * A team's staging ERP instead of the reference server. This run's Shopify ids start after
	 * every earlier run's (from the clock), so its orders never meet another run's there.
	 */
	stagingErp?: StagingErp;
}

type Sandbox = Awaited<ReturnType<typeof startSandboxServers>>;

/** The shop, the ERP (reference or staging), the in-house WMS and the 3PL. */
async function startSandboxServers(options: TemplateOptions) {
	const shopify = await ShopifyEmulator.start({
		store: seededStore(),
		accessTokens: ['shpat_template'],
		appSecret: SECRET,
		webhookRetryBaseMs: 20,
	});
	const staging = options.stagingErp;
	if (staging) shopify.store.continueIdsFrom(Date.now());
	const skus = shopify.store.variants
		.filter((v) => v.sku !== 'TOTE-NAT')
		.map((v) => ({ sku: v.sku, description: v.title, barcode: v.barcode ?? null }));
	const inventory =
		options.erpInventory === 'inStepWithShopify'
			? stockRowsOf(shopify.store)
			: (options.erpInventory ?? []);
	const erp: Pick<ContractServer, 'url' | 'close'> = staging
		? { url: staging.url.replace(/\/+$/, ''), close: async () => undefined }
		: await startErpServer({ seed: { skus, inventory } });
	const stock = warehouseStock(shopify.store);
	const wms = await startThreePlServer({ seed: { stock: stock.wms } });
	const threePl = await startThreePlServer({ seed: { stock: stock.threePl } });
	return { shopify, erp, wms, threePl, staging };
}

/** The templates as published: every notifying node's URL pointed at the receiver. */
function preparedWorkflows(
	files: string | string[],
	urlNodes: string[],
	receiverUrl: string,
): WorkflowJson[] {
	return (Array.isArray(files) ? files : [files]).map((file) => {
		const workflow: WorkflowJson = {
			...readTemplate(file),
			id: `template${path.basename(file).replace(/\W/g, '')}`,
		};
		for (const node of workflow.nodes.filter((candidate) => urlNodes.includes(candidate.name))) {
			const approval = node.type.endsWith('approvalCheckpoint');
			node.parameters = {
				...node.parameters,
				[approval ? 'notifyUrl' : 'url']: `${receiverUrl}/${node.name}`,
			};
			if (approval)
				node.parameters.approvers = approversAt(
					node.parameters.approvers,
					`${receiverUrl}/${node.name}`,
				) as INodeParameters;
		}
		return workflow;
	});
}

/** n8n's web server in front of the engine: production webhooks and decision links over HTTP. */
async function n8nFront(engines: Engine[], workflows: WorkflowJson[]) {
	// A production webhook path starts with its trigger's webhook id: that names the workflow.
	const workflowOf = (webhookPath: string) =>
		workflows.find((workflow) =>
			workflow.nodes.some((node) => node.webhookId && webhookPath.startsWith(node.webhookId)),
		) ?? workflows[0];
	return await listen(async (method, url, headers, body) => {
		const [engine] = engines;
		const request = { method, headers: headers as Record<string, string>, rawBody: body };
		const webhookPath = url.replace(/^\/webhook\//, '');
		const call: WebhookCall = url.startsWith('/webhook-waiting/')
			? await engine.resumeByWebhook(url, request)
			: await engine.webhook(workflowOf(webhookPath), { ...request, path: webhookPath });
		return {
			status: call.response.statusCode,
			headers: call.response.headers,
			body: call.response.body,
		};
	});
}

/** The credentials the templates name, pointed at the sandbox (the ERP's at the staging ERP when given). */
function rigCredentials(
	{ shopify, erp, wms, threePl, staging }: Sandbox,
	options: TemplateOptions,
) {
	const warehouse = (url: string) => ({
		type: 'orderflowThreePlApi',
		data: {
			baseUrl: url,
			authentication: 'bearer',
			token: THREE_PL_TOKEN,
			idempotencyHeader: 'Idempotency-Key',
		},
	});
	return {
		'Shopify Admin API': {
			type: 'shopifyAdminApi',
			data: { shopDomain: shopify.url, accessToken: 'shpat_template', webhookSecret: SECRET },
		},
		ERP: {
			type: 'orderflowErpApi',
			data: staging
				? erpCredentialOf(staging)
				: {
						baseUrl: erp.url,
						authentication: 'bearer',
						token: ERP_TOKEN,
						idempotencyHeader: options.erpIdempotencyHeader ?? 'Idempotency-Key',
					},
		},
		'In-house WMS': warehouse(wms.url),
		'3PL': warehouse(threePl.url),
	};
}

/**
 * Starts the sandbox and publishes `workflows/<file>` (or the file at an absolute path; several
 * templates share one sandbox); `urlNodes` are the nodes whose target URL becomes the receiver.
 */
export async function startTemplate(
	files: string | string[],
	urlNodes: string[],
	options: TemplateOptions = {},
): Promise<TemplateRig> {
	const sandbox = await startSandboxServers(options);
	const messages: ReceivedMessage[] = [];
	const receiver = await listen(async (_method, url, _headers, body) => {
		messages.push({ path: decodeURIComponent(url), body: JSON.parse(body || '{}') as IDataObject });
		return { status: 200, body: '{"ok":true}' };
	});
	const workflows = preparedWorkflows(files, urlNodes, receiver.url);
	const engines: Engine[] = [];
	const n8nHttp = await n8nFront(engines, workflows);
	const engine = await Engine.start({
		userFolder: options.userFolder ?? mkdtempSync(path.join(tmpdir(), 'orderflow-template-')),
		baseUrl: n8nHttp.url,
		credentials: rigCredentials(sandbox, options),
	});
	engines.push(engine);
	const closeAll = async () => {
		for (const server of [sandbox.shopify, sandbox.erp, sandbox.wms, sandbox.threePl])
			await server.close();
		await close(receiver.server);
		await close(n8nHttp.server);
	};
	try {
		for (const workflow of workflows) await engine.activate(workflow);
	} catch (error) {
		// Servers left listening would keep the test process alive after the failure is reported.
		await closeAll();
		throw error;
	}
	return rigApi(sandbox, engine, workflows, messages, closeAll);
}

/** What tests and the demo do with a started rig. */
function rigApi(
	sandbox: Sandbox,
	engine: Engine,
	workflows: WorkflowJson[],
	messages: ReceivedMessage[],
	closeAll: () => Promise<void>,
): TemplateRig {
	const { shopify, erp, wms, threePl } = sandbox;
	const settle = async () => await shopify.webhooks.idle();
	return {
		shopify,
		erp,
		wms,
		threePl,
		engine,
		workflow: workflows[0],
		workflows,
		messages,
		settle,
		...contractCalls(sandbox),
		...people(messages, settle),
		redeliver: async (topic, trigger = 'Shopify Orders') => {
			const delivery = shopify.webhooks.deliveries.find((candidate) => candidate.topic === topic);
			if (!delivery) throw new Error(`Shopify made no ${topic} delivery`);
			const item = {
				topic: delivery.topic,
				eventId: delivery.eventId,
				payload: JSON.parse(delivery.body) as IDataObject,
			};
			const execution = await engine.execute(workflows[0], { startNode: trigger, items: [item] });
			await settle();
			return execution;
		},
		close: closeAll,
	};
}

/** Calls to the ERP and the warehouses, signed in as the templates are. */
function contractCalls({
	shopify,
	erp,
	staging,
}: Sandbox): Pick<
	TemplateRig,
	'call' | 'erpCall' | 'salesOrders' | 'creditMemos' | 'shipmentRequests' | 'ship'
> {
	const erpAuthorization = staging?.authorization ?? `Bearer ${ERP_TOKEN}`;
	const call = async (
		server: Pick<ContractServer, 'url'>,
		method: string,
		apiPath: string,
		body?: unknown,
		headers: Record<string, string> = {},
	) => {
		const response = await fetch(`${server.url}${apiPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				authorization: server === erp ? erpAuthorization : `Bearer ${THREE_PL_TOKEN}`,
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: (text ? JSON.parse(text) : {}) as IDataObject };
	};
	const erpCall = async (
		method: string,
		apiPath: string,
		body?: unknown,
		headers: Record<string, string> = {},
	) => await call(erp, method, apiPath, body, headers);
	const list = async (apiPath: string) =>
		(await erpCall('GET', apiPath)).body.items as IDataObject[];
	return {
		call,
		erpCall,
		salesOrders: async () =>
			staging ? await ownSalesOrders(erpCall, shopify.store) : await list('/sales-orders'),
		creditMemos: async () =>
			staging ? await ownCreditMemos(erpCall, shopify.store) : await list('/credit-memos'),
		shipmentRequests: async (server, orderRef) =>
			(
				await call(
					server,
					'GET',
					`/shipment-requests${orderRef ? `?orderRef=${encodeURIComponent(orderRef)}` : ''}`,
				)
			).body.items as unknown as ShipmentRequest[],
		ship: async (server, request, body = {}) => {
			const answer = await call(
				server,
				'POST',
				`/_control/shipment-requests/${request.id}/ship`,
				body,
			);
			if (answer.status !== 200)
				throw new Error(
					`The warehouse could not ship ${request.id}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`,
				);
		},
	};
}

/** What the people the templates notify receive, and their decisions on the decision page. */
function people(
	messages: ReceivedMessage[],
	settle: () => Promise<void>,
): Pick<TemplateRig, 'sent' | 'decide'> {
	return {
		// An approval node's notices to its named approvers arrive at /<node>/<approver>.
		sent: (node) =>
			messages
				.filter((message) => message.path === `/${node}` || message.path.startsWith(`/${node}/`))
				.map((message) => message.body),
		decide: async (node, decision, approver, comment = `${decision}d`) => {
			const own =
				messages.filter((message) => message.path === `/${node}/${approver}`).at(-1) ??
				messages.filter((message) => message.path === `/${node}`).at(-1);
			const link = own && decisionLinkOf(own.body);
			if (!link) throw new Error(`${node} sent no decision link to ${approver}`);
			const { target, body } = decisionRequest(link, {
				action: 'decide',
				decision,
				comment,
				approver,
			});
			const response = await fetch(target, { method: 'POST', headers: BROWSER, body });
			await settle();
			return response.status;
		},
	};
}
