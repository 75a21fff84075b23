/**
 * One sentence per trail event that a support person can read aloud: what came in, what we
 * built, what the remote said, what we did next. Rendered from the stored event (its kind,
 * decision and details), so every event ever written has one, old ones included.
 */
import type { AuditEvent } from '../ledger/types';

type Details = Record<string, unknown>;
type Render = (decision: string, details: Details) => string;

const str = (value: unknown, fallback = ''): string =>
	value === undefined || value === null || value === '' ? fallback : String(value);
const remoteOf = (scope: unknown): string =>
	({ erp: 'the ERP', '3pl': 'the 3PL' })[str(scope)] ?? `the remote (${str(scope, 'unknown')})`;
const http = (status: unknown) =>
	status === undefined || status === null ? '' : ` (HTTP ${String(status)})`;

const DUPLICATE_REASONS: Record<string, (details: Details) => string> = {
	'seen-before': (d) =>
		`already processed${d.firstExecutionId ? ` by execution ${str(d.firstExecutionId)}` : ''}`,
	stale: (d) => `its version (${str(d.version)}) is not newer than one already processed`,
	'own-write': (d) =>
		`its version (${str(d.version)}) is the echo of the flow's own write (the tag it set), not a change`,
	'in-flight': () => 'another execution is processing it right now',
	'same-batch': () => 'the same item came twice in one batch',
};

const RENDERERS: Record<string, Render> = {
	'inbox.accepted': (_, d) =>
		`Shopify sent ${str(d.topic, 'an event')} (event ${str(d.eventId, '?')}) by ${str(d.source, 'webhook')}; recorded before answering Shopify.`,
	'webhook.received': (_, d) =>
		`Shopify sent ${str(d.topic, 'an event')} (event ${str(d.eventId, '?')}) by webhook.`,
	'inbox.parked': (_, d) =>
		`Shopify sent ${str(d.topic, 'an event')} (event ${str(d.eventId, '?')}) while the flow was paused (by ${str(d.pausedBy, 'someone')} since ${str(d.pausedSince, '?')}); kept, to run when the flow is resumed.`,
	'flow.paused': (_, d) =>
		`Flow paused by ${str(d.by, 'someone')}: ${str(d.reason, 'no reason given')}. What arrives is kept, not run.`,
	'flow.resumed': (_, d) =>
		`Flow resumed by ${str(d.by, 'someone')}; ${str(d.parked, '0')} kept deliveries run now, in the order they arrived.`,
	'inbox.repeated': (_, d) =>
		`Shopify sent ${str(d.topic, 'an event')} (event ${str(d.eventId, '?')}) again; answered without running the workflow, as the first copy is recorded.`,
	'webhook.processed': (decision, d) =>
		`Shopify sent ${str(d.topic, 'an event')} (event ${str(d.eventId, '?')}); answered without running the workflow: ${decision === 'own-write' ? "it is the echo of the flow's own write (the tag it set), not a change" : `this version (${str(d.version)}) was already processed`}.`,
	'poll.found': (_, d) =>
		`The ${str(d.source) === 'manual' ? 'poll (run by hand)' : 'poll fallback'} found ${str(d.topic, 'a change')} (event ${str(d.eventId, '?')}), changed in Shopify at ${str(d.changedAt, '?')}.`,
	'inbox.redriven': (_, d) =>
		`Delivery run again (attempt ${str(d.attempt, '?')}): ${str(d.reason, 'it was not finished')}.`,
	'inbox.settled': (_, d) => `Delivery settled: ${str(d.outcome, 'done')}.`,
	'inbox.abandoned': (_, d) =>
		`Delivery given up after ${str(d.redrives, 'several')} re-drives: ${str(d.outcome, 'never finished')}.`,
	'dedupe.new': (decision) =>
		decision === 'claimed'
			? 'Let through once and held until it is booked (claim held).'
			: 'Let through once (first time seen).',
	'dedupe.duplicate': (decision, d) =>
		`Skipped as a duplicate: ${(DUPLICATE_REASONS[decision] ?? (() => decision))(d)}.`,
	'dedupe.confirm': () => 'Marked done: later deliveries of it are skipped.',
	'dedupe.release': () => 'Given back: the next delivery or the poll tries again.',
	'dedupe.forget': (decision, d) =>
		decision === 'retry'
			? `Given back by ${str(d.by, 'someone')} to retry ${str(d.exception, 'an exception')}: the run again passes as new.`
			: 'Forgotten: the next delivery passes as new.',
	'erp.mapped': (_, d) =>
		`Mapped to a sales order for ${str(d.orderNumber, 'the order')}: ${str(d.lines, '?')} line(s), ${str(d.total, '?')}, entity ${str(d.legalEntity, '?')}.`,
	'erp.mapping-refused': (_, d) =>
		`Not sent to the ERP: ${Array.isArray(d.reasons) ? d.reasons.join('; ') : str(d.reasons, 'it cannot be mapped')}.`,
	'write.begin': (_, d) => `Started the write ${str(d.key)} to ${remoteOf(d.scope)}.`,
	'write.done': (decision, d) =>
		decision === 'replayed'
			? `Already done earlier: replayed the answer of ${remoteOf(d.scope)} for ${str(d.key)}, nothing sent.`
			: decision === 'verified-present'
				? `${remoteOf(d.scope)} already had ${str(d.key)} (checked after an attempt stopped): kept as done${http(d.status)}.`
				: `${remoteOf(d.scope)} accepted ${str(d.key)}${http(d.status)}${d.attempts && Number(d.attempts) > 1 ? ` after ${String(d.attempts)} attempts` : ''}.`,
	'write.failed': (decision, d) =>
		decision === 'replayed'
			? `Failed earlier: replayed the refusal of ${remoteOf(d.scope)} for ${str(d.key)}.`
			: `${remoteOf(d.scope)} refused ${str(d.key)}${http(d.status)}.`,
	'write.in-doubt': (decision, d) =>
		decision === 'replayed'
			? `Still in doubt: ${str(d.key)} is not sent again until someone checks ${remoteOf(d.scope)}.`
			: `Sent ${str(d.key)} to ${remoteOf(d.scope)} but the answer was lost: in doubt until someone checks.`,
	'write.shadow': (_, d) =>
		`Shadow run: would have sent ${str(d.method, 'a write')} ${str(d.url)} to ${remoteOf(d.scope)} (${str(d.key)}); recorded, not sent.`,
	'write.verified': (_, d) =>
		`${remoteOf(d.scope)} did not have ${str(d.key)} after an attempt stopped: sent it.`,
	'write.conflict': (_, d) => str(d.reason, 'The write was refused: another request used its key.'),
	'write.superseded': (_, d) =>
		`A write that died with its worker (${str(d.key)}) was settled: ${remoteOf(d.scope)} holds ${str(d.holds, 'a newer version')}.`,
	'write.resolved': (decision, d) =>
		`${str(d.by, 'Someone')} resolved the in-doubt write ${str(d.key)} as ${decision === 'applied' ? 'applied' : 'not applied'}: ${str(d.note, 'no note')}.`,
	'exception.opened': (_, d) =>
		`Reported as exception ${str(d.exception)} (${str(d.kind).replace('_', ' ')}): ${str(d.reason)}.`,
	'exception.repeated': (_, d) =>
		`Exception ${str(d.exception)} happened again (${str(d.timesSeen)} times): ${str(d.reason)}.`,
	'exception.retried': (decision, d) =>
		`${str(d.by, 'Someone')} asked to retry exception ${str(d.exception)}: ${decision === 'redrive' ? "queued for the workflow's Redelivery Trigger to run again" : 'its dedupe key was given back for the next delivery or poll'}.`,
	'exception.alert-failed': (_, d) =>
		`The alert about exception ${str(d.exception)} (${str(d.node, 'its alert node')}) could not be sent: ${str(d.error, 'no reason given')}; the exception stays in the queue.`,
	'exception.acknowledged': (_, d) =>
		`${str(d.by, 'Someone')} acknowledged exception ${str(d.exception)}.`,
	'exception.resolved': (decision, d) =>
		decision === 'automatic'
			? `Exception ${str(d.exception)} resolved by itself: ${str(d.note).replace(/^Resolved automatically: /, '')}.`
			: `${str(d.by, 'Someone')} resolved exception ${str(d.exception)}: ${str(d.note, 'no note')}.`,
	'approval.requested': (_, d) =>
		`Held for approval by ${Array.isArray(d.approvers) && d.approvers.length ? d.approvers.join(', ') : 'anyone with the link'} (until ${str(d.expiresAt)}).`,
	'approval.decision': (decision, d) =>
		`${str(d.approver, 'An approver')} ${decision === 'approve' ? 'approved' : 'rejected'}${d.comment ? `: “${str(d.comment)}”` : ''}${d.settled ? ` — the request is ${str(d.status)}` : ''}.`,
	'approval.timed-out': (_, d) =>
		`Nobody decided before the approval expired (policy: ${str(d.policy, 'timed out')}).`,
	'reconcile.run': (decision) =>
		`Reconciliation ran: ${decision === 'fail' ? 'over its threshold' : 'within its threshold'}.`,
};

/** The event's sentence; an event of a kind this version does not know is described by its name. */
export function summarize(event: Pick<AuditEvent, 'event' | 'decision' | 'details'>): string {
	const render = RENDERERS[event.event];
	const sentence = render
		? render(str(event.decision), event.details ?? {})
		: `${event.event}${event.decision ? `: ${event.decision}` : ''}.`;
	return sentence.replace(/\.\.$/, '.').replace(/^the /, 'The ');
}
