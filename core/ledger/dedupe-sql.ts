/**
 * Dedupe keys. Every claim is a single `INSERT … ON CONFLICT DO UPDATE … RETURNING` whose CASE
 * expressions decide, against the row as it was, whether this claim wins the key: never
 * read-then-write. Keys arrive here in their indexed form (indexed.ts).
 */
import { boundedDelete, inList, nullableNumber, type Dialect, type Statement } from './dialect';
import { ownerDead } from './liveness';
import type { ClaimOptions, StoredKey } from './types';

export interface IndexedClaim {
	key: string;
	/** The original key when `key` is its hash. */
	keyText: string | null;
	version: string | null;
	versionRank: number | null;
}

const KEY_COLUMNS = [
	'namespace',
	'key',
	'state',
	'version',
	'version_rank',
	'claim_token',
	'lease_until',
	'first_seen_at',
	'last_seen_at',
	'times_seen',
	'first_execution',
	'first_workflow',
	'last_execution',
	'expires_at',
	'key_text',
	'owner_process',
	'claim_execution',
	'own_write_rank',
];

/** Who claims: this process, and the moment before which a process that has not beaten is dead. */
export interface Claimant {
	processId: string;
	deadline: number;
}

/** The claim's constants, as parameters 1–10 of the statement. */
function claimConstants(options: ClaimOptions, claimant: Claimant): unknown[] {
	return [
		options.now,
		options.namespace,
		options.hold ? 'claimed' : 'confirmed',
		options.token,
		options.hold ? options.now + options.leaseMs : null,
		options.executionId,
		options.workflowId,
		options.now + options.retentionMs,
		claimant.processId,
		claimant.deadline,
	];
}

/** One statement claiming every key of the batch (keys must be distinct). */
export function claimStatement(
	d: Dialect,
	requests: IndexedClaim[],
	options: ClaimOptions,
	claimant: Claimant,
): Statement {
	const constants = claimConstants(options, claimant);
	const [now, namespace, state, token, lease, execution, workflow, expires, processId, deadline] =
		constants.map((_, i) => d.param(i + 1));
	const { from, params: rowParams } = d.batch(
		[
			{ name: 'key', type: 'text' },
			{ name: 'key_text', type: 'text' },
			{ name: 'version', type: 'text' },
			{ name: 'version_rank', type: 'real' },
		],
		requests.map((request) => [request.key, request.keyText, request.version, request.versionRank]),
		constants.length + 1,
	);
	const selected = [
		namespace,
		'r.key',
		state,
		'r.version',
		'r.version_rank',
		token,
		lease,
		now,
		now,
		'1',
		execution,
		workflow,
		execution,
		expires,
		'r.key_text',
		processId,
		execution,
		'NULL',
	];
	// The old row is `t`; its retention ended, its hold lapsed unconfirmed or its holder died, or this
	// version is newer and not the echo of the flow's own write: the claim wins.
	const retentionEnded = `(t.expires_at <= ${now})`;
	const holdEnded = `(t.state = 'claimed' AND (t.lease_until <= ${now} OR ${ownerDead(d, 't.owner_process', deadline)}))`;
	const newer = `(excluded.version_rank IS NOT NULL AND (t.version_rank IS NULL OR excluded.version_rank > t.version_rank))`;
	const ownEcho = `(t.own_write_rank IS NOT NULL AND excluded.version_rank = t.own_write_rank)`;
	const wins = `(${retentionEnded} OR ${holdEnded} OR (${newer} AND NOT ${ownEcho}))`;
	const onWin = (column: string) =>
		`${column} = CASE WHEN ${wins} THEN excluded.${column} ELSE t.${column} END`;
	const onReset = (column: string) =>
		`${column} = CASE WHEN ${retentionEnded} THEN excluded.${column} ELSE t.${column} END`;
	const sql = `INSERT INTO ${d.table('dedupe_keys')} AS t (${KEY_COLUMNS.join(', ')})
		SELECT ${selected.join(', ')} FROM ${from} WHERE true
		ON CONFLICT (namespace, key) DO UPDATE SET
			${['state', 'version', 'version_rank', 'claim_token', 'lease_until', 'expires_at', 'owner_process', 'claim_execution', 'own_write_rank'].map(onWin).join(',\n\t\t\t')},
			${['first_seen_at', 'first_execution', 'first_workflow'].map(onReset).join(',\n\t\t\t')},
			times_seen = CASE WHEN ${retentionEnded} THEN 1 ELSE t.times_seen + 1 END,
			last_seen_at = excluded.last_seen_at,
			last_execution = excluded.last_execution
		RETURNING ${KEY_COLUMNS.join(', ')}`;
	return { sql, params: [...constants, ...rowParams] };
}

function keyList(
	d: Dialect,
	namespace: string,
	keys: string[],
): { where: string; params: unknown[] } {
	return {
		where: `namespace = ${d.param(1)} AND ${inList(d, 'key', keys, 2)}`,
		params: [namespace, ...keys],
	};
}

/**
 * Only the execution holding a claim settles it: an older version's run confirming after a newer
 * version took the key over must not settle the newer one (whose run may have died). Without an
 * execution id, or for claims from before the holder was recorded, any caller may.
 */
function heldBy(
	d: Dialect,
	executionId: string | undefined,
	param: number,
): { sql: string; params: unknown[] } {
	return executionId === undefined
		? { sql: '', params: [] }
		: {
				sql: ` AND (claim_execution IS NULL OR claim_execution = ${d.param(param)})`,
				params: [executionId],
			};
}

export function confirmStatement(
	d: Dialect,
	namespace: string,
	keys: string[],
	executionId?: string,
): Statement {
	const { where, params } = keyList(d, namespace, keys);
	const held = heldBy(d, executionId, params.length + 1);
	return {
		sql: `UPDATE ${d.table('dedupe_keys')} SET state = 'confirmed', lease_until = NULL WHERE ${where} AND state = 'claimed'${held.sql} RETURNING key`,
		params: [...params, ...held.params],
	};
}

/**
 * Records the version the confirming execution's own write left the key's entity at (e.g. the
 * order's updated_at after tagging it), when it is newer than the version claimed: a later
 * event carrying exactly that version is the echo of the write, not a change.
 */
export function ownWriteStatement(
	d: Dialect,
	namespace: string,
	key: string,
	rank: number,
): Statement {
	return {
		sql: `UPDATE ${d.table('dedupe_keys')} SET own_write_rank = ${d.param(3)} WHERE namespace = ${d.param(1)} AND key = ${d.param(2)} AND state = 'confirmed' AND (version_rank IS NULL OR version_rank < ${d.param(3)})`,
		params: [namespace, key, rank],
	};
}

export function releaseStatement(
	d: Dialect,
	namespace: string,
	keys: string[],
	executionId?: string,
): Statement {
	const { where, params } = keyList(d, namespace, keys);
	const held = heldBy(d, executionId, params.length + 1);
	return {
		sql: `DELETE FROM ${d.table('dedupe_keys')} WHERE ${where} AND state = 'claimed'${held.sql} RETURNING key`,
		params: [...params, ...held.params],
	};
}

/** Gives back the claims one attempt won (its token), whatever else happened to the batch. */
export function releaseTokenStatement(d: Dialect, namespace: string, token: string): Statement {
	return {
		sql: `DELETE FROM ${d.table('dedupe_keys')} WHERE namespace = ${d.param(1)} AND claim_token = ${d.param(2)} RETURNING key`,
		params: [namespace, token],
	};
}

export function forgetStatement(d: Dialect, namespace: string, keys: string[]): Statement {
	const { where, params } = keyList(d, namespace, keys);
	return { sql: `DELETE FROM ${d.table('dedupe_keys')} WHERE ${where} RETURNING key`, params };
}

export function inspectStatement(d: Dialect, namespace: string, keys: string[]): Statement {
	const { where, params } = keyList(d, namespace, keys);
	return {
		sql: `SELECT ${KEY_COLUMNS.join(', ')} FROM ${d.table('dedupe_keys')} WHERE ${where}`,
		params,
	};
}

export function purgeStatement(d: Dialect, now: number, limit: number): Statement {
	return boundedDelete(d, 'dedupe_keys', `expires_at <= ${d.param(1)}`, now, limit);
}

export function countStatement(d: Dialect, namespace?: string): Statement {
	return namespace === undefined
		? { sql: `SELECT count(*) AS n FROM ${d.table('dedupe_keys')}`, params: [] }
		: {
				sql: `SELECT count(*) AS n FROM ${d.table('dedupe_keys')} WHERE namespace = ${d.param(1)}`,
				params: [namespace],
			};
}

type Row = Record<string, unknown>;

export function toStoredKey(row: Row): StoredKey {
	return {
		namespace: String(row.namespace),
		key: String(row.key_text ?? row.key),
		state: row.state as StoredKey['state'],
		version: (row.version as string | null) ?? null,
		versionRank: nullableNumber(row.version_rank),
		claimToken: String(row.claim_token),
		leaseUntil: nullableNumber(row.lease_until),
		firstSeenAt: Number(row.first_seen_at),
		lastSeenAt: Number(row.last_seen_at),
		timesSeen: Number(row.times_seen),
		firstExecutionId: String(row.first_execution),
		firstWorkflowId: String(row.first_workflow),
		lastExecutionId: String(row.last_execution),
		expiresAt: Number(row.expires_at),
		ownWriteRank: nullableNumber(row.own_write_rank),
	};
}
