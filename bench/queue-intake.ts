/**
 * `npm run bench:queue-intake`: webhook intake of real n8n 2.41.1 in queue mode (Redis,
 * PostgreSQL for n8n and the Orderflow ledger, two workers running the executions), first with
 * the main alone taking the deliveries, then with one and two `n8n webhook` processes beside it,
 * the deliveries spread round-robin over their ports as a load balancer would. Each setup gets
 * its own fresh signed orders/create deliveries; every one answered 2xx must be in the inbox.
 * Ports: the queue rig's (main 5700, workers 5710 and 5720, webhook processes 5702 and 5704),
 * moved by ORDERFLOW_QUEUE_PORT_OFFSET to run beside another run.
 */
import { rmSync } from 'node:fs';

import { installN8n, N8N_VERSION } from '../scripts/n8n/real-n8n';
import { Cleanup } from '../scripts/n8n/queue/cleanup';
import { runIdentity, sharedEnv, type RunIdentity } from '../scripts/n8n/queue/config';
import { executionStatuses, inboxEventIds } from '../scripts/n8n/queue/database';
import { startEgressSink } from '../scripts/n8n/queue/egress';
import type { N8nProcess } from '../scripts/n8n/queue/processes';
import {
	createRunDatabase,
	prepareFolders,
	Processes,
	type Folders,
} from '../scripts/n8n/queue/rig';
import { assertRecorded, intakeLines, meanBodyBytes, postDeliveries } from './intake-client';
import {
	importIntake,
	INTAKE_WORKFLOW_ID,
	intakePath,
	signedDeliveries,
	startIntakeShop,
} from './intake-shop';
import { INTAKE_CLIENTS, INTAKE_DELIVERIES, INTAKE_WARM_UP, LAZY_ISOLATE_ENV } from './n8n-intake';

const WEBHOOK_PROCESSES = 2;
const WORKERS = 2;

function log(message: string): void {
	console.log(`[queue-intake] ${message}`);
}

interface Rig {
	identity: RunIdentity;
	shop: Awaited<ReturnType<typeof startIntakeShop>>;
	main: N8nProcess;
	webhooks: N8nProcess[];
	/** The same webhook processes with the lazy isolate, for the flash-sale deployment. */
	lazyWebhooks: N8nProcess[];
	path: string;
}

/** Database, shop, the intake workflow published, main, workers and webhook processes ready. */
async function bringUp(cleanup: Cleanup, folders: { current?: Folders }): Promise<Rig> {
	installN8n();
	await Processes.portsFree(2 * WEBHOOK_PROCESSES);
	const identity = runIdentity();
	const sink = await startEgressSink();
	cleanup.defer('egress sink', async () => await sink.close());
	const shop = await startIntakeShop();
	cleanup.defer('Shopify emulator', async () => await shop.close());
	folders.current = prepareFolders(cleanup);
	await createRunDatabase(identity, cleanup);
	const env = sharedEnv(identity, sink.url);
	const processes = new Processes(folders.current, env, cleanup);
	importIntake(processes.folder('main'), shop, env);
	const main = processes.spawn(processes.mainSpec());
	const workers = Array.from({ length: WORKERS }, (_, index) =>
		processes.spawn(processes.workerSpec(index)),
	);
	const webhooks = Array.from({ length: WEBHOOK_PROCESSES }, (_, index) =>
		processes.spawn(processes.webhookSpec(index)),
	);
	const lazyWebhooks = Array.from({ length: WEBHOOK_PROCESSES }, (_, index) => {
		const spec = processes.webhookSpec(WEBHOOK_PROCESSES + index);
		return processes.spawn({ ...spec, env: { ...spec.env, ...LAZY_ISOLATE_ENV } });
	});
	const all = [main, ...workers, ...webhooks, ...lazyWebhooks];
	await Promise.all(all.map(async (process) => await process.waitReady()));
	log(`n8n ${N8N_VERSION} ready: ${all.map((p) => `${p.name} :${p.spec.ports.http}`).join(', ')}`);
	return { identity, shop, main, webhooks, lazyWebhooks, path: await intakePath(shop) };
}

/** Until the workers ran every queued execution: each setup starts with an empty queue. */
async function waitForWorkers(identity: RunIdentity, timeoutMs = 180_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const statuses = await executionStatuses(identity);
		const open = (statuses.new ?? 0) + (statuses.running ?? 0);
		if (open === 0) return;
		if (Date.now() > deadline)
			throw new Error(
				`the workers left ${open} executions unfinished: ${JSON.stringify(statuses)}`,
			);
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

/** One setup: the processes that take the deliveries, round-robin, as a load balancer would. */
async function measure(rig: Rig, label: string, intake: N8nProcess[]): Promise<string[]> {
	const urls = intake.map((process) => `http://127.0.0.1:${process.spec.ports.http}${rig.path}`);
	await postDeliveries(signedDeliveries(rig.shop, INTAKE_WARM_UP), urls, 4);
	await waitForWorkers(rig.identity);
	const deliveries = signedDeliveries(rig.shop, INTAKE_DELIVERIES);
	const run = await postDeliveries(deliveries, urls, INTAKE_CLIENTS);
	assertRecorded(label, run, await inboxEventIds(rig.identity, INTAKE_WORKFLOW_ID));
	const lines = intakeLines(label, run, meanBodyBytes(deliveries));
	for (const line of lines) log(line);
	await waitForWorkers(rig.identity);
	return lines;
}

async function main(): Promise<void> {
	const cleanup = new Cleanup();
	cleanup.onSignals();
	const folders: { current?: Folders } = {};
	const started = Date.now();
	let failed = true;
	try {
		const rig = await bringUp(cleanup, folders);
		const lines: string[] = [];
		for (let webhooks = 0; webhooks <= WEBHOOK_PROCESSES; webhooks++) {
			const label = webhooks === 0 ? 'queue, main only' : `queue, main + ${webhooks} webhook`;
			lines.push(...(await measure(rig, label, [rig.main, ...rig.webhooks.slice(0, webhooks)])));
		}
		lines.push(
			...(await measure(
				rig,
				`queue, ${WEBHOOK_PROCESSES} webhook with lazy isolate, main out of rotation`,
				rig.lazyWebhooks,
			)),
		);
		const statuses = await executionStatuses(rig.identity);
		console.log(`n8n version: ${N8N_VERSION}`);
		for (const line of lines) console.log(line);
		console.log(`queue executions by status: ${JSON.stringify(statuses)} (${WORKERS} workers)`);
		console.log(`bench seconds: ${Math.round((Date.now() - started) / 1000)}`);
		failed = false;
	} catch (error) {
		console.error(error);
	} finally {
		await cleanup.release();
		const root = folders.current?.root;
		// A failed run keeps every process's log for a look.
		if (root && failed) log(`logs of every n8n process: ${root}/logs`);
		else if (root) rmSync(root, { recursive: true, force: true });
	}
	process.exitCode = failed ? 1 : 0;
}

void main();
