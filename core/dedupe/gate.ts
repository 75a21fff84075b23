/**
 * The Dedupe Gate's decision for a batch of items, on the ledger: each distinct key is claimed
 * in one atomic statement (one round trip for the batch); an item passes as New only if its
 * claim won. Duplicates say why: seen before (when, by which execution, how often), stale (an
 * equal or older version), held by a run still in flight, or repeated within the same batch.
 */
import { randomUUID } from 'node:crypto';

import type { Ledger, StoredKey } from '../ledger/types';

export type DedupeMode = 'firstSeenWins' | 'newerVersionWins';
export type DuplicateReason = 'seen-before' | 'stale' | 'in-flight' | 'same-batch';

export interface DedupeItem {
	key: string;
	/** The audit trail's subject, e.g. shopify:order:5531. */
	entity: string;
	version?: unknown;
}

export interface DedupeOptions {
	namespace: string;
	mode: DedupeMode;
	hold: boolean;
	leaseMs: number;
	retentionMs: number;
	workflowId: string;
	executionId: string;
	node: string;
	now?: number;
}

export interface DedupeDecision {
	key: string;
	entity: string;
	outcome: 'new' | 'duplicate';
	reason?: DuplicateReason;
	version: string | null;
	stored?: StoredKey;
}

export class DedupeInputError extends Error {
	constructor(
		readonly itemIndex: number,
		message: string,
	) {
		super(message);
		this.name = 'DedupeInputError';
	}
}

/** A version as a comparable number: numbers as they are, dates (ISO strings or Date) as epoch milliseconds. */
export function versionRank(value: unknown, itemIndex: number): number {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
	if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
		const parsed = Date.parse(text);
		if (!Number.isNaN(parsed)) return parsed;
	}
	throw new DedupeInputError(
		itemIndex,
		`The version ${JSON.stringify(value)} of item ${itemIndex} is neither a number nor a date, so it cannot be compared`,
	);
}

export async function checkAndClaim(ledger: Ledger, items: DedupeItem[], options: DedupeOptions): Promise<DedupeDecision[]> {
	const now = options.now ?? Date.now();
	const token = randomUUID();
	const newer = options.mode === 'newerVersionWins';
	const ranked = items.map((item, index) => {
		if (!item.key) throw new DedupeInputError(index, `Item ${index} has an empty dedupe key`);
		return { ...item, index, rank: newer ? versionRank(item.version, index) : null, version: newer ? String(item.version) : null };
	});

	// One candidate per key: the first (first-seen-wins) or the newest version (ties: the first).
	const candidates = new Map<string, (typeof ranked)[number]>();
	for (const item of ranked) {
		const current = candidates.get(item.key);
		if (!current || (newer && (item.rank as number) > (current.rank as number))) candidates.set(item.key, item);
	}
	const stored = await ledger.claim(
		[...candidates.values()].map((item) => ({ key: item.key, version: item.version, versionRank: item.rank })),
		{ ...options, token, now },
	);

	const decisions = ranked.map((item): DedupeDecision => {
		const row = stored.get(item.key);
		const base = { key: item.key, entity: item.entity, version: item.version, stored: row };
		if (candidates.get(item.key) !== item) {
			const older = newer && (item.rank as number) < (candidates.get(item.key)!.rank as number);
			return { ...base, outcome: 'duplicate', reason: older ? 'stale' : 'same-batch' };
		}
		if (row?.claimToken === token) return { ...base, outcome: 'new' };
		if (newer && row?.versionRank !== null && row !== undefined && (item.rank as number) <= (row.versionRank as number)) {
			return { ...base, outcome: 'duplicate', reason: 'stale' };
		}
		if (row?.state === 'claimed' && (row.leaseUntil ?? 0) > now) return { ...base, outcome: 'duplicate', reason: 'in-flight' };
		return { ...base, outcome: 'duplicate', reason: 'seen-before' };
	});

	await ledger.appendAudit(
		decisions.map((decision) => ({
			entity: decision.entity,
			event: decision.outcome === 'new' ? 'dedupe.new' : 'dedupe.duplicate',
			decision: decision.outcome === 'new' ? (options.hold ? 'claimed' : 'passed') : decision.reason,
			workflowId: options.workflowId,
			executionId: options.executionId,
			node: options.node,
			at: now,
			details: {
				namespace: options.namespace,
				key: decision.key,
				...(decision.version !== null ? { version: decision.version } : {}),
				...(decision.outcome === 'duplicate' && decision.stored
					? { firstSeenAt: new Date(decision.stored.firstSeenAt).toISOString(), firstExecutionId: decision.stored.firstExecutionId, timesSeen: decision.stored.timesSeen }
					: {}),
			},
		})),
	);
	return decisions;
}
