/**
 * Recovering accepted webhook deliveries that no execution settled: the worker running them
 * died, n8n marked the job failed, and Shopify (answered 200) will not send them again. The
 * sweep re-drives each one through the same workflow, where the Dedupe Gate and the idempotent
 * writes make a second run safe; a delivery still being worked on by a live process waits.
 */
import { adviceFor } from '../exceptions/advice';
import { DEAD_AFTER_MS } from '../ledger/liveness';
import {
	exceptionName,
	RESUME_ACCEPTOR,
	type AuditEvent,
	type DueDelivery,
	type Ledger,
} from '../ledger/types';

export interface RedeliveryPolicy {
	/** How long an accepted delivery may go unsettled before it is re-driven (doubled after each re-drive). */
	redriveAfterMs: number;
	/** Re-drives before the delivery is given up and reported. */
	maxRedrives: number;
}

export const DEFAULT_REDELIVERY: RedeliveryPolicy = { redriveAfterMs: 60_000, maxRedrives: 3 };

export type SweepDecision =
	| { action: 'redrive'; reason: string; nextDueAt: number }
	| { action: 'wait'; reason: string; nextDueAt: number }
	| { action: 'settle'; state: 'done' | 'abandoned'; outcome: string };

/** What to do with one due delivery, from the state of the claim it is linked to. */
export function decideDue(
	delivery: DueDelivery,
	now: number,
	policy: RedeliveryPolicy,
): SweepDecision {
	const key = delivery.linkedKey;
	if (key?.state === 'claimed' && !key.ownerDead && (key.leaseUntil ?? 0) > now) {
		return {
			action: 'wait',
			reason: 'its claim is held by a live execution',
			nextDueAt: waitUntil(key, now, policy),
		};
	}
	// It only waited behind another execution's claim, which has since been confirmed.
	if (key?.state === 'confirmed' && delivery.claim?.executionId === null)
		return { action: 'settle', state: 'done', outcome: 'duplicate' };
	if (delivery.redrives >= policy.maxRedrives) {
		return {
			action: 'settle',
			state: 'abandoned',
			outcome: `re-driven ${delivery.redrives} times and still not settled by its workflow`,
		};
	}
	return {
		action: 'redrive',
		reason: redriveReason(delivery),
		nextDueAt: now + policy.redriveAfterMs * 2 ** (delivery.redrives + 1),
	};
}

/**
 * A held claim is looked at again when its lease ends or its holder would count as dead if it
 * stopped beating now, whichever comes first (at most a re-drive interval): a worker killed
 * just after a sweep costs DEAD_AFTER_MS, not another interval on top.
 */
function waitUntil(
	key: NonNullable<DueDelivery['linkedKey']>,
	now: number,
	policy: RedeliveryPolicy,
): number {
	const holderDeadAt = key.ownerBeatAt === null ? Infinity : key.ownerBeatAt + DEAD_AFTER_MS + 1;
	return Math.max(
		now + 1000,
		Math.min(now + policy.redriveAfterMs, key.leaseUntil ?? Infinity, holderDeadAt),
	);
}

function redriveReason(delivery: DueDelivery): string {
	const retry = delivery.item.retry as { exception?: string; by?: string } | undefined;
	if (retry && delivery.redrives === 0)
		return `retry of ${retry.exception ?? 'an exception'} requested by ${retry.by ?? 'someone'}`;
	if (delivery.acceptedBy === RESUME_ACCEPTOR && delivery.redrives === 0)
		return 'parked while its flow was paused; the flow was resumed';
	const key = delivery.linkedKey;
	if (!delivery.claim)
		return 'no execution reached the Dedupe Gate with it (the execution died, stalled or failed before)';
	if (key === null)
		return 'its claim was given back without being confirmed or released by its workflow';
	if (key.state === 'confirmed')
		return 'the claim it was linked to was confirmed by another execution';
	return key.ownerDead
		? 'the process holding its claim stopped (a worker died mid-execution)'
		: "its claim's lease lapsed unconfirmed";
}

export interface Redelivery {
	item: Record<string, unknown>;
	inboxId: string;
	attempt: number;
	acceptedAt: string;
	reason: string;
}

export interface SweepResult {
	redelivered: Redelivery[];
	waiting: number;
	settled: number;
	/** Given up, each with the exception it opened (E-12), or why none could be recorded. */
	abandoned: Array<{
		inboxId: string;
		entity: string;
		reason: string;
		exception: string | null;
		exceptionError?: string;
	}>;
}

function sweepAudit(
	delivery: DueDelivery,
	event: string,
	decision: string,
	details: Record<string, unknown>,
	at: number,
	node: string,
): AuditEvent[] {
	return [
		{
			entity: delivery.entity,
			event,
			decision,
			workflowId: delivery.workflowId,
			node,
			at,
			details: {
				inboxId: delivery.id,
				topic: delivery.topic,
				eventId: delivery.eventId,
				...details,
			},
		},
	];
}

/** A delivery given up is an exception in the queue (whether or not the Given Up branch reports it). */
async function abandonedException(
	ledger: Ledger,
	delivery: DueDelivery,
	outcome: string,
	at: { node: string; now: number },
): Promise<SweepResult['abandoned'][number]> {
	const reason = `The ${delivery.topic} delivery ${delivery.eventId} was ${outcome}`;
	const given = { inboxId: delivery.id, entity: delivery.entity, reason: outcome };
	try {
		const [exception] = await ledger.recordExceptions([
			{
				kind: 'abandoned',
				entity: delivery.entity,
				workflowId: delivery.workflowId,
				node: at.node,
				executionId: null,
				reason,
				action: adviceFor('abandoned', { remote: 'the workflow' }),
				item: delivery.item,
				at: at.now,
			},
		]);
		return { ...given, exception: exceptionName(exception.id) };
	} catch (error) {
		// It is given up already: it still goes out on Given Up, saying the queue missed it.
		return { ...given, exception: null, exceptionError: (error as Error).message };
	}
}

/** One sweep over a workflow's due deliveries; each is taken atomically, so two sweepers never re-drive the same one. */
export async function sweepInbox(
	ledger: Ledger,
	input: {
		workflowId: string;
		node: string;
		now: number;
		policy: RedeliveryPolicy;
		everyMs: number;
		limit?: number;
	},
): Promise<SweepResult> {
	const { now, policy, node } = input;
	// Seen sweeping: a retry of this workflow's exceptions can count on this trigger.
	await ledger.recordSweep({
		workflowId: input.workflowId,
		node,
		everyMs: input.everyMs,
		sweptAt: now,
	});
	const result: SweepResult = { redelivered: [], waiting: 0, settled: 0, abandoned: [] };
	const due = await ledger.dueDeliveries(input.workflowId, now, {
		acceptedBefore: now - policy.redriveAfterMs,
		limit: input.limit,
	});
	for (const delivery of due) {
		const decision = decideDue(delivery, now, policy);
		const take = {
			id: delivery.id,
			dueAt: delivery.dueAt,
			now,
			redrive: decision.action === 'redrive',
			nextDueAt: 'nextDueAt' in decision ? decision.nextDueAt : now,
			settle: null,
		};
		if (decision.action === 'wait') {
			if (await ledger.takeDelivery(take)) result.waiting++;
		} else if (decision.action === 'settle') {
			const event = decision.state === 'abandoned' ? 'inbox.abandoned' : 'inbox.settled';
			const audit = sweepAudit(
				delivery,
				event,
				decision.state,
				{ outcome: decision.outcome, redrives: delivery.redrives },
				now,
				node,
			);
			if (
				!(await ledger.takeDelivery(
					{ ...take, settle: { state: decision.state, outcome: decision.outcome } },
					audit,
				))
			)
				continue;
			if (decision.state === 'abandoned')
				result.abandoned.push(
					await abandonedException(ledger, delivery, decision.outcome, { node, now }),
				);
			else result.settled++;
		} else {
			const attempt = delivery.redrives + 1;
			const audit = sweepAudit(
				delivery,
				'inbox.redriven',
				'redrive',
				{ attempt, reason: decision.reason },
				now,
				node,
			);
			if (!(await ledger.takeDelivery(take, audit))) continue;
			result.redelivered.push({
				item: delivery.item,
				inboxId: delivery.id,
				attempt,
				acceptedAt: new Date(delivery.receivedAt).toISOString(),
				reason: decision.reason,
			});
		}
	}
	return result;
}
