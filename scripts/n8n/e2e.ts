/**
 * Part of `npm run test:n8n`: the templates in a real n8n 2.41.1. Every template imports; the
 * order sync template, published, subscribes itself at the Shopify emulator, and a signed
 * orders/create webhook delivered to real n8n's production URL becomes exactly one sales order
 * in the ERP reference server — and a repeated delivery adds none. An Approval Checkpoint waits
 * and is decided by two named approvers through their own links (approval-e2e.ts).
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { readTemplate, templateFiles } from '../../harness';
import { startErpServer } from '../../sandbox/erp/server';
import { seededStore } from '../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../sandbox/shopify/server';
import {
	APPROVAL_WORKFLOW_ID,
	approvalWorkflow,
	checkApprovals,
	startReceiver,
} from './approval-e2e';
import { checkDesk, DESK_LOGIN } from './desk-e2e';
import {
	importCredentials,
	importWorkflow,
	installN8n,
	n8nCli,
	N8N_VERSION,
	prepareUserFolder,
	publishWorkflow,
	startN8n,
	templateCredentials,
} from './real-n8n';

const SECRET = 'e2e-app-secret';
const PORT = 5690;
const ADDRESS = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	address1: 'Torstraße 1',
	city: 'Berlin',
	zip: '10119',
	countryCodeV2: 'DE',
};

async function until(
	what: string,
	condition: () => Promise<boolean>,
	timeoutMs = 60_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`timed out waiting for ${what}`);
}

async function main(): Promise<void> {
	installN8n();
	const shopify = await ShopifyEmulator.start({
		store: seededStore(),
		accessTokens: ['shpat_e2e'],
		appSecret: SECRET,
	});
	const erp = await startErpServer({
		seed: {
			skus: shopify.store.variants.map((v) => ({ sku: v.sku, description: v.title })),
			inventory: [],
		},
	});
	const receiver = await startReceiver();
	const userFolder = prepareUserFolder();
	const results: Array<[string, boolean, string?]> = [];
	try {
		// Only the order sync runs here: the warehouses' credentials just let the other templates import.
		importCredentials(
			userFolder,
			templateCredentials({
				shopify: { shopDomain: shopify.url, accessToken: 'shpat_e2e', webhookSecret: SECRET },
				erp: { baseUrl: erp.url, token: 'erp-sandbox-token' },
				desk: { user: DESK_LOGIN.username, password: DESK_LOGIN.password },
			}),
		);
		const templates = templateFiles();
		for (const [index, file] of templates.entries()) {
			const workflow = readTemplate(file);
			workflow.id = `orderflowTpl${String(index).padStart(4, '0')}`;
			try {
				importWorkflow(userFolder, workflow);
				results.push([`${file} imports`, true]);
			} catch (error) {
				results.push([
					`${file} imports`,
					false,
					String((error as { stderr?: string }).stderr ?? error).slice(-500),
				]);
			}
		}
		const exportFile = path.join(userFolder, 'exported-workflows.json');
		n8nCli(userFolder, ['export:workflow', '--all', `--output=${exportFile}`]);
		const exported = (
			JSON.parse(readFileSync(exportFile, 'utf8')) as Array<{
				id: string;
				nodes: Array<{ type: string }>;
			}>
		).filter((workflow) => workflow.id.startsWith('orderflowTpl'));
		const nodesKept = exported.every((workflow) =>
			workflow.nodes.some((node) => node.type.startsWith('n8n-nodes-orderflow.')),
		);
		results.push([
			`n8n holds all ${templates.length} templates with their Orderflow nodes`,
			exported.length === templates.length && nodesKept,
			`${exported.length} exported`,
		]);

		const orderSync = `orderflowTpl${String(templates.indexOf('order-sync.json')).padStart(4, '0')}`;
		publishWorkflow(userFolder, orderSync);
		publishWorkflow(
			userFolder,
			`orderflowTpl${String(templates.indexOf('support-desk.json')).padStart(4, '0')}`,
		);
		importWorkflow(userFolder, approvalWorkflow(receiver.url));
		publishWorkflow(userFolder, APPROVAL_WORKFLOW_ID);
		const n8n = await startN8n(userFolder, PORT);
		try {
			const base = `http://localhost:${PORT}/webhook/`;
			// The trigger subscribes its topics one after another: wait for all of them, then say what arrived.
			const subscribed = () =>
				shopify.webhooks.subscriptions
					.filter((subscription) => subscription.uri.startsWith(base))
					.map((subscription) => subscription.topic)
					.sort();
			await until(
				'the trigger to subscribe its three topics at Shopify',
				async () => subscribed().length >= 3,
			).catch(() => undefined);
			const topics = subscribed();
			results.push([
				'publishing subscribed orders/create, updated and cancelled',
				topics.join() === 'ORDERS_CANCELLED,ORDERS_CREATE,ORDERS_UPDATED',
				topics.join(),
			]);

			const order = shopify.store.createOrder({
				lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
				shippingAddress: ADDRESS,
			});
			const salesOrders = async () =>
				(
					(await (
						await fetch(`${erp.url}/sales-orders`, {
							headers: { authorization: 'Bearer erp-sandbox-token' },
						})
					).json()) as { items: Array<{ externalRef: string }> }
				).items;
			const ref = `shopify:order:${order.id.split('/').pop()}`;
			await until('the sales order', async () =>
				(await salesOrders()).some((salesOrder) => salesOrder.externalRef === ref),
			);
			await shopify.webhooks.idle();
			const delivery = shopify.webhooks.deliveries.find(
				(candidate) => candidate.topic === 'orders/create',
			)!;
			results.push([
				'a signed orders/create delivery was answered 200 by real n8n',
				delivery.attempts.some((attempt) => attempt.status === 200),
				JSON.stringify(delivery.attempts),
			]);

			// Shopify delivers the same webhook again (same event id, same signature).
			const repeat = await fetch(delivery.uri, {
				method: 'POST',
				headers: delivery.headers,
				body: delivery.body,
			});
			await new Promise((resolve) => setTimeout(resolve, 3000));
			const forged = await fetch(delivery.uri, {
				method: 'POST',
				headers: { ...delivery.headers, 'X-Shopify-Hmac-Sha256': 'AAAA' },
				body: delivery.body,
			});
			const booked = (await salesOrders()).filter((salesOrder) => salesOrder.externalRef === ref);
			results.push([
				'the repeated delivery was accepted and added no sales order',
				repeat.status === 200 && booked.length === 1,
				`HTTP ${repeat.status}, ${booked.length} sales orders`,
			]);
			results.push([
				'a delivery with a wrong signature is answered 401',
				forged.status === 401,
				`HTTP ${forged.status}`,
			]);
			results.push([
				'the order is tagged erp-synced in Shopify',
				shopify.store.order(order.id)!.tags.includes('erp-synced'),
				shopify.store.order(order.id)!.tags.join(),
			]);
			results.push(...(await checkApprovals(`http://localhost:${PORT}`, receiver, until)));

			// An order the ERP refuses (HTTP 422 once): an exception for the desk to show and acknowledge.
			await fetch(`${erp.url}/_control/faults`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify([
					{ method: 'POST', path: '/sales-orders', kind: 'status', status: 422, times: 1 },
				]),
			});
			const refused = shopify.store.createOrder({
				lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
				shippingAddress: ADDRESS,
			});
			await shopify.webhooks.idle();
			await until('the refused order’s exception', async () =>
				(
					await fetch(
						`http://localhost:${PORT}/webhook/support-desk?q=${encodeURIComponent(refused.name)}`,
						{
							headers: {
								authorization: `Basic ${Buffer.from(`${DESK_LOGIN.username}:${DESK_LOGIN.password}`).toString('base64')}`,
							},
						},
					).then(async (response) => await response.text())
				).includes('data-exception='),
			);
			results.push(
				...(await checkDesk(`http://localhost:${PORT}`, {
					booked: order.name,
					failed: refused.name,
				})),
			);
		} finally {
			await n8n.stop();
		}
	} finally {
		await shopify.close();
		await erp.close();
		await receiver.close();
	}
	for (const [what, pass, detail] of results)
		console.log(`${pass ? 'PASS' : 'FAIL'} ${what}${pass || !detail ? '' : `: ${detail}`}`);
	const failed = results.filter(([, pass]) => !pass).length;
	console.log(
		`n8n ${N8N_VERSION} templates end to end: ${results.length - failed} passed, ${failed} failed`,
	);
	if (failed) process.exitCode = 1;
	else rmSync(userFolder, { recursive: true, force: true });
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
