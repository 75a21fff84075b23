/**
 * What the ledger knows of the triggers that keep flows moving, so a health check can tell which
 * stopped: each Redelivery Trigger's last sweep, each poll trigger's last poll and its high-water
 * mark (also kept in n8n's static data, where nobody sees it), and the webhook subscriptions each
 * published Shopify Trigger needs at Shopify.
 */
import type { Dialect, Statement } from './dialect';
import type { PollRecord, SubscriptionRecord, SweeperRecord } from './types';

export function recordSweepStatement(d: Dialect, sweeper: SweeperRecord): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `INSERT INTO ${d.table('sweepers')} (workflow_id, node, every_ms, swept_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)})
			ON CONFLICT (workflow_id, node) DO UPDATE SET every_ms = excluded.every_ms, swept_at = excluded.swept_at`,
		params: [sweeper.workflowId, sweeper.node, sweeper.everyMs, sweeper.sweptAt],
	};
}

/** The sweepers of one workflow, or of all. */
export function sweepersStatement(d: Dialect, workflowId?: string): Statement {
	const where = workflowId === undefined ? '' : ` WHERE workflow_id = ${d.param(1)}`;
	return {
		sql: `SELECT workflow_id, node, every_ms, swept_at FROM ${d.table('sweepers')}${where} ORDER BY workflow_id, node`,
		params: workflowId === undefined ? [] : [workflowId],
	};
}

export function toSweeperRecord(row: Record<string, unknown>): SweeperRecord {
	return {
		workflowId: String(row.workflow_id),
		node: String(row.node),
		everyMs: Number(row.every_ms),
		sweptAt: Number(row.swept_at),
	};
}

/** A poll's outcome: a success moves the mark and clears the error; a failure keeps the last success. */
export function recordPollStatement(
	d: Dialect,
	poll: {
		workflowId: string;
		node: string;
		everyMs: number;
		at: number;
		highWaterMark?: string;
		error?: string;
	},
): Statement {
	const p = (n: number) => d.param(n);
	const ok = poll.error === undefined;
	return {
		sql: `INSERT INTO ${d.table('polls')} AS t (workflow_id, node, every_ms, polled_at, succeeded_at, high_water_mark, error)
			VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)})
			ON CONFLICT (workflow_id, node) DO UPDATE SET every_ms = excluded.every_ms, polled_at = excluded.polled_at,
				succeeded_at = COALESCE(excluded.succeeded_at, t.succeeded_at),
				high_water_mark = COALESCE(excluded.high_water_mark, t.high_water_mark),
				error = excluded.error`,
		params: [
			poll.workflowId,
			poll.node,
			poll.everyMs,
			poll.at,
			ok ? poll.at : null,
			poll.highWaterMark ?? null,
			poll.error ?? null,
		],
	};
}

export function pollsStatement(d: Dialect): Statement {
	return {
		sql: `SELECT workflow_id, node, every_ms, polled_at, succeeded_at, high_water_mark, error FROM ${d.table('polls')} ORDER BY workflow_id, node`,
		params: [],
	};
}

export function toPollRecord(row: Record<string, unknown>): PollRecord {
	return {
		workflowId: String(row.workflow_id),
		node: String(row.node),
		everyMs: Number(row.every_ms),
		polledAt: Number(row.polled_at),
		succeededAt:
			row.succeeded_at === null || row.succeeded_at === undefined ? null : Number(row.succeeded_at),
		highWaterMark: (row.high_water_mark as string | null) ?? null,
		error: (row.error as string | null) ?? null,
	};
}

export function recordSubscriptionsStatement(d: Dialect, record: SubscriptionRecord): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `INSERT INTO ${d.table('subscriptions')} (workflow_id, node, shop, uri, topics, recorded_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)})
			ON CONFLICT (workflow_id, node) DO UPDATE SET shop = excluded.shop, uri = excluded.uri, topics = excluded.topics, recorded_at = excluded.recorded_at`,
		params: [
			record.workflowId,
			record.node,
			record.shop,
			record.uri,
			JSON.stringify(record.topics),
			record.recordedAt,
		],
	};
}

export function forgetSubscriptionsStatement(
	d: Dialect,
	workflowId: string,
	node: string,
): Statement {
	return {
		sql: `DELETE FROM ${d.table('subscriptions')} WHERE workflow_id = ${d.param(1)} AND node = ${d.param(2)}`,
		params: [workflowId, node],
	};
}

export function subscriptionsStatement(d: Dialect): Statement {
	return {
		sql: `SELECT workflow_id, node, shop, uri, topics, recorded_at FROM ${d.table('subscriptions')} ORDER BY workflow_id, node`,
		params: [],
	};
}

export function toSubscriptionRecord(row: Record<string, unknown>): SubscriptionRecord {
	return {
		workflowId: String(row.workflow_id),
		node: String(row.node),
		shop: String(row.shop),
		uri: String(row.uri),
		topics: JSON.parse(String(row.topics)) as string[],
		recordedAt: Number(row.recorded_at),
	};
}
