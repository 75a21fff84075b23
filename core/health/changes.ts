/**
 * Alerting on changes, not on every run: a breach is reported once when it begins, and once more
 * when it ends (with how long it lasted); a breach that goes on is not sent again every quarter
 * of an hour. The status each check was last reported in is kept in the ledger.
 */
import type { Ledger } from '../ledger/types';
import type { HealthCheck } from './checks';

export type HealthChange = HealthCheck & {
	change: 'breached' | 'recovered';
	breachedMinutes?: number;
};

const nameOf = (check: HealthCheck) => `${check.check}|${check.subject}`;

export async function healthChanges(
	ledger: Ledger,
	checks: HealthCheck[],
	now: number,
): Promise<HealthChange[]> {
	const previous = await ledger.healthStates();
	const changes: HealthChange[] = [];
	for (const check of checks) {
		const before = previous.get(nameOf(check));
		if (check.status === 'breached' && before?.status !== 'breached')
			changes.push({ ...check, change: 'breached' });
		if (check.status === 'ok' && before?.status === 'breached')
			changes.push({
				...check,
				change: 'recovered',
				breachedMinutes: Math.round((now - before.since) / 60_000),
			});
	}
	await ledger.putHealthStates(
		changes.map((change) => ({ name: nameOf(change), status: change.status, since: now })),
	);
	return changes;
}
