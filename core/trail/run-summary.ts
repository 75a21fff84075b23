/**
 * What one run did, from the events it recorded: per entity that passed a Dedupe Gate, whether
 * the run booked it, found it already there, failed on it (it is in the exception queue), left a
 * write in doubt, or recorded it in shadow — a manual sync's counters (processed / booked /
 * already there / failed), read from the ledger rather than counted by hand.
 */
import type { StoredAuditEvent } from '../ledger/types';

export type RunOutcome =
	| 'failed'
	| 'inDoubt'
	| 'booked'
	| 'shadow'
	| 'alreadyThere'
	| 'nothingWritten';

export interface RunSummary {
	processed: number;
	counts: Record<RunOutcome, number>;
	/** The entities of each outcome (orders as `shopify:order:<id>`). */
	entities: Record<RunOutcome, string[]>;
	/** "12 orders: 3 booked, 8 already there, 1 failed". */
	summary: string;
}

const FAILED = new Set([
	'exception.opened',
	'exception.repeated',
	'erp.mapping-refused',
	'write.failed',
	'write.conflict',
]);

/** The worst thing that happened to one entity in the run wins: a failure outweighs a booking of another write. */
function outcomeOf(events: StoredAuditEvent[]): RunOutcome {
	const has = (test: (event: StoredAuditEvent) => boolean) => events.some(test);
	if (has((event) => FAILED.has(event.event) && event.decision !== 'replayed')) return 'failed';
	if (has((event) => event.event === 'write.in-doubt')) return 'inDoubt';
	if (has((event) => event.event === 'write.done' && event.decision !== 'replayed'))
		return 'booked';
	if (has((event) => event.event === 'write.shadow')) return 'shadow';
	if (
		has(
			(event) =>
				event.event === 'dedupe.duplicate' ||
				(event.event === 'write.done' && event.decision === 'replayed'),
		)
	)
		return 'alreadyThere';
	return 'nothingWritten';
}

const WORDS: Record<RunOutcome, string> = {
	booked: 'booked',
	alreadyThere: 'already there',
	failed: 'failed',
	inDoubt: 'in doubt',
	shadow: 'recorded in shadow',
	nothingWritten: 'nothing to write',
};

export function summarizeRun(events: StoredAuditEvent[], noun = 'orders'): RunSummary {
	const byEntity = new Map<string, StoredAuditEvent[]>();
	for (const event of events) {
		const its = byEntity.get(event.entity);
		if (its) its.push(event);
		else byEntity.set(event.entity, [event]);
	}
	const entities: RunSummary['entities'] = {
		failed: [],
		inDoubt: [],
		booked: [],
		shadow: [],
		alreadyThere: [],
		nothingWritten: [],
	};
	for (const [entity, its] of byEntity) {
		// Only what went through a Dedupe Gate counts as processed (not the flow's own trail, not exceptions about something else).
		if (its.some((event) => event.event.startsWith('dedupe.')))
			entities[outcomeOf(its)].push(entity);
	}
	const counts = Object.fromEntries(
		Object.entries(entities).map(([outcome, list]) => [outcome, list.length]),
	) as RunSummary['counts'];
	const processed = Object.values(counts).reduce((sum, count) => sum + count, 0);
	const parts = (Object.keys(WORDS) as RunOutcome[])
		.filter((outcome) => counts[outcome] > 0)
		.map((outcome) => `${counts[outcome]} ${WORDS[outcome]}`);
	return {
		processed,
		counts,
		entities,
		summary: `${processed} ${noun}${parts.length ? `: ${parts.join(', ')}` : ''}`,
	};
}
