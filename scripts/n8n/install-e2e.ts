/**
 * Part of `npm run test:n8n`: the installer (`n8n-nodes-orderflow install`, run from the package
 * as n8n installed it) against a real n8n 2.41.1 through its public API. Two stores, each with
 * its own Shopify shop, ERP and desk login: every credential link intact, both copies published
 * side by side, each trigger subscribed at its own shop, an order in the second shop booked in
 * the second ERP only; a re-run updates in place; a dry run and an incomplete run change nothing;
 * a shadow install books nothing and records what it would book, and re-running it without
 * --shadow switches the same workflow live; no secret is ever printed.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

import { closedConnection } from '../../cli/install/n8n-api';
import { availableTemplates } from '../../cli/install/templates';
import { closeAllLedgers, defaultSqliteFile, getLedger } from '../../core/ledger';
import { startErpServer } from '../../sandbox/erp/server';
import { seededStore } from '../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../sandbox/shopify/server';
import { startThreePlServer } from '../../sandbox/three-pl/server';
import {
	createApiKey,
	installN8n,
	N8N_VERSION,
	ownerSession,
	prepareUserFolder,
	startN8n,
	type N8nInstance,
} from './real-n8n';

const PORT = 5692;
/** Every template the package ships: all are installed, all but the error workflow published. */
const TEMPLATES = availableTemplates().length;
const ADDRESS = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	address1: 'Torstraße 1',
	city: 'Berlin',
	zip: '10119',
	countryCodeV2: 'DE',
};
type Result = [string, boolean, string?];
type Stack = Awaited<ReturnType<typeof startStore>>;

interface PublicWorkflow {
	id: string;
	name: string;
	active: boolean;
	settings: { errorWorkflow?: string };
	nodes: Array<{
		name: string;
		type: string;
		webhookId?: string;
		disabled?: boolean;
		parameters?: { options?: { shadow?: boolean } };
		credentials?: Record<string, { id: string; name: string }>;
	}>;
}

async function startStore(store: string) {
	const secret = `${store}-app-secret`;
	const token = `shpat_${store}`;
	const shopify = await ShopifyEmulator.start({
		store: seededStore(),
		accessTokens: [token],
		appSecret: secret,
	});
	const erp = await startErpServer({
		bearerTokens: [`${store}-erp-token`],
		seed: {
			skus: shopify.store.variants.map((v) => ({ sku: v.sku, description: v.title })),
			inventory: [],
		},
	});
	const threePl = await startThreePlServer({ bearerTokens: [`${store}-3pl-token`] });
	const env = {
		ORDERFLOW_SHOPIFY_DOMAIN: shopify.url,
		ORDERFLOW_SHOPIFY_TOKEN: token,
		ORDERFLOW_SHOPIFY_WEBHOOK_SECRET: secret,
		ORDERFLOW_ERP_URL: erp.url,
		ORDERFLOW_ERP_TOKEN: `${store}-erp-token`,
		ORDERFLOW_WMS_URL: threePl.url,
		ORDERFLOW_WMS_TOKEN: `${store}-3pl-token`,
		ORDERFLOW_3PL_URL: threePl.url,
		ORDERFLOW_3PL_TOKEN: `${store}-3pl-token`,
		ORDERFLOW_DESK_USER: `desk-${store}`,
		ORDERFLOW_DESK_PASSWORD: `Desk-${store}-secret-1`,
	};
	const close = async () => {
		await shopify.close();
		await erp.close();
		await threePl.close();
	};
	return { store, shopify, erp, env, close };
}

/**
 * A GET, asked again once when the server had closed the kept-alive connection it went out on
 * (n8n closes idle ones after 5 s; the installer's runs leave ours idle longer).
 */
async function get(url: string, headers: Record<string, string>): Promise<Response> {
	try {
		return await fetch(url, { headers });
	} catch (error) {
		if (!closedConnection(error)) throw error;
		return await fetch(url, { headers });
	}
}

/**
 * The installer as a person runs it, in its own process. Not spawnSync: the Shopify emulators and
 * the ERPs live in this process and must keep answering n8n while the installer waits on it.
 */
async function runInstaller(
	cli: string,
	args: string[],
	env: Record<string, string>,
): Promise<{ status: number; output: string }> {
	const child = spawn(process.execPath, [cli, 'install', ...args], {
		env: { PATH: process.env.PATH, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
	const status = await new Promise<number>((resolve) =>
		child.on('close', (code) => resolve(code ?? -1)),
	);
	clearTimeout(timer);
	return { status, output };
}

async function publicApi<T>(n8n: N8nInstance, key: string, route: string): Promise<T> {
	const response = await get(`${n8n.url}/api/v1${route}`, { 'X-N8N-API-KEY': key });
	if (!response.ok)
		throw new Error(`GET ${route}: HTTP ${response.status} ${await response.text()}`);
	return (await response.json()) as T;
}

async function until(
	condition: () => Promise<boolean> | boolean,
	timeoutMs = 60_000,
): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await condition()) return true;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return false;
}

/** Every credential link of a store's workflows: to a credential that exists, of its type, named for the store. */
function checkLinks(
	store: string,
	workflows: PublicWorkflow[],
	credentials: Array<{ id: string; name: string; type: string }>,
): Result {
	const links = workflows.flatMap((workflow) =>
		workflow.nodes.flatMap((node) =>
			Object.entries(node.credentials ?? {}).map(([type, link]) => ({
				workflow: workflow.name,
				node: node.name,
				type,
				link,
			})),
		),
	);
	const broken = links.filter(
		({ type, link }) =>
			!credentials.some(
				(credential) =>
					credential.id === link.id &&
					credential.type === type &&
					credential.name === link.name &&
					credential.name.endsWith(` · ${store}`),
			),
	);
	return [
		`${store}: every credential link points at the store's own credential (${links.length - broken.length} of ${links.length})`,
		links.length >= 36 && broken.length === 0,
		JSON.stringify(broken.slice(0, 3)),
	];
}

async function checkStore(
	n8n: N8nInstance,
	key: string,
	stack: Stack,
	other: Stack,
): Promise<Result[]> {
	const all = (
		await publicApi<{ data: PublicWorkflow[] }>(
			n8n,
			key,
			'/workflows?limit=250&excludePinnedData=true',
		)
	).data;
	const workflows = all.filter((workflow) => workflow.name.endsWith(` · ${stack.store}`));
	const credentials = (
		await publicApi<{ data: Array<{ id: string; name: string; type: string }> }>(
			n8n,
			key,
			'/credentials?limit=250',
		)
	).data;
	const errorWorkflow = workflows.find((workflow) =>
		workflow.name.startsWith('Orderflow — Error workflow'),
	);
	const others = workflows.filter((workflow) => workflow !== errorWorkflow);
	const results: Result[] = [
		[
			`${stack.store}: all ${TEMPLATES} templates installed once`,
			workflows.length === TEMPLATES,
			workflows.map((workflow) => workflow.name).join('; '),
		],
		checkLinks(stack.store, workflows, credentials),
		[
			`${stack.store}: the ${TEMPLATES - 1} flows are published`,
			others.length === TEMPLATES - 1 && others.every((workflow) => workflow.active),
			others
				.filter((workflow) => !workflow.active)
				.map((workflow) => workflow.name)
				.join('; '),
		],
		[
			`${stack.store}: each flow names the store's error workflow`,
			Boolean(errorWorkflow) &&
				others.every((workflow) => workflow.settings.errorWorkflow === errorWorkflow!.id),
			others.map((workflow) => workflow.settings.errorWorkflow).join(),
		],
	];
	const base = `http://localhost:${PORT}/webhook/`;
	const hooks = workflows.flatMap((workflow) =>
		workflow.nodes
			.filter((node) => node.type === 'n8n-nodes-orderflow.shopifyTrigger')
			.map((node) => node.webhookId),
	);
	// Order sync's three topics, refunds/create, and split fulfillment's orders/paid and orders/cancelled.
	const topics = () =>
		stack.shopify.webhooks.subscriptions.filter((subscription) =>
			subscription.uri.startsWith(base),
		);
	await until(() => topics().length >= 6);
	const atShop = stack.shopify.webhooks.subscriptions.map(
		(subscription) => `${subscription.topic} ${subscription.uri}`,
	);
	results.push([
		`${stack.store}: its triggers subscribed at its own shop, on its own webhook URLs`,
		topics().length >= 6 &&
			topics().every((subscription) =>
				hooks.some((hook) => subscription.uri.includes(`/${hook}/`)),
			),
		`${atShop.length} at the shop: ${atShop.join('; ') || 'none'}; webhook ids ${hooks.join(', ')}`,
	]);
	const desk = `${n8n.url}/webhook/support-desk-${stack.store}`;
	const own = await get(desk, {
		authorization: `Basic ${Buffer.from(`${stack.env.ORDERFLOW_DESK_USER}:${stack.env.ORDERFLOW_DESK_PASSWORD}`).toString('base64')}`,
	});
	// n8n's Basic Auth answers 401 to any login but the credential's: here, the other store's desk login.
	const stranger = await get(desk, {
		authorization: `Basic ${Buffer.from(`${other.env.ORDERFLOW_DESK_USER}:${other.env.ORDERFLOW_DESK_PASSWORD}`).toString('base64')}`,
	});
	results.push([
		`${stack.store}: its support desk answers on its own path to its own login only, not the other store's`,
		own.status === 200 && stranger.status === 401,
		`own HTTP ${own.status}, other store's login HTTP ${stranger.status}`,
	]);
	const form = `${n8n.url}/form/refund-request-${stack.store}`;
	const formPage = await get(form, {
		authorization: `Basic ${Buffer.from(`${stack.env.ORDERFLOW_DESK_USER}:${stack.env.ORDERFLOW_DESK_PASSWORD}`).toString('base64')}`,
	});
	const formStranger = await get(form, {});
	const formHtml = await formPage.text();
	results.push([
		`${stack.store}: its refund request form answers on its own path, behind the desk login`,
		formPage.status === 200 && formHtml.includes('Refund request') && formStranger.status === 401,
		`HTTP ${formPage.status}, without login HTTP ${formStranger.status}`,
	]);
	return results;
}

/** What n8n's editor would show on each workflow whose triggers failed to activate (its REST API, as the owner). */
async function activationErrors(n8n: N8nInstance, key: string): Promise<string> {
	const session = await ownerSession(n8n);
	const workflows = (
		await publicApi<{ data: PublicWorkflow[] }>(
			n8n,
			key,
			'/workflows?limit=250&excludePinnedData=true',
		)
	).data;
	const errors = await Promise.all(
		workflows.map(
			async (workflow) =>
				`${workflow.name}: ${await (await get(`${n8n.url}/rest/active-workflows/error/${workflow.id}`, session)).text()}`,
		),
	);
	return errors.filter((line) => !/"data":null/.test(line)).join('\n');
}

async function salesOrders(stack: Stack): Promise<Array<{ externalRef: string }>> {
	const response = await get(`${stack.erp.url}/sales-orders`, {
		authorization: `Bearer ${stack.env.ORDERFLOW_ERP_TOKEN}`,
	});
	return ((await response.json()) as { items: Array<{ externalRef: string }> }).items;
}

/**
 * South's order sync installed with --shadow: an order is recorded as it would be booked and not
 * booked, not tagged; re-installed without --shadow, the same workflow books and tags the next one.
 */
async function shadowInstall(
	n8n: N8nInstance,
	key: string,
	cli: string,
	south: Stack,
	userFolder: string,
	outputs: string[],
): Promise<Result[]> {
	const args = [
		'--store',
		'south',
		'--templates',
		'order-sync',
		'--publish',
		'--alert-url',
		'http://127.0.0.1:9/alerts',
	];
	const env = { N8N_URL: n8n.url, N8N_API_KEY: key, ...south.env };
	const shadow = await runInstaller(cli, [...args, '--shadow'], env);
	outputs.push(shadow.output);
	const orderSync = async () =>
		(
			await publicApi<{ data: PublicWorkflow[] }>(
				n8n,
				key,
				'/workflows?limit=250&excludePinnedData=true',
			)
		).data.filter((workflow) => workflow.name === 'Orderflow — Order sync (Shopify → ERP) · south');
	const [installed, ...twins] = await orderSync();
	const node = (name: string) => installed?.nodes.find((candidate) => candidate.name === name);
	const results: Result[] = [
		[
			'south in shadow (--shadow): the ERP writes withheld, the Shopify tag switched off, named by the installer',
			shadow.status === 0 &&
				twins.length === 0 &&
				node('ERP Upsert Sales Order')?.parameters?.options?.shadow === true &&
				node('Tag Order Synced')?.disabled === true &&
				/shadow: Shopify writes switched off: Tag Order Synced/.test(shadow.output),
			`exit ${shadow.status}: ${shadow.output.slice(-800)}`,
		],
	];
	const ledger = await getLedger({ backend: 'sqlite', file: defaultSqliteFile({ userFolder }) });
	const shadowed = south.shopify.store.createOrder({
		lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 2 }],
		shippingAddress: ADDRESS,
	});
	const shadowRef = `shopify:order:${shadowed.id.split('/').pop()}`;
	const recorded = await until(async () =>
		(await ledger.shadowWrites({ scopes: ['erp'] })).some((write) => write.entity === shadowRef),
	);
	await south.shopify.webhooks.idle();
	results.push([
		'south in shadow: an order is recorded as the sales order it would book, not booked, not tagged',
		recorded &&
			!(await salesOrders(south)).some((salesOrder) => salesOrder.externalRef === shadowRef) &&
			!south.shopify.store.order(shadowed.id)!.tags.includes('erp-synced'),
		`recorded: ${recorded}`,
	]);
	const live = await runInstaller(cli, args, env);
	outputs.push(live.output);
	const [relive, ...relivedTwins] = await orderSync();
	const order = south.shopify.store.createOrder({
		lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
		shippingAddress: ADDRESS,
	});
	const ref = `shopify:order:${order.id.split('/').pop()}`;
	const booked = await until(
		async () =>
			(await salesOrders(south)).some((salesOrder) => salesOrder.externalRef === ref) &&
			south.shopify.store.order(order.id)!.tags.includes('erp-synced'),
	);
	results.push([
		'south re-installed without --shadow: the same workflow, live again, books and tags the next order',
		live.status === 0 && relive?.id === installed?.id && relivedTwins.length === 0 && booked,
		`exit ${live.status}, same workflow: ${relive?.id === installed?.id}, booked and tagged: ${booked}`,
	]);
	return results;
}

async function main(): Promise<void> {
	installN8n();
	const userFolder = prepareUserFolder();
	// The installer as n8n's community-package install put it on disk: the templates ship inside.
	const cli = path.join(
		userFolder,
		'.n8n',
		'nodes',
		'node_modules',
		'n8n-nodes-orderflow',
		'dist',
		'cli',
		'orderflow.js',
	);
	const north = await startStore('north');
	const south = await startStore('south');
	const results: Result[] = [];
	const outputs: string[] = [];
	const n8n = await startN8n(userFolder, PORT);
	try {
		const key = await createApiKey(n8n, 'orderflow installer');
		const common = { N8N_URL: n8n.url, N8N_API_KEY: key };
		const count = async () => ({
			workflows: (
				await publicApi<{ data: unknown[] }>(
					n8n,
					key,
					'/workflows?limit=250&excludePinnedData=true',
				)
			).data.length,
			credentials: (await publicApi<{ data: unknown[] }>(n8n, key, '/credentials?limit=250')).data
				.length,
		});

		const incomplete = await runInstaller(cli, ['--store', 'north'], {
			...common,
			ORDERFLOW_SHOPIFY_DOMAIN: north.env.ORDERFLOW_SHOPIFY_DOMAIN,
		});
		outputs.push(incomplete.output);
		const untouched = await count();
		results.push([
			'an install missing credential values stops before writing anything, naming what to give',
			incomplete.status === 1 &&
				/Nothing was installed/.test(incomplete.output) &&
				incomplete.output.includes('--erp-url') &&
				untouched.workflows === 0 &&
				untouched.credentials === 0,
			`exit ${incomplete.status}: ${incomplete.output.slice(0, 600)}`,
		]);

		const dryRun = await runInstaller(cli, ['--store', 'north', '--dry-run', '--publish'], {
			...common,
			...north.env,
		});
		outputs.push(dryRun.output);
		results.push([
			'a dry run says what it would create and creates nothing',
			dryRun.status === 0 &&
				(dryRun.output.match(/would create workflow/g) ?? []).length === TEMPLATES &&
				(await count()).workflows === 0,
			dryRun.output.slice(0, 600),
		]);

		const first = await runInstaller(
			cli,
			['--store', 'north', '--publish', '--alert-url', 'http://127.0.0.1:9/alerts'],
			{ ...common, ...north.env },
		);
		outputs.push(first.output);
		results.push([
			'north: installed and published (exit 0)',
			first.status === 0,
			first.output.slice(-1500),
		]);
		const afterFirst = await count();
		const again = await runInstaller(
			cli,
			['--store', 'north', '--publish', '--alert-url', 'http://127.0.0.1:9/alerts'],
			{ ...common, ...north.env },
		);
		outputs.push(again.output);
		const afterAgain = await count();
		results.push([
			'north again: every workflow and credential updated in place, nothing duplicated',
			again.status === 0 &&
				(again.output.match(/workflow "[^"]+" updated/g) ?? []).length === TEMPLATES &&
				afterAgain.workflows === afterFirst.workflows &&
				afterAgain.credentials === afterFirst.credentials,
			`${JSON.stringify(afterFirst)} → ${JSON.stringify(afterAgain)}; exit ${again.status}: ${again.output.slice(-800)}`,
		]);

		const second = await runInstaller(
			cli,
			['--store', 'south', '--publish', '--alert-url', 'http://127.0.0.1:9/alerts'],
			{ ...common, ...south.env },
		);
		outputs.push(second.output);
		results.push([
			'south: a second copy of every template published beside north’s (exit 0)',
			second.status === 0,
			second.output.slice(-1500),
		]);

		results.push(
			...(await checkStore(n8n, key, north, south)),
			...(await checkStore(n8n, key, south, north)),
		);
		if (results.some(([, pass]) => !pass))
			console.log(`n8n's activation errors: ${await activationErrors(n8n, key)}`);

		const order = south.shopify.store.createOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		const ref = `shopify:order:${order.id.split('/').pop()}`;
		const booked = await until(async () =>
			(await salesOrders(south)).some((salesOrder) => salesOrder.externalRef === ref),
		);
		results.push([
			'an order in south’s shop is booked in south’s ERP, and not in north’s',
			booked && !(await salesOrders(north)).some((salesOrder) => salesOrder.externalRef === ref),
			`south booked: ${booked}`,
		]);
		results.push(...(await shadowInstall(n8n, key, cli, south, userFolder, outputs)));

		const secrets = [north, south]
			.flatMap((stack) => [
				stack.env.ORDERFLOW_SHOPIFY_TOKEN,
				stack.env.ORDERFLOW_SHOPIFY_WEBHOOK_SECRET,
				stack.env.ORDERFLOW_ERP_TOKEN,
				stack.env.ORDERFLOW_3PL_TOKEN,
				stack.env.ORDERFLOW_DESK_PASSWORD,
			])
			.concat(key);
		const leaked = secrets.filter((secret) => outputs.some((output) => output.includes(secret)));
		results.push([
			'no run printed a secret (tokens, webhook secrets, passwords, the API key)',
			leaked.length === 0,
			`${leaked.length} leaked`,
		]);
	} finally {
		if (results.some(([, pass]) => !pass))
			console.log(`n8n's log, last lines:\n${n8n.log().slice(-6000)}`);
		await closeAllLedgers();
		await n8n.stop();
		await north.close();
		await south.close();
	}
	for (const [what, pass, detail] of results)
		console.log(`${pass ? 'PASS' : 'FAIL'} ${what}${pass || !detail ? '' : `: ${detail}`}`);
	const failed = results.filter(([, pass]) => !pass).length;
	console.log(`n8n ${N8N_VERSION} installer: ${results.length - failed} passed, ${failed} failed`);
	if (failed) process.exitCode = 1;
	else rmSync(userFolder, { recursive: true, force: true });
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
