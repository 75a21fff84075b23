/**
 * Keeping the ledger's size bounded: expired dedupe keys and, past their retention, audit rows,
 * settled writes and settled approvals are deleted in bounded batches, at most once a minute
 * per ledger per process. Housekeeping never fails the work that triggered it.
 */
import type { Ledger, RetentionPolicy } from './types';

const DAY_MS = 86_400_000;
const EVERY_MS = 60_000;

export const DEFAULT_RETENTION_DAYS = { audit: 400, writes: 90, approvals: 400 } as const;

/** Days from `ORDERFLOW_RETENTION_<AUDIT|WRITES|APPROVALS>_DAYS`, else the defaults. */
export function retentionFrom(env: Record<string, string | undefined>): RetentionPolicy {
	const days = (name: keyof typeof DEFAULT_RETENTION_DAYS) => {
		const value = Number(env[`ORDERFLOW_RETENTION_${name.toUpperCase()}_DAYS`]);
		return (Number.isFinite(value) && value > 0 ? value : DEFAULT_RETENTION_DAYS[name]) * DAY_MS;
	};
	return { auditMs: days('audit'), writesMs: days('writes'), approvalsMs: days('approvals') };
}

const lastRun = new WeakMap<Ledger, number>();

/** Purges when a minute has passed since the last time; returns the error instead of throwing it. */
export async function housekeep(
	ledger: Ledger,
	retention: RetentionPolicy,
	now = Date.now(),
): Promise<Error | undefined> {
	if ((lastRun.get(ledger) ?? 0) > now - EVERY_MS) return undefined;
	lastRun.set(ledger, now);
	try {
		await ledger.purgeExpired(now);
		await ledger.purgeHistory(now, retention);
		return undefined;
	} catch (error) {
		return error as Error;
	}
}
