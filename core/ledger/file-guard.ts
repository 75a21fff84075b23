/**
 * The embedded ledger belongs to one n8n instance. Two instances on one file (a user folder
 * mounted into two containers, a second `n8n start` on the same folder) would each be right
 * alone and wrong together, so the second is refused, naming the first. A predecessor that
 * stopped without closing (a restart within the heartbeat window) is not an other instance.
 */
import { hostname } from 'node:os';

import { DEAD_AFTER_MS, type ProcessRecord } from './liveness';
import { LedgerError, type Ledger } from './types';

/** Whether a process of this host runs: signal 0 probes without signalling. */
export function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export interface HostFacts {
	host: string;
	pid: number;
	alive: (pid: number) => boolean;
}

const HERE: HostFacts = { host: hostname(), pid: process.pid, alive: pidAlive };

/**
 * The live processes that are another instance: on this host only while their pid runs and is
 * not ours (ours: this process, or a restarted container that got its predecessor's pid).
 */
export function otherInstances(live: ProcessRecord[], here: HostFacts = HERE): ProcessRecord[] {
	return live.filter(
		(record) => record.host !== here.host || (record.pid !== here.pid && here.alive(record.pid)),
	);
}

/** Throws when another n8n instance beat on this file within the heartbeat window. */
export async function assertSoleInstance(
	ledger: Ledger,
	file: string,
	now = Date.now(),
	here: HostFacts = HERE,
): Promise<void> {
	const others = otherInstances(await ledger.liveProcesses(now - DEAD_AFTER_MS), here);
	if (others.length === 0) return;
	const named = others
		.map(
			(record) =>
				`pid ${record.pid} on ${record.host} (${record.command}, last seen ${Math.round((now - record.beatAt) / 1000)} s ago)`,
		)
		.join('; ');
	throw new LedgerError(
		`The embedded ledger at ${file} is already in use by another n8n instance: ${named}. Two instances on one file would let duplicates through`,
		`Run one n8n instance per user folder, or give every instance one shared ledger: set ORDERFLOW_LEDGER_POSTGRES_URL (postgres://user:password@host:5432/database?schema=orderflow) for each process. If that instance has stopped, this clears within ${DEAD_AFTER_MS / 1000} s.`,
	);
}
