/**
 * `npm run test:queue`: real n8n 2.41.1 in queue mode (one main, two workers, Redis, PostgreSQL)
 * runs the order sync template unchanged against the Shopify emulator and the ERP reference
 * server (its own idempotency off). A shuffled flood of signed webhooks, most of them
 * duplicates and some orders in two versions, is posted while one worker is SIGKILLed mid-work
 * and replaced. Passes when every order ends up booked exactly once with its newest version,
 * the ledger holds nothing open, and that is so within RECOVERY_LIMIT_MS of the kill.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { installN8n, N8N_VERSION } from '../real-n8n';
import { Cleanup } from './cleanup';
import {
	ERP_TOKEN,
	GIVE_UP_AFTER_FLOOD_MS,
	GIVE_UP_AFTER_KILL_MS,
	ORDERS,
	PARALLEL_POSTS,
	RECOVERY_LIMIT_MS,
	runIdentity,
	sharedEnv,
	UPDATED_SHARE,
	type RunIdentity,
} from './config';
import { killWhenBusy, restartAfterKill } from './crash';
import {
	executionStatuses,
	ledgerTrace,
	openLedgerEntries,
	redriveFacts,
	statusesOf,
} from './database';
import { Flood, seededRandom } from './flood';
import {
	compareBookings,
	createOrders,
	nextSecond,
	salesOrders,
	untagged,
	updateOrders,
} from './orders';
import { printReport, Timeline } from './report';
import type { N8nProcess } from './processes';
import {
	createRunDatabase,
	importOrderSync,
	prepareFolders,
	Processes,
	startSandboxes,
	waitForSubscriptions,
	type Folders,
	type Sandboxes,
} from './rig';
import { waitUntilSettled, type Observed } from './settle';

/** Fixed: the same orders, copies and shuffle on every run; only n8n's timing varies. */
const SEED = 20_410_001;

function log(message: string): void {
	console.log(`[queue] ${message}`);
}

interface Up {
	identity: RunIdentity;
	sandboxes: Sandboxes;
	processes: Processes;
	workers: N8nProcess[];
	topics: string[];
}

/** Sandboxes, database, template published, main and two workers ready, the trigger subscribed. */
async function bringUp(
	cleanup: Cleanup,
	timeline: Timeline,
	folders: { current?: Folders },
): Promise<Up> {
	installN8n();
	await Processes.portsFree();
	const identity = runIdentity();
	const sandboxes = await startSandboxes(cleanup);
	folders.current = prepareFolders(cleanup);
	timeline.mark('prepare: n8n, package, sandboxes');

	await createRunDatabase(identity, cleanup);
	const env = sharedEnv(identity, sandboxes.sink.url);
	const processes = new Processes(folders.current, env, cleanup);
	log(
		`database ${identity.database}, Bull prefix ${env.QUEUE_BULL_PREFIX}; importing and publishing the order sync template`,
	);
	importOrderSync(processes.folder('main'), env, sandboxes);
	timeline.mark('database, import, publish');

	const main = processes.spawn(processes.mainSpec());
	const workers = [0, 1].map((index) => processes.spawn(processes.workerSpec(index)));
	await Promise.all([main, ...workers].map(async (process) => await process.waitReady()));
	log(
		`n8n ${N8N_VERSION} ready: main pid ${main.pid}, ${workers.map((w) => `${w.name} pid ${w.pid}`).join(', ')}`,
	);
	timeline.mark('main and two workers ready');
	const topics = await waitForSubscriptions(sandboxes.shopify);
	timeline.mark('trigger subscribed at Shopify');
	return { identity, sandboxes, processes, workers, topics };
}

/** Orders and their newer versions, the flood, and the kill of a busy worker (the flood goes on). */
async function floodAndKill({ identity, sandboxes, workers }: Up, timeline: Timeline) {
	const { store } = sandboxes.shopify;
	const random = seededRandom(SEED);
	const orders = createOrders(store, ORDERS, random);
	await nextSecond();
	const updated = updateOrders(store, orders, UPDATED_SHARE, random);
	const flood = new Flood(sandboxes.shopify.webhooks.deliveries, random);
	flood.absorb();
	const firstFlood = flood.planned();
	const floodStartedAt = timeline.mark('orders created and updated');
	log(
		`${orders.length} orders, ${updated} updated: flooding ${firstFlood} POSTs (${flood.stats.originals} deliveries and their duplicates), ${PARALLEL_POSTS} at a time`,
	);

	const flooding = flood.run(PARALLEL_POSTS);
	const bookedOrders = async () =>
		compareBookings(orders, await salesOrders(sandboxes.erp.url, ERP_TOKEN)).booked;
	const kill = await killWhenBusy({
		flood,
		firstFlood,
		orders: orders.length,
		workers,
		bookedOrders,
	});
	timeline.mark(`flood until ${kill.victim.name} killed`, kill.at);
	log(
		`SIGKILL ${kill.victim.name} (pid ${kill.victim.pid}) with ${kill.inFlight.length} executions in flight (${kill.inFlight.join(', ')}), ${kill.booked}/${orders.length} orders booked`,
	);
	const observed: Observed = {
		run: identity,
		store,
		erpUrl: sandboxes.erp.url,
		orders,
		flood,
		crash: { pid: kill.victim.pid, executions: kill.inFlight, at: kill.at },
	};
	return { observed, updated, flooding, floodStartedAt, kill };
}

/** For a run that did not settle: the ledger's rows about each order named in the failure, into the logs folder. */
async function traceProblems(
	identity: RunIdentity,
	examples: string[],
	folders: Folders,
): Promise<void> {
	const open = (await openLedgerEntries(identity, 20)).map(
		(entry) => /shopify:order:\d+/.exec(entry)?.[0],
	);
	const refs = [
		...new Set(
			[...examples.map((example) => example.split(' ')[0]), ...open].filter(
				(ref): ref is string => !!ref,
			),
		),
	];
	const lines = (
		await Promise.all(
			refs.map(async (ref) => [`# ${ref}`, ...(await ledgerTrace(identity, ref)), '']),
		)
	).flat();
	const file = path.join(folders.logs, 'ledger-trace.txt');
	writeFileSync(file, lines.join('\n'));
	log(`the ledger's rows about ${refs.join(', ') || 'no order'}: ${file}`);
}

/** Brings the run up, floods, kills, waits for it to settle; prints the report, returns the failed checks. */
async function run(
	cleanup: Cleanup,
	timeline: Timeline,
	folders: { current?: Folders },
): Promise<number> {
	const up = await bringUp(cleanup, timeline, folders);
	const { observed, updated, flooding, floodStartedAt, kill } = await floodAndKill(up, timeline);
	const restarting = restartAfterKill(kill, up.processes);
	const deadline = Math.min(
		kill.at + GIVE_UP_AFTER_KILL_MS,
		floodStartedAt + GIVE_UP_AFTER_FLOOD_MS,
	);
	const { settledAt, recoveredAt, last } = await waitUntilSettled(observed, {
		deadline,
		stillAfter: Math.max(kill.at, observed.flood.lastAnsweredAt) + RECOVERY_LIMIT_MS,
	});
	timeline.mark(settledAt === undefined ? 'kill until gave up' : 'kill until settled');
	observed.flood.stop();
	await Promise.all([flooding, restarting]);

	if (settledAt === undefined)
		await traceProblems(up.identity, last.bookings.examples, folders.current!);
	const executions = await executionStatuses(up.identity);
	for (const entry of await openLedgerEntries(up.identity))
		log(`still open in the ledger: ${entry}`);
	log(
		`n8n's status of the executions ${kill.victim.name} had in flight: ${JSON.stringify(await statusesOf(up.identity, kill.inFlight))}`,
	);
	const facts = {
		orders: observed.orders.length,
		updated,
		untagged: untagged(observed.store, observed.orders),
		topics: up.topics,
		flood: observed.flood.stats,
		floodStartedAt,
		lastAnsweredAt: observed.flood.lastAnsweredAt,
		kill,
		firstWorkers: up.workers,
		processes: up.processes.all,
		last,
		settledAt,
		recoveredAt,
		gaveUpAfterKillMs: last.at - kill.at,
		executions,
		redrives: await redriveFacts(up.identity),
		egress: up.sandboxes.sink.attempts,
	};
	return printReport(facts, timeline);
}

async function main(): Promise<void> {
	const cleanup = new Cleanup();
	cleanup.onSignals();
	const timeline = new Timeline();
	const folders: { current?: Folders } = {};
	let failed = 1;
	try {
		failed = await run(cleanup, timeline, folders);
	} catch (error) {
		console.error(error);
	} finally {
		await cleanup.release();
		log(
			`cleaned up everything the run set up (${((Date.now() - timeline.startedAt) / 1000).toFixed(1)} s in all)`,
		);
		const root = folders.current?.root;
		// A failed run keeps the user folders and every process's log for a look.
		if (root && failed) log(`logs of every n8n process: ${root}/logs`);
		else if (root) rmSync(root, { recursive: true, force: true });
	}
	process.exitCode = failed ? 1 : 0;
}

void main();
