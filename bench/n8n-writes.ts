/**
 * The writing nodes inside real n8n, against the sandbox ERP (run by the bench, on a port of its
 * own): Idempotent Write posting canonical sales orders (`POST /sales-orders`, keyed by order and
 * version, as its test workflow does) and the ERP node's Sales Order upsert fed Shopify orders;
 * each "Webhook (respond when the last node finishes) → Split Out → the node", 100 new orders per
 * execution. Prints each node's time and the share of it the ERP spent answering: the ERP's own
 * time for the requests that arrived while the node ran (it runs in this process).
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ServerResponse } from 'node:http';

import { mapShopifyOrder } from '../core/contract/sales-order';
import type { ContractServer } from '../sandbox/contract/server';
import { startErpServer } from '../sandbox/erp/server';
import { restOrder } from '../sandbox/shopify/rest';
import { seededStore } from '../sandbox/shopify/seed';
import {
	importCredentials,
	importWorkflow,
	publishWorkflow,
	type N8nInstance,
} from '../scripts/n8n/real-n8n';
import { executionsOf, nodeSpan, passed, percentile, round } from './n8n-api';
import { benchWorkflow, type Contender } from './n8n-dedupe';

const ITEMS = 100;
const WARM_UP = 5;
const MEASURED = Number(process.env.BENCH_N8N_WRITE_EXECUTIONS ?? 30);
const ERP_CREDENTIAL = { id: 'benchErp', name: 'Bench ERP' };
const credentials = { orderflowErpApi: ERP_CREDENTIAL };

const CONTENDERS: Array<Contender & { input: 'canonical' | 'shopify' }> = [
	{
		label: 'idempotent write',
		workflowId: 'benchIdempotentWrite1',
		path: 'bench-idempotent-write',
		node: 'Idempotent Write',
		input: 'canonical',
		definition: {
			type: 'n8n-nodes-orderflow.idempotentWrite',
			typeVersion: 1,
			credentials,
			parameters: {
				mode: 'request',
				authentication: 'orderflowErpApi',
				method: 'POST',
				url: '/sales-orders',
				body: '={{ JSON.stringify($json) }}',
				headers: '{}',
				idempotencyKey: "={{ $json.externalRef + ':create:' + $json.sourceUpdatedAt }}",
				scope: 'erp',
				entity: '={{ $json.externalRef }}',
				options: {},
			},
		},
	},
	{
		label: 'erp upsert',
		workflowId: 'benchErpUpsert1',
		path: 'bench-erp-upsert',
		node: 'ERP',
		input: 'shopify',
		definition: {
			type: 'n8n-nodes-orderflow.erp',
			typeVersion: 1,
			credentials,
			parameters: {
				resource: 'salesOrder',
				operation: 'upsert',
				input: 'shopifyOrder',
				defaultEntity: 'DE01',
				entityRules: { rule: [{ entity: 'US01', shipToCountries: 'US, CA', channels: '' }] },
				checkSkus: true,
				currencies: 'EUR, USD',
			},
		},
	},
];

const shop = seededStore();
const ADDRESS = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	address1: 'Unter den Linden 1',
	city: 'Berlin',
	zip: '10117',
	countryCodeV2: 'DE',
};

/** One new Shopify order as its webhook payload, or as the canonical sales order it maps to. */
function newOrder(input: 'canonical' | 'shopify'): Record<string, unknown> {
	const order = shop.createOrder({
		lines: [
			{ sku: 'TSHIRT-RED-M', quantity: 2, taxRate: 0.19 },
			{ sku: 'TOTE-NAT', quantity: 1, taxRate: 0.19 },
		],
		shippingAddress: ADDRESS,
		customer: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
	});
	const payload = restOrder(shop, order) as Record<string, unknown>;
	if (input === 'shopify') return payload;
	const mapped = mapShopifyOrder(payload, { defaultEntity: 'DE01' });
	if (!mapped.ok) throw new Error(`a bench order does not map: ${mapped.reasons.join('; ')}`);
	return mapped.salesOrder as unknown as Record<string, unknown>;
}

/** When each ERP request started and finished (this process serves only the ERP). */
function erpRequests(): Array<[start: number, end: number]> {
	const served: Array<[number, number]> = [];
	const started = new WeakMap<ServerResponse, number>();
	subscribe('http.server.request.start', (message) =>
		started.set((message as { response: ServerResponse }).response, Date.now()),
	);
	subscribe('http.server.response.finish', (message) => {
		const start = started.get((message as { response: ServerResponse }).response);
		if (start !== undefined) served.push([start, Date.now()]);
	});
	return served;
}

/** Starts the ERP, gives n8n its credential and the two workflows; `run` measures, `close` stops the ERP. */
export async function prepareWritesBench(userFolder: string): Promise<{
	run(n8n: N8nInstance, apiKey: string): Promise<string[]>;
	close(): Promise<void>;
}> {
	const erp = await startErpServer({
		seed: {
			skus: shop.variants.map((variant) => ({ sku: variant.sku, description: variant.title })),
			inventory: [],
		},
	});
	importCredentials(userFolder, [
		{
			...ERP_CREDENTIAL,
			type: 'orderflowErpApi',
			data: {
				baseUrl: erp.url,
				authentication: 'bearer',
				token: 'erp-sandbox-token',
				idempotencyHeader: 'Idempotency-Key',
			},
		},
	]);
	for (const contender of CONTENDERS) {
		importWorkflow(userFolder, benchWorkflow(contender));
		publishWorkflow(userFolder, contender.workflowId);
	}
	return {
		run: async (n8n, apiKey) => await writesBench(n8n, apiKey, erp),
		close: () => erp.close(),
	};
}

async function deliver(n8n: N8nInstance, contender: Contender, body: unknown): Promise<void> {
	const response = await fetch(`${n8n.url}/webhook/${contender.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	await response.arrayBuffer();
	if (!response.ok) throw new Error(`${contender.node}: webhook answered HTTP ${response.status}`);
}

async function writesBench(
	n8n: N8nInstance,
	apiKey: string,
	erp: ContractServer,
): Promise<string[]> {
	const served = erpRequests();
	// Interleaved, so both see the same machine load at the same moment.
	for (let run = 0; run < WARM_UP + MEASURED; run++)
		for (const contender of CONTENDERS) {
			const orders = Array.from({ length: ITEMS }, () => newOrder(contender.input));
			await deliver(n8n, contender, { orders });
		}
	const lines: string[] = [];
	for (const contender of CONTENDERS) {
		const measured = (await executionsOf(n8n, apiKey, contender.workflowId)).slice(-MEASURED);
		// Every order booked: the times are of writes that happened.
		const wrong = measured.find((execution) => passed(execution, contender.node) !== ITEMS);
		if (wrong)
			throw new Error(
				`${contender.node} booked ${passed(wrong, contender.node)} of ${ITEMS} orders in execution ${wrong.id} (ERP at ${erp.url})`,
			);
		const spans = measured.map((execution) => nodeSpan(execution, contender.node));
		const remote = spans.map(({ start, ms }) =>
			served
				.filter(([begun]) => begun >= start && begun <= start + ms)
				.reduce((sum, [begun, end]) => sum + (end - begun), 0),
		);
		const times = spans.map((span) => span.ms);
		const share = remote.reduce((a, b) => a + b, 0) / times.reduce((a, b) => a + b, 0);
		lines.push(
			`${contender.label} node ms per ${ITEMS} items median: ${round(percentile(times, 0.5))}`,
			`${contender.label} node ms per ${ITEMS} items p90: ${round(percentile(times, 0.9))}`,
			`${contender.label} share answered by the erp %: ${round(share * 100)}`,
		);
	}
	lines.push(
		`write executions measured: ${MEASURED} per node (${ITEMS} new orders each, ${WARM_UP} warm-up runs excluded; the ERP's share is its own time for the requests made while the node ran)`,
	);
	return lines;
}
