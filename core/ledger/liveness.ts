/**
 * Which processes are alive. Every process that opens the ledger beats every few seconds; a
 * claim or a write held by a process that stopped beating (a worker killed mid-execution) can
 * be taken over at once instead of waiting for its lease, which must outlast slow remotes.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import { boundedDelete, type Dialect, type Statement } from './dialect';

/** This process, as the ledger knows it. */
export const PROCESS_ID: string = randomUUID();
export const BEAT_EVERY_MS = 10_000;
/** Four missed beats: long enough for a busy event loop, short enough to recover in minutes. */
export const DEAD_AFTER_MS = 40_000;
/** Rows of processes gone this long are deleted by housekeeping. */
const FORGET_AFTER_MS = 7 * 86_400_000;

export interface ProcessRecord {
	id: string;
	host: string;
	pid: number;
	command: string;
	startedAt: number;
	beatAt: number;
}

export function thisProcess(id: string, now: number): ProcessRecord {
	return {
		id,
		host: hostname(),
		pid: process.pid,
		command: process.argv
			.slice(1, 3)
			.map((part) => part.split(/[\\/]/).pop())
			.join(' '),
		startedAt: now,
		beatAt: now,
	};
}

export function beatStatement(d: Dialect, record: ProcessRecord): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `INSERT INTO ${d.table('processes')} AS t (id, host, pid, command, started_at, beat_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)})
			ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at`,
		params: [record.id, record.host, record.pid, record.command, record.startedAt, record.beatAt],
	};
}

/** Processes other than `self` that beat after `since`. */
export function aliveStatement(d: Dialect, self: string, since: number): Statement {
	return {
		sql: `SELECT id, host, pid, command, started_at, beat_at FROM ${d.table('processes')} WHERE id <> ${d.param(1)} AND beat_at > ${d.param(2)}`,
		params: [self, since],
	};
}

/** A process that leaves before it held anything (a refused open) is no live instance to anyone. */
export function forgetProcessStatement(d: Dialect, id: string): Statement {
	return { sql: `DELETE FROM ${d.table('processes')} WHERE id = ${d.param(1)}`, params: [id] };
}

export function purgeProcessesStatement(d: Dialect, now: number, limit: number): Statement {
	return boundedDelete(
		d,
		'processes',
		`beat_at < ${d.param(1)}`,
		now - FORGET_AFTER_MS,
		limit,
		'id',
	);
}

/**
 * SQL that is true when the process named by `ownerColumn` is not alive at `deadline` (its last
 * beat is older, or its row is gone). Holds from before owners were recorded (NULL) never are.
 */
export function ownerDead(d: Dialect, ownerColumn: string, deadline: string): string {
	return `(${ownerColumn} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${d.table('processes')} p WHERE p.id = ${ownerColumn} AND p.beat_at > ${deadline}))`;
}

export function toProcessRecord(row: Record<string, unknown>): ProcessRecord {
	return {
		id: String(row.id),
		host: String(row.host),
		pid: Number(row.pid),
		command: String(row.command),
		startedAt: Number(row.started_at),
		beatAt: Number(row.beat_at),
	};
}
