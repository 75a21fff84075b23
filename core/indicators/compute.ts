/**
 * Leading indicators over a window, from the ledger's trail alone (no second data store): how fast
 * events become bookings (cycle time per flow), how often flows end in an exception, how accurate
 * the books are (the latest reconciliations), and what the machinery absorbed — duplicates,
 * retries, in-doubt writes, approvals and their wait, and orders only the poll found (webhooks
 * lost). Each against an explicit threshold, with a within/breached verdict.
 */
import type { Ledger, StoredAuditEvent } from '../ledger/types';

export interface IndicatorThresholds {
	/** Cycle time, event in → first successful write, 95th percentile, minutes. */
	cycleP95Minutes: number;
	/** Exceptions opened per event in, percent. */
	exceptionRatePercent: number;
	/** The latest reconciliation's exception rate, percent. */
	reconciliationRatePercent: number;
	/** Writes that needed more than one attempt, percent of writes. */
	retryRatePercent: number;
	/** Writes that ended in doubt. */
	maxInDoubt: number;
	/** The median wait for an approval decision, hours. */
	approvalMedianHours: number;
	/** Entities only the poll found (no webhook brought them), percent of events in. */
	pollCatchUpPercent: number;
	/** Deliveries that were duplicates (absorbed), percent of deliveries: a high share means Shopify keeps retrying. */
	duplicatePercent: number;
}

export const DEFAULT_INDICATOR_THRESHOLDS: IndicatorThresholds = {
	cycleP95Minutes: 5,
	exceptionRatePercent: 2,
	reconciliationRatePercent: 0.5,
	retryRatePercent: 5,
	maxInDoubt: 0,
	approvalMedianHours: 4,
	pollCatchUpPercent: 1,
	duplicatePercent: 50,
};

export interface Indicator {
	indicator: string;
	/** The flow (workflow id) it is measured for, or "all flows". */
	flow: string;
	value: number | null;
	unit: string;
	threshold: number;
	verdict: 'within' | 'breached';
	/** What the value is made of (counts, percentiles), for a person to check it. */
	details: Record<string, unknown>;
	message: string;
}

/** The trail events the indicators read. */
export const INDICATOR_EVENTS = [
	'inbox.accepted',
	'webhook.received',
	'inbox.repeated',
	'webhook.processed',
	'poll.found',
	'dedupe.duplicate',
	'write.done',
	'write.in-doubt',
	'exception.opened',
	'approval.requested',
	'approval.decision',
	'reconcile.run',
];

const ALL = 'all flows';
const HOUR = 3_600_000;
const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;
const percent = (part: number, whole: number) =>
	whole === 0 ? null : round((100 * part) / whole, 2);

/** The value at quantile q (0–1) of sorted numbers, nearest rank. */
export function quantile(sorted: number[], q: number): number | null {
	if (sorted.length === 0) return null;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function judged(base: Omit<Indicator, 'verdict' | 'message'>, what: string): Indicator {
	const breached = base.value !== null && base.value > base.threshold;
	const shown = base.value === null ? 'nothing to measure' : `${base.value} ${base.unit}`;
	return {
		...base,
		verdict: breached ? 'breached' : 'within',
		message: `${what}: ${shown} (threshold ${base.threshold} ${base.unit})${breached ? ' — look into it' : ''}.`,
	};
}

/** A delivery that came in: by webhook (with the inbox, or without it) or found by the poll. */
const isDuplicate = (event: StoredAuditEvent) =>
	event.event === 'inbox.repeated' ||
	event.event === 'dedupe.duplicate' ||
	(event.event === 'webhook.processed' && event.decision === 'stale');
const isEventIn = (event: StoredAuditEvent) =>
	event.event === 'inbox.accepted' ||
	event.event === 'webhook.received' ||
	event.event === 'poll.found';
const isFirstWrite = (event: StoredAuditEvent) =>
	event.event === 'write.done' &&
	(event.decision === 'succeeded' || event.decision === 'verified-present');

/**
 * The entity an event in was about that a write served: the write's own entity (a sales order for
 * shopify:order:1025), or the one its key names (a credit memo, written for the order, under
 * shopify:refund:77:create).
 */
function writtenFor(write: StoredAuditEvent, facts: FlowFacts): string | undefined {
	if (facts.eventsIn.has(write.entity)) return write.entity;
	const named = String(write.details.key ?? '')
		.split(':')
		.slice(0, 3)
		.join(':');
	return facts.eventsIn.has(named) ? named : undefined;
}

interface FlowFacts {
	eventsIn: Map<string, StoredAuditEvent>;
	cycles: number[];
	exceptions: number;
	pollOnly: number;
	deliveries: number;
	duplicates: number;
}

/** Per flow: the first event in of each entity, its cycle to the first successful write, exceptions, poll-only entities, duplicates. */
function flowFacts(events: StoredAuditEvent[], from: number): Map<string, FlowFacts> {
	const flows = new Map<string, FlowFacts>();
	const flow = (id: string) =>
		flows.get(id) ??
		flows
			.set(id, {
				eventsIn: new Map(),
				cycles: [],
				exceptions: 0,
				pollOnly: 0,
				deliveries: 0,
				duplicates: 0,
			})
			.get(id)!;
	const webhookSeen = new Set<string>();
	const booked = new Set<string>();
	for (const event of events) {
		const facts = flow(event.workflowId ?? '');
		if (['inbox.accepted', 'webhook.received', 'webhook.processed'].includes(event.event))
			webhookSeen.add(`${event.workflowId}|${event.entity}`);
		if (event.at < from) continue; // looked at only to know which entities webhooks brought
		// A delivery the trigger answered as processed: a duplicate when stale, the echo of a tag when not.
		const answered = event.event === 'webhook.processed';
		if (isEventIn(event) || event.event === 'inbox.repeated' || answered) facts.deliveries++;
		if (isDuplicate(event)) facts.duplicates++;
		if (event.event === 'exception.opened') facts.exceptions++;
		if (isEventIn(event) && !facts.eventsIn.has(event.entity)) {
			facts.eventsIn.set(event.entity, event);
			if (event.event === 'poll.found' && !webhookSeen.has(`${event.workflowId}|${event.entity}`))
				facts.pollOnly++;
		}
		const subject = isFirstWrite(event) ? writtenFor(event, facts) : undefined;
		if (subject && !booked.has(subject)) {
			booked.add(subject);
			facts.cycles.push(event.at - facts.eventsIn.get(subject)!.at);
		}
	}
	return flows;
}

function flowIndicators(
	flowId: string,
	facts: FlowFacts,
	thresholds: IndicatorThresholds,
): Indicator[] {
	const sorted = [...facts.cycles].sort((a, b) => a - b);
	const minutes = (ms: number | null) => (ms === null ? null : round(ms / 60_000, 2));
	const eventsIn = facts.eventsIn.size;
	return [
		judged(
			{
				indicator: 'cycleTime',
				flow: flowId,
				value: minutes(quantile(sorted, 0.95)),
				unit: 'minutes (p95)',
				threshold: thresholds.cycleP95Minutes,
				details: {
					p50: minutes(quantile(sorted, 0.5)),
					p95: minutes(quantile(sorted, 0.95)),
					max: minutes(sorted.at(-1) ?? null),
					booked: sorted.length,
					eventsIn,
				},
			},
			'Event in → first successful write, 95th percentile',
		),
		judged(
			{
				indicator: 'exceptionRate',
				flow: flowId,
				value: percent(facts.exceptions, eventsIn),
				unit: '% of events in',
				threshold: thresholds.exceptionRatePercent,
				details: { exceptions: facts.exceptions, eventsIn },
			},
			'Exceptions opened per event in',
		),
		judged(
			{
				indicator: 'pollCatchUps',
				flow: flowId,
				value: percent(facts.pollOnly, eventsIn),
				unit: '% of events in',
				threshold: thresholds.pollCatchUpPercent,
				details: { foundOnlyByThePoll: facts.pollOnly, eventsIn },
			},
			'Entities only the poll found (webhooks lost)',
		),
		judged(
			{
				indicator: 'duplicates',
				flow: flowId,
				value: percent(facts.duplicates, facts.deliveries),
				unit: '% of deliveries',
				threshold: thresholds.duplicatePercent,
				details: { absorbed: facts.duplicates, deliveries: facts.deliveries },
			},
			'Duplicate deliveries absorbed',
		),
	];
}

function writeIndicators(events: StoredAuditEvent[], thresholds: IndicatorThresholds): Indicator[] {
	const writes = events.filter(isFirstWrite);
	const retried = writes.filter((event) => Number(event.details.attempts ?? 1) > 1).length;
	const inDoubt = events.filter(
		(event) => event.event === 'write.in-doubt' && event.decision !== 'replayed',
	).length;
	return [
		judged(
			{
				indicator: 'retries',
				flow: ALL,
				value: percent(retried, writes.length),
				unit: '% of writes',
				threshold: thresholds.retryRatePercent,
				details: { retried, writes: writes.length },
			},
			'Writes that needed more than one attempt',
		),
		judged(
			{
				indicator: 'inDoubt',
				flow: ALL,
				value: inDoubt,
				unit: 'writes',
				threshold: thresholds.maxInDoubt,
				details: { inDoubt },
			},
			'Writes that ended in doubt',
		),
	];
}

/** Requests, and the wait from each request to the decision that settled it. */
function approvalIndicator(events: StoredAuditEvent[], thresholds: IndicatorThresholds): Indicator {
	const requested = new Map<string, number>();
	const waits: number[] = [];
	for (const event of events) {
		const id = String(event.details.requestId ?? '');
		if (event.event === 'approval.requested' && !requested.has(id)) requested.set(id, event.at);
		if (event.event === 'approval.decision' && event.details.settled && requested.has(id)) {
			waits.push(event.at - requested.get(id)!);
			requested.delete(id);
		}
	}
	const median = quantile(
		waits.sort((a, b) => a - b),
		0.5,
	);
	const count = waits.length + requested.size;
	return judged(
		{
			indicator: 'approvals',
			flow: ALL,
			value: median === null ? null : round(median / HOUR, 2),
			unit: 'hours (median wait)',
			threshold: thresholds.approvalMedianHours,
			details: { requested: count, decided: waits.length, waiting: requested.size },
		},
		'Approval requests, and the median wait for a decision',
	);
}

/** The latest run of each reconciliation check in the window; accuracy is the worst of their exception rates. */
function accuracyIndicator(events: StoredAuditEvent[], thresholds: IndicatorThresholds): Indicator {
	const latest = new Map<string, StoredAuditEvent>();
	for (const event of events.filter((candidate) => candidate.event === 'reconcile.run'))
		latest.set(String(event.details.check ?? event.entity), event);
	const rates = [...latest.entries()].map(([check, event]) => ({
		check,
		exceptionRatePercent: Number(event.details.exceptionRatePercent ?? 0),
		exceptions: Number(event.details.exceptions ?? 0),
	}));
	const worst = rates.length ? Math.max(...rates.map((rate) => rate.exceptionRatePercent)) : null;
	return judged(
		{
			indicator: 'accuracy',
			flow: ALL,
			value: worst,
			unit: '% reconciliation exceptions (worst check)',
			threshold: thresholds.reconciliationRatePercent,
			details: { checks: rates },
		},
		'Accuracy: the latest reconciliations',
	);
}

/** Lookback before the window, to tell an entity a webhook brought earlier from one only the poll found. */
const LOOKBACK_MS = 24 * HOUR;

export async function computeIndicators(
	ledger: Ledger,
	window: { from: number; to: number },
	thresholds: IndicatorThresholds,
): Promise<Indicator[]> {
	const events = await ledger.auditBetween({
		from: window.from - LOOKBACK_MS,
		to: window.to,
		events: INDICATOR_EVENTS,
	});
	const inWindow = events.filter((event) => event.at >= window.from);
	const flows = [...flowFacts(events, window.from).entries()].filter(
		([, facts]) => facts.eventsIn.size > 0,
	);
	return [
		...flows.flatMap(([flowId, facts]) => flowIndicators(flowId, facts, thresholds)),
		...writeIndicators(inWindow, thresholds),
		approvalIndicator(inWindow, thresholds),
		accuracyIndicator(inWindow, thresholds),
	];
}
