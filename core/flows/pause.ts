/**
 * Pausing a flow for a cutover or a rollback: nothing that arrives is dropped or run — the flow's
 * Shopify Trigger parks each delivery in the inbox and its poll waits — and resuming drains what
 * was parked, in the order it arrived, through the flow's Redelivery Trigger (the Dedupe Gate and
 * the idempotent writes make anything that also came another way harmless).
 */
import type { AuditEvent, FlowPause, Ledger } from '../ledger/types';

/** The trail entity a flow's pauses and resumes are recorded on. */
export function flowEntity(workflowId: string): string {
	return `flow:${workflowId}`;
}

export interface FlowStatus {
	workflowId: string;
	paused: boolean;
	pausedAt: string | null;
	pausedBy: string | null;
	reason: string | null;
	/** Deliveries kept while paused, waiting for the resume. */
	parked: number;
	summary: string;
}

function iso(at: number): string {
	return new Date(at).toISOString();
}

export async function flowStatus(ledger: Ledger, workflowId: string): Promise<FlowStatus> {
	const [pause] = await ledger.flowPauses(workflowId);
	const parked = await ledger.countDeliveries('parked', workflowId);
	const summary = pause
		? `Paused since ${iso(pause.pausedAt)} by ${pause.by} (${pause.reason}); ${parked} deliver${parked === 1 ? 'y' : 'ies'} parked, to run on resume.`
		: `Running${parked ? `; ${parked} deliveries still parked from a pause` : ''}.`;
	return {
		workflowId,
		paused: Boolean(pause),
		pausedAt: pause ? iso(pause.pausedAt) : null,
		pausedBy: pause?.by ?? null,
		reason: pause?.reason ?? null,
		parked,
		summary,
	};
}

export async function pauseFlow(
	ledger: Ledger,
	input: { workflowId: string; by: string; reason: string; now: number; node: string },
): Promise<FlowStatus> {
	const pause: FlowPause = {
		workflowId: input.workflowId,
		pausedAt: input.now,
		by: input.by,
		reason: input.reason,
	};
	const audit: AuditEvent[] = [
		{
			entity: flowEntity(input.workflowId),
			event: 'flow.paused',
			decision: 'paused',
			workflowId: input.workflowId,
			node: input.node,
			at: input.now,
			details: { by: input.by, reason: input.reason },
		},
	];
	await ledger.pauseFlow(pause, audit);
	return await flowStatus(ledger, input.workflowId);
}

export interface ResumeOutcome extends FlowStatus {
	/** Parked deliveries made due by this resume. */
	released: number;
	/** What still stands between the parked deliveries and a run, when something does. */
	warning: string | null;
}

export async function resumeFlow(
	ledger: Ledger,
	input: { workflowId: string; by: string; now: number; node: string; redeliveryWithinMs: number },
): Promise<ResumeOutcome> {
	const resumed = await ledger.resumeFlow(input.workflowId, ({ pause, parked }) => [
		{
			entity: flowEntity(input.workflowId),
			event: 'flow.resumed',
			decision: 'resumed',
			workflowId: input.workflowId,
			node: input.node,
			at: input.now,
			details: { by: input.by, parked, pausedSince: pause ? iso(pause.pausedAt) : null },
		},
	]);
	const sweepers = await ledger.sweepersOf(input.workflowId);
	const sweeping = sweepers.some(
		(sweeper) =>
			input.now - sweeper.sweptAt <= Math.max(input.redeliveryWithinMs, 3 * sweeper.everyMs),
	);
	const warning =
		resumed.parked > 0 && !sweeping
			? `${resumed.parked} parked deliveries are due, but no Redelivery Trigger of this workflow has swept lately: publish the workflow with its Orderflow Redelivery Trigger (every template has one) to run them.`
			: resumed.pause
				? null
				: 'The flow was not paused.';
	return { ...(await flowStatus(ledger, input.workflowId)), released: resumed.parked, warning };
}
