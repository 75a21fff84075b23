/**
 * What the intake benches post to: a published workflow "Orderflow Shopify Trigger (orders/create,
 * every delivery recorded in the ledger's inbox) → No Operation", its Shopify credential pointing
 * at the Shopify emulator, and the signed orders/create deliveries the emulator records (held,
 * never sent by it) for orders of five lines, about 5 KB each as a real orders/create is.
 */
import { randomUUID } from 'node:crypto';

import { seededStore } from '../sandbox/shopify/seed';
import { ShopifyEmulator } from '../sandbox/shopify/server';
import type { DeliveryRecord } from '../sandbox/shopify/webhooks';
import { importCredentials, importWorkflow, publishWorkflow } from '../scripts/n8n/real-n8n';
import { SHIP_TO_BERLIN } from '../harness';

export const INTAKE_WORKFLOW_ID = 'benchIntake00001';
export const INTAKE_SECRET = 'bench-intake-app-secret';
const TOKEN = 'shpat_bench_intake';
const LINES_PER_ORDER = 5;
const CREDENTIAL = { id: 'orderflow-shopify', name: 'Shopify Admin API' };

/** The shop the trigger subscribes at when the workflow is published; its deliveries are held for the bench to post. */
export async function startIntakeShop(): Promise<ShopifyEmulator> {
	const shop = await ShopifyEmulator.start({
		store: seededStore(),
		accessTokens: [TOKEN],
		appSecret: INTAKE_SECRET,
	});
	shop.webhooks.faults.reorder = true;
	return shop;
}

function intakeWorkflow(): unknown {
	return {
		id: INTAKE_WORKFLOW_ID,
		name: 'Bench: webhook intake',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			'Shopify Trigger': { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] },
		},
		nodes: [
			{
				id: randomUUID(),
				name: 'Shopify Trigger',
				type: 'n8n-nodes-orderflow.shopifyTrigger',
				typeVersion: 1,
				webhookId: randomUUID(),
				position: [0, 0],
				parameters: { topics: ['orders/create'], recordDeliveries: true },
				credentials: { shopifyAdminApi: CREDENTIAL },
			},
			{
				id: randomUUID(),
				name: 'No Operation',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
	};
}

/** The credential and the workflow, imported and published into a user folder (or the database `env` names) before n8n starts. */
export function importIntake(
	userFolder: string,
	shop: ShopifyEmulator,
	env: NodeJS.ProcessEnv = {},
): void {
	const credential = {
		...CREDENTIAL,
		type: 'shopifyAdminApi',
		data: {
			shopDomain: shop.url,
			accessToken: TOKEN,
			webhookSecret: INTAKE_SECRET,
			authentication: 'accessToken',
			apiVersion: '2026-10',
		},
	};
	importCredentials(userFolder, [credential], env);
	importWorkflow(userFolder, intakeWorkflow(), env);
	publishWorkflow(userFolder, INTAKE_WORKFLOW_ID, env);
}

/** The production webhook path (`/webhook/<id>/webhook`) the trigger subscribed with, once it has. */
export async function intakePath(shop: ShopifyEmulator, timeoutMs = 90_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const subscription = shop.webhooks.subscriptions.find((s) => s.topic === 'ORDERS_CREATE');
		if (subscription) return new URL(subscription.uri).pathname;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(
		`the Shopify Trigger did not subscribe to orders/create within ${timeoutMs / 1000} s`,
	);
}

/** `count` new orders: their signed orders/create deliveries, each with its own event id. */
export function signedDeliveries(shop: ShopifyEmulator, count: number): DeliveryRecord[] {
	const { store, webhooks } = shop;
	const from = webhooks.deliveries.length;
	const variants = store.variants.slice(0, LINES_PER_ORDER);
	for (let index = 0; index < count; index++) {
		store.createOrder({
			lines: variants.map((variant, line) => ({
				sku: variant.sku,
				quantity: 1 + ((index + line) % 3),
			})),
			shippingAddress: SHIP_TO_BERLIN,
		});
	}
	const fresh = webhooks.deliveries.slice(from);
	if (fresh.length !== count)
		throw new Error(`${count} orders made ${fresh.length} orders/create deliveries, not ${count}`);
	return fresh;
}
