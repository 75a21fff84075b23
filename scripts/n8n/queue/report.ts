/**
 * What the run measured, as PASS/FAIL checks and one summary line:
 * `queue-mode: N orders, D duplicates booked, L lost, R s to recover`.
 */
import { PARALLEL_POSTS, RECOVERY_LIMIT_MS } from './config';
import type { Kill } from './crash';
import type { Redrives } from './database';
import type { FloodStats } from './flood';
import type { N8nProcess } from './processes';
import { describe, type Snapshot } from './settle';

/** Named moments of the run, printed as the time each phase took. */
export class Timeline {
	readonly startedAt = Date.now();
	private readonly marks: Array<[string, number]> = [['begin', this.startedAt]];

	mark(name: string, at = Date.now()): number {
		this.marks.push([name, at]);
		return at;
	}

	lines(): string[] {
		return this.marks
			.slice(1)
			.map(
				([name, at], index) =>
					`${name.padEnd(34)} ${seconds(at - this.marks[index][1]).padStart(7)} s (at ${seconds(at - this.marks[0][1])} s)`,
			);
	}
}

export interface Facts {
	orders: number;
	updated: number;
	/** Orders without the erp-synced tag the flow sets last (informational: not a check). */
	untagged: number;
	topics: string[];
	flood: FloodStats;
	floodStartedAt: number;
	/** When n8n answered the flood's last POST. */
	lastAnsweredAt: number;
	kill: Kill;
	/** The two workers started first (the victim is one of them). */
	firstWorkers: N8nProcess[];
	processes: N8nProcess[];
	last: Snapshot;
	settledAt?: number;
	/** When everything the kill left was recovered (see settle.ts recovered()). */
	recoveredAt?: number;
	gaveUpAfterKillMs: number;
	executions: Record<string, number>;
	redrives: Redrives;
	egress: Map<string, number>;
}

export type Check = [what: string, pass: boolean, detail: string];

function seconds(ms: number): string {
	return (ms / 1000).toFixed(1);
}

function duplicateShare(flood: FloodStats): number {
	return flood.accepted ? flood.duplicates / flood.accepted : 0;
}

export function checks(facts: Facts): Check[] {
	const { flood, kill, last } = facts;
	const { bookings, ledger } = last;
	const recovery = facts.recoveredAt === undefined ? undefined : facts.recoveredAt - kill.at;
	// The flood goes on after the kill: the run as a whole can only settle once it ended.
	const floodOver = Math.max(kill.at, facts.lastAnsweredAt);
	const settling = facts.settledAt === undefined ? undefined : facts.settledAt - floodOver;
	return [
		[
			'the trigger subscribed orders/create, updated and cancelled',
			facts.topics.join() === 'ORDERS_CANCELLED,ORDERS_CREATE,ORDERS_UPDATED',
			facts.topics.join(),
		],
		[
			'at least 30% of the orders got a newer version',
			facts.updated >= facts.orders * 0.3,
			`${facts.updated} of ${facts.orders}`,
		],
		[
			'at least 60% of the deliveries n8n accepted were duplicates',
			duplicateShare(flood) >= 0.6,
			`${(duplicateShare(flood) * 100).toFixed(1)}%`,
		],
		[
			'every delivery was accepted by n8n (after retries)',
			flood.gaveUp === 0,
			`${flood.gaveUp} given up; answers ${JSON.stringify(flood.statuses)}`,
		],
		[
			'both workers ran executions before the kill',
			facts.firstWorkers.every((worker) => worker.finished.size > 0),
			facts.firstWorkers.map((w) => `${w.name}: ${w.finished.size} finished`).join(', '),
		],
		[
			'the worker was killed mid-work (executions in flight, some orders booked)',
			kill.onCue,
			`${kill.inFlight.length} in flight, ${kill.booked} booked, ${kill.posted} posted`,
		],
		[
			'no other n8n process died',
			facts.processes.every((process) => process === kill.victim || !process.exited),
			facts.processes
				.filter((process) => process !== kill.victim && process.exited)
				.map((process) => process.name)
				.join(', '),
		],
		[
			'the replacement worker came up',
			kill.replacementReadyAt !== undefined,
			kill.replacementError ?? 'not ready',
		],
		[
			'exactly one sales order per order',
			bookings.duplicates === 0,
			`${bookings.duplicates} duplicate sales orders`,
		],
		[
			'every order booked with its newest version',
			bookings.lost + bookings.stale === 0,
			`${bookings.lost} never booked, ${bookings.stale} only an older version: ${bookings.examples.join('; ')}`,
		],
		[
			'no idempotent write in flight or in doubt',
			ledger.inFlight + ledger.inDoubt === 0,
			`${ledger.inFlight} in flight, ${ledger.inDoubt} in doubt`,
		],
		['no dedupe key still claimed', ledger.claimed === 0, `${ledger.claimed} claimed`],
		[
			`the crash was recovered within ${RECOVERY_LIMIT_MS / 1000} s of the kill (the dead worker's claims and writes taken over, its deliveries re-driven and settled, their orders booked)`,
			recovery !== undefined && recovery <= RECOVERY_LIMIT_MS,
			recovery === undefined
				? `not recovered ${seconds(facts.gaveUpAfterKillMs)} s after the kill: ${describe(last)}`
				: `${seconds(recovery)} s`,
		],
		[
			`the whole run settled within ${RECOVERY_LIMIT_MS / 1000} s of the flood's last delivery (or the kill, if later)`,
			settling !== undefined && settling <= RECOVERY_LIMIT_MS,
			settling === undefined
				? `not settled ${seconds(facts.gaveUpAfterKillMs)} s after the kill: ${describe(last)}`
				: `${seconds(settling)} s`,
		],
	];
}

function printMeasurements(facts: Facts): void {
	const { flood, kill } = facts;
	const posts = Object.values(flood.statuses).reduce((sum, n) => sum + n, 0);
	console.log(
		`[queue] orders: ${facts.orders} created, ${facts.updated} updated, ${facts.untagged} not tagged erp-synced in Shopify`,
	);
	console.log(
		`[queue] deliveries: ${flood.originals} recorded by Shopify, ${flood.accepted} accepted by n8n of which ${flood.duplicates} duplicates (${(duplicateShare(flood) * 100).toFixed(1)}%), ${posts} POSTs in all, ${flood.retried503} retried after 503, ${flood.retriedOther} after other failures, ${flood.gaveUp} given up; answers ${JSON.stringify(flood.statuses)}`,
	);
	const floodSeconds = (facts.lastAnsweredAt - facts.floodStartedAt) / 1000;
	console.log(
		`[queue] intake: ${posts} POSTs answered by one main in ${floodSeconds.toFixed(1)} s (${(posts / floodSeconds).toFixed(1)} per second, ${PARALLEL_POSTS} at a time), the last ${seconds(facts.lastAnsweredAt - kill.at)} s after the kill`,
	);
	console.log(
		`[queue] kill: ${kill.victim.name} (pid ${kill.victim.pid}) ${seconds(kill.at - facts.floodStartedAt)} s into the flood, ${kill.inFlight.length} executions in flight, ${kill.booked} orders booked, ${kill.posted} POSTs answered${kill.onCue ? '' : ' (fallback: the intended moment never came)'}`,
	);
	const ready =
		kill.replacementReadyAt === undefined
			? `not ready: ${kill.replacementError ?? 'still starting'}`
			: `ready ${seconds(kill.replacementReadyAt - kill.at)} s after the kill`;
	console.log(`[queue] replacement: ${kill.replacement?.name ?? 'not started'}, ${ready}`);
	for (const process of facts.processes.filter((candidate) => candidate.spec.role === 'worker')) {
		console.log(
			`[queue] executions on ${process.name}: ${process.started.size} started, ${process.finished.size} finished, ${process.inFlight().length} unfinished`,
		);
	}
	const executions = Object.values(facts.executions).reduce((sum, n) => sum + n, 0);
	console.log(
		`[queue] n8n executions by status: ${JSON.stringify(facts.executions)}: ${(executions / facts.orders).toFixed(2)} per order; answered without one: ${facts.redrives.absorbed} repeated deliveries, ${facts.redrives.processed} order versions already processed (the tag's echo, a version booked)`,
	);
	console.log(
		`[queue] outbound HTTP stopped at the sink: ${facts.egress.size ? JSON.stringify(Object.fromEntries(facts.egress)) : 'none'}`,
	);
	console.log(`[queue] final state: ${describe(facts.last)}`);
}

/** The sweep's re-drives, when what the dead worker left was recovered, and when the whole run settled. */
function printRecovery(facts: Facts): void {
	const after = (at: number) => `${seconds(at - facts.kill.at)} s after the kill`;
	const { redriven, open, lastSettledAt } = facts.redrives;
	console.log(
		`[queue] re-drives: ${redriven} deliveries re-driven by the sweep, ${open} still unsettled${lastSettledAt === null ? '' : `, the last settled ${after(lastSettledAt)}`}`,
	);
	const recovered =
		facts.recoveredAt === undefined ? 'not recovered' : `recovered ${after(facts.recoveredAt)}`;
	const settled =
		facts.settledAt === undefined
			? 'never settled'
			: `the whole run settled ${after(facts.settledAt)}`;
	console.log(
		`[queue] recovery: what the dead worker left ${recovered}; ${settled}; the flood's last POST was answered ${after(facts.lastAnsweredAt)}`,
	);
}

/** Prints everything and returns how many checks failed. */
export function printReport(facts: Facts, timeline: Timeline): number {
	for (const line of timeline.lines()) console.log(`[queue] phase ${line}`);
	printMeasurements(facts);
	printRecovery(facts);
	const results = checks(facts);
	for (const [what, pass, detail] of results)
		console.log(`${pass ? 'PASS' : 'FAIL'} ${what}${pass ? '' : `: ${detail}`}`);
	const { bookings } = facts.last;
	const recovery =
		facts.recoveredAt === undefined
			? `>${seconds(facts.gaveUpAfterKillMs)}`
			: seconds(facts.recoveredAt - facts.kill.at);
	console.log(
		`queue-mode: ${bookings.orders} orders, ${bookings.duplicates} duplicates booked, ${bookings.lost + bookings.stale} lost, ${recovery} s to recover`,
	);
	const failed = results.filter(([, pass]) => !pass).length;
	console.log(`checks: ${results.length - failed} passed, ${failed} failed`);
	return failed;
}
