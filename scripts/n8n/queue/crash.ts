/**
 * The crash: one worker is SIGKILLed while it runs several executions, once a third of the flood is
 * posted and the ERP holds some but not all sales orders, so the kill lands mid-work. The flood
 * goes on; a new worker with the same spec starts a few seconds later.
 */
import { KILL_AFTER_SHARE, KILL_FALLBACK_MS, KILL_MIN_IN_FLIGHT, RESTART_AFTER_MS } from './config';
import type { Flood } from './flood';
import type { N8nProcess } from './processes';
import type { Processes } from './rig';

export interface Kill {
	at: number;
	victim: N8nProcess;
	/** Executions the victim had started and not finished when it died. */
	inFlight: string[];
	/** Orders booked in the ERP and POSTs answered when it died. */
	booked: number;
	posted: number;
	/** False when the fallback fired: the intended moment never came within KILL_FALLBACK_MS. */
	onCue: boolean;
	replacement?: N8nProcess;
	replacementReadyAt?: number;
	replacementError?: string;
}

export interface KillCue {
	flood: Flood;
	/** POSTs the first flood amounted to: the kill waits for KILL_AFTER_SHARE of them. */
	firstFlood: number;
	orders: number;
	workers: N8nProcess[];
	bookedOrders: () => Promise<number>;
}

/** The worker with the most executions in flight (the first on a tie). */
function busiest(workers: N8nProcess[]): N8nProcess {
	return workers.reduce((best, worker) =>
		worker.inFlight().length > best.inFlight().length ? worker : best,
	);
}

export async function killWhenBusy(cue: KillCue): Promise<Kill> {
	const fallbackAt = Date.now() + KILL_FALLBACK_MS;
	for (;;) {
		const posted = cue.flood.stats.accepted + cue.flood.stats.gaveUp;
		const booked = await cue.bookedOrders();
		const victim = busiest(cue.workers);
		const onCue =
			posted >= cue.firstFlood * KILL_AFTER_SHARE &&
			booked > 0 &&
			booked < cue.orders &&
			victim.inFlight().length >= KILL_MIN_IN_FLIGHT;
		if (onCue || Date.now() >= fallbackAt) {
			const inFlight = victim.inFlight();
			victim.crash();
			return { at: Date.now(), victim, inFlight, booked, posted, onCue };
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Starts the replacement RESTART_AFTER_MS after the kill and notes when it is ready. */
export async function restartAfterKill(kill: Kill, processes: Processes): Promise<void> {
	await new Promise((resolve) =>
		setTimeout(resolve, Math.max(0, kill.at + RESTART_AFTER_MS - Date.now())),
	);
	const replacement = processes.respawn(kill.victim);
	kill.replacement = replacement;
	try {
		await replacement.waitReady();
		kill.replacementReadyAt = Date.now();
	} catch (error) {
		kill.replacementError = (error as Error).message;
	}
}
