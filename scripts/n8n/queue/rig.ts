/**
 * Sets up what the run needs, each piece registered for cleanup as soon as it exists: the
 * sandboxes (Shopify emulator holding its webhooks back, the ERP with its own idempotency
 * switched off, the egress sink), a fresh database, the order sync template published in it,
 * and the n8n processes.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { readTemplate } from '../../../harness';
import type { ContractServer } from '../../../sandbox/contract/server';
import { startErpServer } from '../../../sandbox/erp/server';
import { seededStore } from '../../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../../sandbox/shopify/server';
import {
	importCredentials,
	importWorkflow,
	prepareUserFolder,
	publishWorkflow,
	templateCredentials,
} from '../real-n8n';
import type { Cleanup } from './cleanup';
import { deleteRedisKeys } from './cleanup';
import {
	bullPrefix,
	ERP_TOKEN,
	ERP_WRITE_LATENCY_MS,
	MAIN_PORTS,
	mainEnv,
	redisKeyPrefix,
	SHOPIFY_SECRET,
	SHOPIFY_TOKEN,
	WORKER_CONCURRENCY,
	WEBHOOK_PORTS,
	webhookEnv,
	WORKER_PORTS,
	WORKFLOW_ID,
	workerEnv,
	type RunIdentity,
} from './config';
import { createDatabase, dropDatabase } from './database';
import { startEgressSink, type EgressSink } from './egress';
import { assertPortsFree, N8nProcess, processFolder, type ProcessSpec } from './processes';

export interface Sandboxes {
	shopify: ShopifyEmulator;
	erp: ContractServer;
	sink: EgressSink;
}

export async function startSandboxes(cleanup: Cleanup): Promise<Sandboxes> {
	const sink = await startEgressSink();
	cleanup.defer('egress sink', async () => await sink.close());
	const shopify = await ShopifyEmulator.start({
		store: seededStore(),
		accessTokens: [SHOPIFY_TOKEN],
		appSecret: SHOPIFY_SECRET,
	});
	cleanup.defer('Shopify emulator', async () => await shopify.close());
	// Held, never flushed: the emulator records each delivery and the flood sends it.
	shopify.webhooks.faults.reorder = true;
	// Idempotency off: only the Orderflow ledger stands between a retried create and a double booking.
	const erp = await startErpServer({
		seed: {
			skus: shopify.store.variants.map((v) => ({ sku: v.sku, description: v.title })),
			inventory: [],
		},
		idempotency: false,
	});
	cleanup.defer('ERP server', async () => await erp.close());
	erp.faults.add({
		method: 'POST',
		path: '/sales-orders',
		kind: 'latency',
		ms: ERP_WRITE_LATENCY_MS,
	});
	erp.faults.add({
		method: 'PUT',
		path: '/sales-orders/*',
		kind: 'latency',
		ms: ERP_WRITE_LATENCY_MS,
	});
	return { shopify, erp, sink };
}

export interface Folders {
	/** The user folder with this package installed, copied for each process. */
	prepared: string;
	/** Per-process user folders and their logs; kept after a failed run. */
	root: string;
	logs: string;
}

export function prepareFolders(cleanup: Cleanup): Folders {
	const prepared = prepareUserFolder();
	cleanup.defer('prepared user folder', () => rmSync(prepared, { recursive: true, force: true }));
	const root = mkdtempSync(path.join(tmpdir(), 'orderflow-queue-'));
	const logs = path.join(root, 'logs');
	mkdirSync(logs);
	return { prepared, root, logs };
}

export async function createRunDatabase(run: RunIdentity, cleanup: Cleanup): Promise<void> {
	await createDatabase(run);
	cleanup.defer(`database ${run.database}`, async () => await dropDatabase(run));
	cleanup.defer('Redis keys of the run', () =>
		deleteRedisKeys([bullPrefix(run), redisKeyPrefix(run)]),
	);
}

/** Credentials and the order sync template, unchanged but for its id, published before main starts. */
export function importOrderSync(
	folder: string,
	env: NodeJS.ProcessEnv,
	{ shopify, erp }: Sandboxes,
): void {
	importCredentials(
		folder,
		templateCredentials({
			shopify: {
				shopDomain: shopify.url,
				accessToken: SHOPIFY_TOKEN,
				webhookSecret: SHOPIFY_SECRET,
			},
			erp: { baseUrl: erp.url, token: ERP_TOKEN },
		}),
		env,
	);
	const workflow = readTemplate('order-sync.json');
	workflow.id = WORKFLOW_ID;
	importWorkflow(folder, workflow, env);
	publishWorkflow(folder, WORKFLOW_ID, env);
}

export class Processes {
	/** Every process this run spawned, crashed ones included: cleanup stops them all. */
	readonly all: N8nProcess[] = [];

	constructor(
		private readonly folders: Folders,
		private readonly env: NodeJS.ProcessEnv,
		cleanup: Cleanup,
	) {
		cleanup.defer('n8n processes', async () => {
			await Promise.all(this.all.map(async (process) => await process.stop()));
		});
	}

	/** Main's and the workers' ports, and those of the first `webhooks` webhook processes. */
	static async portsFree(webhooks = 0): Promise<void> {
		await assertPortsFree(
			[MAIN_PORTS, ...WORKER_PORTS, ...WEBHOOK_PORTS.slice(0, webhooks)].flatMap((ports) => [
				ports.http,
				ports.broker,
			]),
		);
	}

	spawn(spec: ProcessSpec): N8nProcess {
		const process = new N8nProcess(spec);
		this.all.push(process);
		return process;
	}

	mainSpec(): ProcessSpec {
		return {
			name: 'main',
			role: 'main',
			ports: MAIN_PORTS,
			args: ['start'],
			env: { ...this.env, ...mainEnv() },
			userFolder: this.folder('main'),
			logFile: this.logFile('main'),
		};
	}

	workerSpec(index: number): ProcessSpec {
		const name = `worker-${index + 1}`;
		const ports = WORKER_PORTS[index];
		return {
			name,
			role: 'worker',
			ports,
			args: ['worker', `--concurrency=${WORKER_CONCURRENCY}`],
			env: { ...this.env, ...workerEnv(ports) },
			userFolder: this.folder(name),
			logFile: this.logFile(name),
		};
	}

	/** An `n8n webhook` process: it serves /webhook/* and queues the executions for the workers. */
	webhookSpec(index: number): ProcessSpec {
		const name = `webhook-${index + 1}`;
		const ports = WEBHOOK_PORTS[index];
		if (!ports) throw new Error(`no ports set for webhook process ${index + 1}`);
		return {
			name,
			role: 'webhook',
			ports,
			args: ['webhook'],
			env: { ...this.env, ...webhookEnv(ports) },
			userFolder: this.folder(name),
			logFile: this.logFile(name),
		};
	}

	/** The same spec again after a crash: its folder and ports, a log of its own. */
	respawn(crashed: N8nProcess): N8nProcess {
		const name = `${crashed.name}-restarted`;
		return this.spawn({ ...crashed.spec, name, logFile: this.logFile(name) });
	}

	folder(name: string): string {
		return processFolder(this.folders.prepared, this.folders.root, name);
	}

	private logFile(name: string): string {
		return path.join(this.folders.logs, `${name}.log`);
	}
}

/** The topics the trigger subscribed at the emulator for main's production URL, once all three are there (or the time is up). */
export async function waitForSubscriptions(
	shopify: ShopifyEmulator,
	timeoutMs = 90_000,
): Promise<string[]> {
	const base = `http://127.0.0.1:${MAIN_PORTS.http}/webhook`;
	const topics = () =>
		shopify.webhooks.subscriptions
			.filter((subscription) => subscription.uri.startsWith(base))
			.map((subscription) => subscription.topic)
			.sort();
	const deadline = Date.now() + timeoutMs;
	// The trigger subscribes its topics one after another.
	while (topics().length < 3 && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 500));
	return topics();
}
