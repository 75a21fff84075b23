/**
 * `npm run bench:trigger`: the Shopify Trigger's own work per delivery — HMAC check, the
 * processed-version check and the inbox record on the embedded ledger — timed around the node's
 * `webhook` method as n8n's engine calls it (n8n's own routing and the execution a new delivery
 * starts are not counted). 10,000 orders are booked first, so the ledger is not empty.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { INodeType, IWebhookFunctions } from 'n8n-workflow';

import { Engine } from '../harness';
import { signWebhook } from '../sandbox/shopify/webhooks';

const SECRET = 'bench-app-secret';
const STORED_ORDERS = Number(process.env.BENCH_STORED_ORDERS ?? 10_000);
const MEASURED = 1_000;
const PATH = '6a7e1b52-0c55-4a0e-9d55-5b1e0d7c2f01/webhook';
const TRIGGER_TYPE = 'n8n-nodes-orderflow.shopifyTrigger';

function workflow(skipProcessed: boolean) {
	return {
		id: 'benchTriggerWork',
		name: 'Trigger work',
		nodes: [
			{
				id: 'trigger',
				name: 'Shopify Orders',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0] as [number, number],
				webhookId: PATH.split('/')[0],
				parameters: {
					topics: ['orders/create', 'orders/updated'],
					skipProcessedVersions: skipProcessed,
					processedNamespace: 'shopify-orders',
				},
				credentials: { shopifyAdminApi: { id: 'shop', name: 'Shop' } },
			},
			{
				id: 'gate',
				name: 'Dedupe Gate',
				type: 'n8n-nodes-orderflow.dedupeGate',
				typeVersion: 1,
				position: [220, 0] as [number, number],
				parameters: {
					operation: 'checkAndClaim',
					keySource: 'shopifyOrderId',
					namespaceScope: 'shared',
					namespaceName: 'shopify-orders',
					mode: 'newerVersionWins',
					version: '={{ Date.parse($json.payload.updated_at) }}',
				},
			},
		],
		connections: {
			'Shopify Orders': { main: [[{ node: 'Dedupe Gate', type: 'main' as const, index: 0 }]] },
		},
		settings: { executionOrder: 'v1' as const },
	};
}

/** An orders/create body of about 5 KB, as Shopify sends one with a few lines. */
function orderBody(id: number): string {
	const line = (index: number) => ({
		id: id * 10 + index,
		sku: `SKU-${index}`,
		title: `Product ${index} with a longer title as shops have`,
		quantity: 1 + index,
		price: '19.90',
		price_set: { shop_money: { amount: '19.90', currency_code: 'EUR' } },
		tax_lines: [{ title: 'VAT', rate: 0.19, price: '3.18' }],
		properties: [{ name: 'gift', value: 'no' }],
	});
	return JSON.stringify({
		id,
		admin_graphql_api_id: `gid://shopify/Order/${id}`,
		name: `#${id}`,
		updated_at: '2026-12-01T10:00:00+01:00',
		created_at: '2026-12-01T10:00:00+01:00',
		note: 'x'.repeat(400),
		tags: '',
		line_items: [0, 1, 2, 3, 4, 5].map(line),
		shipping_address: { address1: 'Torstraße 1', city: 'Berlin', zip: '10119', country_code: 'DE' },
	});
}

type Call = (
	id: number,
	eventId: string,
	skipProcessed: boolean,
) => Promise<{ wallMs: number; cpuMs: number }>;

async function main(): Promise<void> {
	const userFolder = mkdtempSync(path.join(tmpdir(), 'orderflow-trigger-bench-'));
	process.env.N8N_USER_FOLDER = userFolder;
	const engine = await Engine.start({
		userFolder,
		credentials: {
			Shop: {
				type: 'shopifyAdminApi',
				data: {
					shopDomain: 'bench.myshopify.com',
					accessToken: 'shpat_bench',
					webhookSecret: SECRET,
				},
			},
		},
	});
	// Times the node's own webhook method, as the engine calls it.
	const trigger = engine.nodeTypes.getByNameAndVersion(TRIGGER_TYPE) as INodeType;
	const original = trigger.webhook!;
	// Wall time, and this process's CPU time (calls run one at a time, so it is the call's own,
	// and it holds when other programs load the machine).
	let last = { wallMs: 0, cpuMs: 0 };
	trigger.webhook = async function (this: IWebhookFunctions) {
		const started = performance.now();
		const cpu = process.cpuUsage();
		try {
			return await original.call(this);
		} finally {
			const used = process.cpuUsage(cpu);
			last = { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
		}
	};
	const call: Call = async (id, eventId, skipProcessed) => {
		const body = orderBody(id);
		const answer = await engine.webhook(workflow(skipProcessed), {
			path: PATH,
			headers: {
				'content-type': 'application/json',
				'x-shopify-topic': 'orders/create',
				'x-shopify-event-id': eventId,
				'x-shopify-hmac-sha256': signWebhook(body, SECRET),
			},
			rawBody: body,
		});
		if (answer.response.statusCode !== 200)
			throw new Error(`delivery ${eventId} answered ${answer.response.statusCode}`);
		return last;
	};
	try {
		for (let id = 1; id <= STORED_ORDERS; id++) await call(id, `e-${id}`, true);
		const measure = async (
			name: string,
			each: (index: number) => Promise<{ wallMs: number; cpuMs: number }>,
		) => {
			const samples: Array<{ wallMs: number; cpuMs: number }> = [];
			for (let index = 0; index < MEASURED; index++) samples.push(await each(index));
			const figure = (values: number[]) => {
				values.sort((a, b) => a - b);
				const at = (share: number) =>
					values[Math.min(values.length - 1, Math.floor(values.length * share))].toFixed(2);
				return `median ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms`;
			};
			console.log(
				`trigger work per delivery, ${name}: CPU ${figure(samples.map((s) => s.cpuMs))}; wall ${figure(samples.map((s) => s.wallMs))}`,
			);
		};
		console.log(`stored orders: ${STORED_ORDERS}; deliveries measured per case: ${MEASURED}`);
		await measure('new order (HMAC, check, recorded)', (i) =>
			call(STORED_ORDERS + 1 + i, `n-${i}`, true),
		);
		await measure('version already processed (answered, no execution)', (i) =>
			call(1 + i, `again-${i}`, true),
		);
		await measure('same event id again (inbox, check off)', (i) =>
			call(1 + i, `e-${1 + i}`, false),
		);
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
