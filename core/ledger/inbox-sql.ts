/**
 * The webhook inbox: a delivery is recorded before Shopify is answered, linked to the dedupe
 * claim its execution made, and settled when that execution confirms or releases the claim (or
 * the gate calls it a duplicate). What stays accepted is re-driven by the Redelivery Trigger.
 */
import { boundedDelete, inList, nullableNumber, type Dialect, type Statement } from './dialect';
import { indexedForm } from './indexed';
import { ownerDead } from './liveness';
import {
	RESUME_ACCEPTOR,
	RETRY_ACCEPTOR,
	type DeliveryNote,
	type DeliveryTake,
	type DueDelivery,
	type InboxRecord,
	type NewDelivery,
} from './types';

const INBOX_COLUMNS =
	'id, workflow_id, node, topic, event_id, entity, item, state, outcome, received_at, due_at, redrives, claim_namespace, claim_key, claim_execution, settled_at, accepted_by';

/** The inbox id of a delivery: one row per workflow, trigger node, topic and Shopify event. */
export function deliveryId(
	delivery: Pick<NewDelivery, 'workflowId' | 'node' | 'topic' | 'eventId'>,
): string {
	return indexedForm(
		[delivery.workflowId, delivery.node, delivery.topic, delivery.eventId].join('|'),
	);
}

export function acceptStatement(d: Dialect, delivery: NewDelivery, id: string): Statement {
	const state = delivery.parked ? 'parked' : 'accepted';
	const values = [
		id,
		delivery.workflowId,
		delivery.node,
		delivery.topic,
		delivery.eventId,
		delivery.entity,
		JSON.stringify(delivery.item),
		delivery.receivedAt,
		delivery.dueAt,
		delivery.acceptedBy,
		state,
	];
	const p = (n: number) => d.param(n);
	return {
		sql: `INSERT INTO ${d.table('inbox')} (id, workflow_id, node, topic, event_id, entity, item, state, received_at, due_at, redrives, accepted_by)
			VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(11)}, ${p(8)}, ${p(9)}, 0, ${p(10)})
			ON CONFLICT (id) DO NOTHING RETURNING id`,
		params: values,
	};
}

export function getDeliveryStatement(d: Dialect, id: string): Statement {
	return {
		sql: `SELECT ${INBOX_COLUMNS} FROM ${d.table('inbox')} WHERE id = ${d.param(1)}`,
		params: [id],
	};
}

/** A link to the claim the delivery's execution holds (or waits behind), or its outcome when it needs nothing more. */
export function noteStatement(d: Dialect, note: DeliveryNote, now: number): Statement {
	const p = (n: number) => d.param(n);
	if ('outcome' in note) {
		// A repeat's verdict never settles what the delivery's own run still holds (that run may have
		// died: the sweep decides by its claim).
		const stillHeld = `EXISTS (SELECT 1 FROM ${d.table('dedupe_keys')} k WHERE k.namespace = i.claim_namespace AND k.key = i.claim_key AND k.state = 'claimed' AND k.claim_execution = i.claim_execution)`;
		return {
			sql: `UPDATE ${d.table('inbox')} AS i SET state = 'done', outcome = ${p(2)}, settled_at = ${p(3)} WHERE i.id = ${p(1)} AND i.state = 'accepted' AND NOT ${stillHeld}`,
			params: [note.id, note.outcome, now],
		};
	}
	// Waiting behind another run's claim never replaces the link to a claim of its own.
	const unlinked = note.executionId === null ? ' AND claim_namespace IS NULL' : '';
	return {
		sql: `UPDATE ${d.table('inbox')} SET claim_namespace = ${p(2)}, claim_key = ${p(3)}, claim_execution = CAST(${p(4)} AS TEXT) WHERE id = ${p(1)} AND state = 'accepted'${unlinked}`,
		params: [note.id, note.namespace, indexedForm(note.key), note.executionId],
	};
}

/** Settles the deliveries whose execution held these claims (confirmed or released them). */
export function settleLinkedStatement(
	d: Dialect,
	input: { namespace: string; keys: string[]; executionId: string; outcome: string; now: number },
): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `UPDATE ${d.table('inbox')} SET state = 'done', outcome = ${p(1)}, settled_at = ${p(2)}
			WHERE claim_namespace = ${p(3)} AND claim_execution = ${p(4)} AND state = 'accepted' AND ${inList(d, 'claim_key', input.keys.map(indexedForm), 5)} RETURNING id`,
		params: [
			input.outcome,
			input.now,
			input.namespace,
			input.executionId,
			...input.keys.map(indexedForm),
		],
	};
}

/** Accepted deliveries of a workflow whose time came, with the state of the claim each is linked to. */
export function dueStatement(
	d: Dialect,
	input: {
		workflowId: string;
		now: number;
		acceptedBefore: number;
		deadline: number;
		limit: number;
	},
): Statement {
	const p = (n: number) => d.param(n);
	const columns = INBOX_COLUMNS.split(', ')
		.map((column) => `i.${column}`)
		.join(', ');
	return {
		sql: `SELECT ${columns}, k.state AS key_state, k.lease_until AS key_lease_until,
				CASE WHEN k.state = 'claimed' AND ${ownerDead(d, 'k.owner_process', p(3))} THEN 1 ELSE 0 END AS key_owner_dead,
				o.beat_at AS key_owner_beat_at
			FROM ${d.table('inbox')} i
			LEFT JOIN ${d.table('dedupe_keys')} k ON k.namespace = i.claim_namespace AND k.key = i.claim_key
			LEFT JOIN ${d.table('processes')} o ON o.id = k.owner_process
			WHERE i.workflow_id = ${p(1)} AND i.state = 'accepted' AND i.due_at <= ${p(2)} AND (i.redrives > 0 OR i.received_at <= ${p(5)} OR i.accepted_by IN ('${RETRY_ACCEPTOR}', '${RESUME_ACCEPTOR}'))
			ORDER BY i.due_at LIMIT ${p(4)}`,
		params: [input.workflowId, input.now, input.deadline, input.limit, input.acceptedBefore],
	};
}

/**
 * Takes a due delivery for one sweep (another main sweeping at once gets nothing): counts the
 * re-drive and sets when it is due next, or settles it (done or abandoned) with its outcome.
 */
export function takeStatement(d: Dialect, take: DeliveryTake): Statement {
	const p = (n: number) => d.param(n);
	const settled = `CAST(${p(5)} AS TEXT)`;
	return {
		sql: `UPDATE ${d.table('inbox')} SET due_at = ${p(3)}, redrives = redrives + ${p(4)},
				state = COALESCE(${settled}, state), outcome = COALESCE(${p(6)}, outcome),
				settled_at = CASE WHEN ${settled} IS NULL THEN settled_at ELSE ${p(7)} END
			WHERE id = ${p(1)} AND state = 'accepted' AND due_at = ${p(2)} RETURNING id`,
		params: [
			take.id,
			take.dueAt,
			take.nextDueAt,
			take.redrive ? 1 : 0,
			take.settle?.state ?? null,
			take.settle?.outcome ?? null,
			take.now,
		],
	};
}

/** Settled (done or given up) deliveries settled before `before`; accepted and parked ones wait. */
export function purgeInboxStatement(d: Dialect, before: number, limit: number): Statement {
	return boundedDelete(
		d,
		'inbox',
		`state IN ('done', 'abandoned') AND settled_at < ${d.param(1)}`,
		before,
		limit,
		'id',
	);
}

export function countInboxStatement(
	d: Dialect,
	workflowId: string | undefined,
	state: string,
): Statement {
	return workflowId === undefined
		? {
				sql: `SELECT count(*) AS n FROM ${d.table('inbox')} WHERE state = ${d.param(1)}`,
				params: [state],
			}
		: {
				sql: `SELECT count(*) AS n FROM ${d.table('inbox')} WHERE state = ${d.param(1)} AND workflow_id = ${d.param(2)}`,
				params: [state, workflowId],
			};
}

export function toInboxRecord(row: Record<string, unknown>): InboxRecord {
	return {
		id: String(row.id),
		workflowId: String(row.workflow_id),
		node: String(row.node),
		topic: String(row.topic),
		eventId: String(row.event_id),
		entity: String(row.entity),
		item: JSON.parse(String(row.item)) as Record<string, unknown>,
		state: row.state as InboxRecord['state'],
		outcome: (row.outcome as string | null) ?? null,
		receivedAt: Number(row.received_at),
		dueAt: Number(row.due_at),
		redrives: Number(row.redrives),
		claim: row.claim_namespace
			? {
					namespace: String(row.claim_namespace),
					key: String(row.claim_key),
					executionId: (row.claim_execution as string | null) ?? null,
				}
			: null,
		settledAt: nullableNumber(row.settled_at),
		acceptedBy: String(row.accepted_by),
	};
}

export function toDueDelivery(row: Record<string, unknown>): DueDelivery {
	const keyState = (row.key_state as string | null) ?? null;
	return {
		...toInboxRecord(row),
		linkedKey:
			keyState === null
				? null
				: {
						state: keyState as 'claimed' | 'confirmed',
						leaseUntil: nullableNumber(row.key_lease_until),
						ownerDead: Number(row.key_owner_dead) === 1,
						ownerBeatAt: nullableNumber(row.key_owner_beat_at),
					},
	};
}
