/**
 * Resuming is retried: after a decision settles a request, and when its time runs out, the process
 * calls the execution's waiting URL itself. n8n answers only while the execution still waits, and
 * the node then resumes it with what the ledger holds (the decision, or the timeout), so a resume
 * lost to a crash or a failed hand-over is made again; once resumed, n8n refuses the call. The
 * timers never keep a process alive; another process's visit or sweep covers a process that died.
 */
import { signResume } from '../../../core/approval/links';

export interface NudgeTarget {
	url: string;
	secret: string;
	requestId: string;
	executionId: string;
}

async function nudge(target: NudgeTarget): Promise<void> {
	const body = new URLSearchParams({
		action: 'resume',
		r: target.requestId,
		t: signResume(target.secret, target.requestId, target.executionId),
	});
	try {
		await fetch(target.url, {
			method: 'POST',
			body,
			headers: { 'user-agent': 'Orderflow approval resume' },
			redirect: 'manual',
			signal: AbortSignal.timeout(15_000),
		});
	} catch {
		// Unreachable now: the next nudge, a visit to the link or n8n's own timer resumes it.
	}
}

/** Calls the waiting URL at each of the given times (ms since epoch). */
export function scheduleNudges(target: NudgeTarget, times: number[]): void {
	for (const at of times) {
		// Node's timers hold at most ~24.8 days; later ones are left to the sweep and n8n's timer.
		if (at - Date.now() > 2 ** 31 - 1) continue;
		const timer = setTimeout(() => void nudge(target), Math.max(0, at - Date.now()));
		timer.unref();
	}
}
