/**
 * The Dedupe Gate's decision for a batch of items, on the ledger: each distinct key is claimed
 * in one atomic statement (one round trip for the batch); an item passes as New only if its
 * claim won. Duplicates say why: seen before (when, by which execution, how often), stale (an
 * equal or older version), the echo of the flow's own write (the version its confirm recorded),
 * held by a run still in flight, or repeated within the same batch.
 */
import { randomUUID } from 'node:crypto';

import type { AuditEvent, Ledger, StoredKey } from '../ledger/types';

export type DedupeMode = 'firstSeenWins' | 'newerVersionWins';
export type DuplicateReason = 'seen-before' | 'stale' | 'own-write' | 'in-flight' | 'same-batch';

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

/** A lone surrogate (text cut mid-emoji) is stored as U+FFFD: two different keys would collide. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a key cannot be stored as given, in words; undefined when it can. */
export function keyProblem(key: unknown): string | undefined {
	if (key !== null && typeof key === 'object')
		return `is ${Array.isArray(key) ? 'a list' : 'an object'}, not a text or number (it would be stored as "[object Object]" and collide)`;
	if (typeof key !== 'string' || key.trim() === '') return 'is empty';
	if (LONE_SURROGATE.test(key))
		return 'is not valid text: it holds half of an emoji or other character, as when a name is cut mid-character';
	return undefined;
}

function checkedKey(item: DedupeItem, index: number): string {
	const problem = keyProblem(item.key);
	if (problem) throw new DedupeInputError(index, `The dedupe key of item ${index} ${problem}`);
	return item.key;
}

type Ranked = DedupeItem & { index: number; rank: number | null; version: string | null };

/** One candidate per key: the first (first-seen-wins) or the newest version (ties: the first). */
function candidatesOf(ranked: Ranked[], newer: boolean): Map<string, Ranked> {
	const candidates = new Map<string, Ranked>();
	for (const item of ranked) {
		const current = candidates.get(item.key);
		if (!current || (newer && (item.rank as number) > (current.rank as number)))
			candidates.set(item.key, item);
	}
	return candidates;
}

/** A namespace several workflows share by name (a workflow's own is `workflow:<id>`). */
export function sharedNamespace(name: string): string {
	return `shared:${name}`;
}

/**
 * Why a version of a stored key needs no processing: not newer than the version stored, or
 * exactly the version the flow's own write left the entity at. Undefined when it is new.
 */
export function versionKnown(row: StoredKey, rank: number): 'stale' | 'own-write' | undefined {
	if (row.versionRank !== null && rank <= row.versionRank) return 'stale';
	if (row.ownWriteRank !== null && rank === row.ownWriteRank) return 'own-write';
	return undefined;
}

/**
 * Whether a version is already processed for good: a confirmed, unexpired key says so (a held
 * claim may yet be given back). What a trigger can answer without starting an execution.
 */
export function versionProcessed(
	row: StoredKey | undefined,
	rank: number,
	now: number,
): 'stale' | 'own-write' | undefined {
	if (!row || row.state !== 'confirmed' || row.expiresAt <= now) return undefined;
	return versionKnown(row, rank);
}

function decisionOf(
	item: Ranked,
	candidates: Map<string, Ranked>,
	stored: Map<string, StoredKey>,
	token: string,
	newer: boolean,
	now: number,
): DedupeDecision {
	const row = stored.get(item.key);
	const base = { key: item.key, entity: item.entity, version: item.version, stored: row };
	if (candidates.get(item.key) !== item) {
		const older = newer && (item.rank as number) < (candidates.get(item.key)!.rank as number);
		return { ...base, outcome: 'duplicate', reason: older ? 'stale' : 'same-batch' };
	}
	if (row?.claimToken === token) return { ...base, outcome: 'new' };
	const known = newer && row ? versionKnown(row, item.rank as number) : undefined;
	if (known) return { ...base, outcome: 'duplicate', reason: known };
	if (row?.state === 'claimed' && (row.leaseUntil ?? 0) > now)
		return { ...base, outcome: 'duplicate', reason: 'in-flight' };
	return { ...base, outcome: 'duplicate', reason: 'seen-before' };
}

function auditOf(decisions: DedupeDecision[], options: DedupeOptions, now: number): AuditEvent[] {
	return decisions.map((decision) => ({
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
				? {
						firstSeenAt: new Date(decision.stored.firstSeenAt).toISOString(),
						firstExecutionId: decision.stored.firstExecutionId,
						timesSeen: decision.stored.timesSeen,
					}
				: {}),
		},
	}));
}

/**
 * Claims every distinct key of the batch and records the decisions on the audit trail in one
 * transaction. When the ledger fails, nothing passed and every key stays claimable — except
 * when only the COMMIT's answer was lost: then the ledger is asked whether this attempt's
 * claims are there, and if they are, the batch goes on as recorded.
 */
export async function checkAndClaim(
	ledger: Ledger,
	items: DedupeItem[],
	options: DedupeOptions,
): Promise<DedupeDecision[]> {
	const now = options.now ?? Date.now();
	const token = randomUUID();
	const newer = options.mode === 'newerVersionWins';
	const ranked: Ranked[] = items.map((item, index) => ({
		...item,
		key: checkedKey(item, index),
		index,
		rank: newer ? versionRank(item.version, index) : null,
		version: newer ? String(item.version) : null,
	}));
	const candidates = candidatesOf(ranked, newer);
	const requests = [...candidates.values()].map((item) => ({
		key: item.key,
		version: item.version,
		versionRank: item.rank,
	}));
	const decide = (stored: Map<string, StoredKey>) =>
		ranked.map((item) => decisionOf(item, candidates, stored, token, newer, now));
	let decisions: DedupeDecision[] = [];
	try {
		await ledger.claim(requests, { ...options, token, now }, (stored) =>
			auditOf((decisions = decide(stored)), options, now),
		);
		return decisions;
	} catch (error) {
		const stored = await committedDespite(
			error,
			ledger,
			options.namespace,
			[...candidates.keys()],
			token,
		);
		return decide(stored);
	}
}

const VERIFY_ATTEMPTS = 5;

/** After a failed claim: the rows as stored when this attempt's claims did commit; else the error again. */
async function committedDespite(
	error: unknown,
	ledger: Ledger,
	namespace: string,
	keys: string[],
	token: string,
): Promise<Map<string, StoredKey>> {
	for (let attempt = 1; attempt <= VERIFY_ATTEMPTS; attempt++) {
		try {
			const stored = await ledger.inspect(namespace, keys);
			if ([...stored.values()].some((row) => row.claimToken === token)) return stored;
			throw error;
		} catch (verifyError) {
			if (verifyError === error || attempt === VERIFY_ATTEMPTS) throw error;
			await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
		}
	}
	throw error;
}
