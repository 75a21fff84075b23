/**
 * Retry of an exception, without SQL: what failed is run again through its own workflow.
 *
 * 1. The dedupe key the failed run passed (`dedupe` on its item) is given back when it was
 *    confirmed for this version or an older one, so the run again is not called a duplicate; a
 *    key a newer version was processed under since, or one a run holds now, is left alone.
 * 2. The Shopify event that started the run (the inbox's copy when it came by webhook, else the
 *    event fields of the item) is queued in the workflow's inbox; its Orderflow Redelivery
 *    Trigger sends it through the same Dedupe Gate at its next sweep.
 * 3. Without a Redelivery Trigger sweeping that workflow, only the key is given back: the next
 *    delivery, poll or scheduled run of the entity processes it.
 *
 * In-doubt writes are never retried (the remote may hold them): they are resolved as applied or
 * not applied. The exception stays open (acknowledged) until a later success at the same node
 * resolves it by itself.
 */
import {
	exceptionName,
	RETRY_ACCEPTOR,
	type ExceptionRecord,
	type Ledger,
	type StoredKey,
} from '../ledger/types';

/** Why a retry cannot be done, and what to do instead. */
export class RetryRefused extends Error {
	constructor(
		message: string,
		readonly fix: string,
	) {
		super(message);
		this.name = 'RetryRefused';
	}
}

export interface RetryRequest {
	id: number;
	by: string;
	note: string;
	now: number;
}

export interface RetryResult {
	exception: ExceptionRecord;
	/** redrive: queued for the workflow's Redelivery Trigger; release: only the key was given back. */
	how: 'redrive' | 'release';
	/** The dedupe key given back, if one was. */
	released: string | null;
	/** The inbox row the event was queued as (redrive). */
	inboxId: string | null;
	/** What happens next, in one sentence. */
	message: string;
}

/** The fields of a trigger item: what the Shopify and poll triggers emit for one event. */
const EVENT_FIELDS = [
	'topic',
	'shopDomain',
	'apiVersion',
	'webhookId',
	'eventId',
	'triggeredAt',
	'payload',
	'source',
];

/** A sweeper counts as running when it swept within three of its intervals (and a beat's grace). */
const SWEEPER_GRACE_MS = 10_000;

type Item = Record<string, unknown>;

/** The event that started the failed run, as its trigger emitted it; undefined when it did not start from one. */
async function eventOf(
	ledger: Ledger,
	exception: ExceptionRecord,
): Promise<{ item: Item; receivedAt: number } | undefined> {
	const item = exception.item;
	if (typeof item.inboxId === 'string') {
		const delivery = await ledger.getDelivery(item.inboxId);
		if (delivery) return { item: delivery.item, receivedAt: delivery.receivedAt };
	}
	if (item.payload === undefined || typeof item.topic !== 'string') return undefined;
	return {
		item: Object.fromEntries(
			EVENT_FIELDS.filter((field) => field in item).map((field) => [field, item[field]]),
		),
		receivedAt: exception.openedAt,
	};
}

interface DedupeFacts {
	namespace: string;
	key: string;
	version: string | null;
}

function dedupeOf(item: Item): DedupeFacts | undefined {
	const dedupe = item.dedupe as Item | undefined;
	if (typeof dedupe?.namespace !== 'string' || typeof dedupe.key !== 'string') return undefined;
	return {
		namespace: dedupe.namespace,
		key: dedupe.key,
		version: typeof dedupe.version === 'string' ? dedupe.version : null,
	};
}

function rankOf(version: string | null): number | null {
	if (version === null) return null;
	const rank = /^-?\d+(\.\d+)?$/.test(version) ? Number(version) : Date.parse(version);
	return Number.isNaN(rank) ? null : rank;
}

/** Gives the failed run's key back when a run again would otherwise be called a duplicate; refuses when a newer version went through since. */
async function releaseKey(
	ledger: Ledger,
	exception: ExceptionRecord,
	dedupe: DedupeFacts,
	request: RetryRequest,
): Promise<string | null> {
	const stored: StoredKey | undefined = (await ledger.inspect(dedupe.namespace, [dedupe.key])).get(
		dedupe.key,
	);
	// Gone already (the failure path released it) or held by a run now: the gate decides.
	if (!stored || stored.state === 'claimed') return null;
	const mine = rankOf(dedupe.version);
	if (mine !== null && stored.versionRank !== null && stored.versionRank > mine) {
		throw new RetryRefused(
			`${exceptionName(exception.id)} is about version ${dedupe.version} of ${exception.entity}, and a newer version (${stored.version}) was processed since by execution ${stored.lastExecutionId}`,
			'Nothing to retry: check the newer version’s outcome on the trail, then resolve this exception with a note.',
		);
	}
	const forgotten = await ledger.forget(dedupe.namespace, [dedupe.key], (keys) =>
		keys.map(() => ({
			entity: exception.entity,
			event: 'dedupe.forget',
			decision: 'retry',
			at: request.now,
			details: {
				namespace: dedupe.namespace,
				key: dedupe.key,
				by: request.by,
				exception: exceptionName(exception.id),
			},
		})),
	);
	return forgotten.length > 0 ? dedupe.key : null;
}

async function sweeping(ledger: Ledger, workflowId: string, now: number): Promise<boolean> {
	return (await ledger.sweepersOf(workflowId)).some(
		(sweeper) => sweeper.sweptAt >= now - 3 * sweeper.everyMs - SWEEPER_GRACE_MS,
	);
}

async function retryable(ledger: Ledger, id: number): Promise<ExceptionRecord> {
	const exception = await ledger.getException(id);
	const name = exceptionName(id);
	if (!exception)
		throw new RetryRefused(
			`There is no exception ${name}`,
			'List the exceptions with Exception → Get Many to find it.',
		);
	if (exception.state === 'resolved')
		throw new RetryRefused(
			`${name} is resolved (by ${exception.resolvedBy ?? 'someone'}): there is nothing to retry`,
			'A new failure opens a new exception.',
		);
	if (exception.kind === 'in_doubt') {
		throw new RetryRefused(
			`${name} is an in-doubt write: the remote may already hold it, so it is not sent again blindly`,
			'Check the remote, then use In-Doubt Write → Resolve as Applied, or Resolve as Not Applied (the next run sends it once).',
		);
	}
	return exception;
}

export async function retryException(ledger: Ledger, request: RetryRequest): Promise<RetryResult> {
	const exception = await retryable(ledger, request.id);
	const name = exceptionName(exception.id);
	const event = await eventOf(ledger, exception);
	const dedupe = dedupeOf(exception.item);
	const redrive =
		event !== undefined && (await sweeping(ledger, exception.workflowId, request.now));
	if (!redrive && !dedupe) {
		const why = event
			? `workflow ${exception.workflowId} has no Orderflow Redelivery Trigger sweeping its inbox`
			: 'it did not start from a Shopify event';
		throw new RetryRefused(
			`${name} cannot be sent again: ${why}, and its run held no dedupe key to give back`,
			'Retry its execution in n8n (Executions → Retry), or add a Redelivery Trigger to the workflow and retry again.',
		);
	}
	const released = dedupe ? await releaseKey(ledger, exception, dedupe, request) : null;
	if (!redrive && released === null) {
		throw new RetryRefused(
			`${name} cannot be sent again: workflow ${exception.workflowId} has no Orderflow Redelivery Trigger sweeping its inbox, and the dedupe key of ${exception.entity} is free already`,
			'Its next delivery or poll processes it; to run it now, retry its execution in n8n (Executions → Retry), or add a Redelivery Trigger to the workflow and retry again.',
		);
	}
	let inboxId: string | null = null;
	if (redrive) {
		const item: Item = {
			...event.item,
			retry: { exception: name, by: request.by, note: request.note },
		};
		const eventId = `retry:${name}:${request.now}`;
		const topic = typeof item.topic === 'string' ? item.topic : 'retry';
		({ id: inboxId } = await ledger.acceptDelivery({
			workflowId: exception.workflowId,
			node: 'Orderflow Ops',
			topic,
			eventId,
			entity: exception.entity,
			item,
			receivedAt: event.receivedAt,
			dueAt: request.now,
			acceptedBy: RETRY_ACCEPTOR,
		}));
	}
	const how = redrive ? 'redrive' : 'release';
	const message = redrive
		? `Queued for the workflow's Redelivery Trigger: its next sweep sends ${exception.entity} through the workflow again.`
		: `The dedupe key was given back: the next delivery, poll or scheduled run of ${exception.entity} processes it.`;
	const acknowledged =
		exception.state === 'open'
			? await ledger.acknowledgeException(exception.id, request.by, request.now)
			: undefined;
	await ledger.appendAudit([
		{
			entity: exception.entity,
			event: 'exception.retried',
			decision: how,
			workflowId: exception.workflowId,
			node: exception.node,
			at: request.now,
			details: { exception: name, by: request.by, note: request.note, released, inboxId },
		},
	]);
	return { exception: acknowledged ?? exception, how, released, inboxId, message };
}
