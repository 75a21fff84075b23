/**
 * The Ledger on any SQL executor: statements from the *-sql modules, rows mapped to records.
 * A change and the audit rows that describe it are written in one transaction.
 */
import {
	approvalDecisionsStatement,
	expireApprovalsStatement,
	getApprovalStatement,
	insertApprovalStatement,
	insertDecisionStatement,
	purgeApprovalsStatements,
	settleApprovalStatement,
	toApprovalDecision,
	toApprovalRequest,
} from './approvals-sql';
import { auditInsertStatement, purgeAuditStatement, toStoredAuditEvent, trailStatement } from './audit-sql';
import {
	claimStatement,
	confirmStatement,
	countStatement,
	forgetStatement,
	inspectStatement,
	purgeStatement,
	releaseStatement,
	toStoredKey,
} from './dedupe-sql';
import type { Dialect, Statement } from './dialect';
import { indexedForm, indexedKeys, originalIfHashed } from './indexed';
import type {
	ApprovalDecision,
	ApprovalRequest,
	AuditEvent,
	AuditOf,
	BeginWrite,
	ClaimOptions,
	ClaimRequest,
	DecisionOutcome,
	FinishWrite,
	Ledger,
	NewApprovalRequest,
	RetentionPolicy,
	StoredAuditEvent,
	StoredKey,
	WriteRecord,
} from './types';
import {
	abandonWriteStatement,
	beginWriteStatement,
	finishWriteStatement,
	forgetWriteStatement,
	getWriteStatement,
	purgeWritesStatement,
	toWriteRecord,
} from './writes-sql';

type Row = Record<string, unknown>;

export interface SqlQuerier {
	query(statement: Statement): Promise<Row[]>;
}

export interface SqlExecutor extends SqlQuerier {
	/** Runs `work` in one transaction: every statement it makes commits together, or none does. */
	transaction<T>(work: (tx: SqlQuerier) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

/** Large key lists are split so no statement exceeds the backends' parameter limits. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
	const result: T[][] = [];
	for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
	return result;
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export class SqlLedger implements Ledger {
	constructor(
		readonly backend: 'sqlite' | 'postgres',
		private readonly dialect: Dialect,
		private readonly db: SqlExecutor,
	) {}

	async claim(requests: ClaimRequest[], options: ClaimOptions, audit?: AuditOf<Map<string, StoredKey>>): Promise<Map<string, StoredKey>> {
		// Rows are locked in key order by every claimer, so concurrent batches cannot deadlock.
		const indexed = requests.map((request) => ({ ...request, key: indexedForm(request.key), keyText: originalIfHashed(request.key) })).sort(byKey);
		return await this.db.transaction(async (tx) => {
			const stored = new Map<string, StoredKey>();
			for (const batch of chunks(indexed)) {
				for (const row of await tx.query(claimStatement(this.dialect, batch, options))) {
					const key = toStoredKey(row);
					stored.set(key.key, key);
				}
			}
			await this.audit(tx, audit?.(stored) ?? []);
			return stored;
		});
	}

	async confirm(namespace: string, keys: string[], _now: number, audit?: AuditOf<string[]>): Promise<string[]> {
		return await this.keysOf(keys, (batch) => confirmStatement(this.dialect, namespace, batch), audit);
	}

	async release(namespace: string, keys: string[], audit?: AuditOf<string[]>): Promise<string[]> {
		return await this.keysOf(keys, (batch) => releaseStatement(this.dialect, namespace, batch), audit);
	}

	async forget(namespace: string, keys: string[], audit?: AuditOf<string[]>): Promise<string[]> {
		return await this.keysOf(keys, (batch) => forgetStatement(this.dialect, namespace, batch), audit);
	}

	async inspect(namespace: string, keys: string[]): Promise<Map<string, StoredKey>> {
		const stored = new Map<string, StoredKey>();
		for (const batch of chunks(indexedKeys(keys).indexed)) {
			for (const row of await this.db.query(inspectStatement(this.dialect, namespace, batch))) {
				const key = toStoredKey(row);
				stored.set(key.key, key);
			}
		}
		return stored;
	}

	async purgeExpired(now: number, limit = 10_000): Promise<number> {
		return (await this.db.query(purgeStatement(this.dialect, now, limit))).length;
	}

	async purgeHistory(now: number, retention: RetentionPolicy, limit = 10_000): Promise<{ audit: number; writes: number; approvals: number }> {
		const audit = (await this.db.query(purgeAuditStatement(this.dialect, now - retention.auditMs, limit))).length;
		const writes = (await this.db.query(purgeWritesStatement(this.dialect, now - retention.writesMs, limit))).length;
		const approvals = await this.db.transaction(async (tx) => {
			let deleted = 0;
			for (const statement of purgeApprovalsStatements(this.dialect, now - retention.approvalsMs, limit)) deleted = (await tx.query(statement)).length;
			return deleted;
		});
		return { audit, writes, approvals };
	}

	async countKeys(namespace?: string): Promise<number> {
		const [row] = await this.db.query(countStatement(this.dialect, namespace));
		return Number(row.n);
	}

	async beginWrite(input: BeginWrite): Promise<WriteRecord> {
		const [row] = await this.db.query(beginWriteStatement(this.dialect, { ...input, key: indexedForm(input.key), keyText: originalIfHashed(input.key) }));
		return toWriteRecord(row);
	}

	async finishWrite(input: FinishWrite, audit: AuditEvent[] = []): Promise<boolean> {
		return await this.db.transaction(async (tx) => {
			const owned = (await tx.query(finishWriteStatement(this.dialect, { ...input, key: indexedForm(input.key) }))).length === 1;
			if (owned) await this.audit(tx, audit);
			return owned;
		});
	}

	async abandonWrite(scope: string, key: string, owner: string): Promise<boolean> {
		return (await this.db.query(abandonWriteStatement(this.dialect, scope, indexedForm(key), owner))).length === 1;
	}

	async getWrite(scope: string, key: string): Promise<WriteRecord | undefined> {
		const [row] = await this.db.query(getWriteStatement(this.dialect, scope, indexedForm(key)));
		return row ? toWriteRecord(row) : undefined;
	}

	async forgetWrite(scope: string, key: string): Promise<boolean> {
		return (await this.db.query(forgetWriteStatement(this.dialect, scope, indexedForm(key)))).length === 1;
	}

	async appendAudit(events: AuditEvent[]): Promise<void> {
		await this.audit(this.db, events);
	}

	async trail(entity: string, options: { afterId?: number; limit?: number } = {}): Promise<StoredAuditEvent[]> {
		const rows = await this.db.query(trailStatement(this.dialect, entity, options.afterId ?? 0, options.limit ?? 1000));
		return rows.map(toStoredAuditEvent);
	}

	async createApproval(request: NewApprovalRequest, audit: AuditEvent[] = []): Promise<void> {
		await this.db.transaction(async (tx) => {
			await tx.query(insertApprovalStatement(this.dialect, request));
			await this.audit(tx, audit);
		});
	}

	async getApproval(requestId: string): Promise<{ request: ApprovalRequest; decisions: ApprovalDecision[] } | undefined> {
		return await this.approvalState(this.db, requestId);
	}

	async decideApproval(decision: ApprovalDecision, audit?: AuditOf<DecisionOutcome>): Promise<DecisionOutcome | undefined> {
		return await this.db.transaction(async (tx) => {
			const recorded = (await tx.query(insertDecisionStatement(this.dialect, decision))).length === 1;
			let settled = false;
			if (recorded) {
				const verdict = decision.decision === 'reject' ? 'rejected' : 'approved';
				const settle = settleApprovalStatement(this.dialect, decision.requestId, verdict, decision.approver, decision.at);
				settled = (await tx.query(settle)).length === 1;
			}
			const state = await this.approvalState(tx, decision.requestId);
			if (!state) return undefined;
			const outcome = { recorded, settled, ...state };
			if (recorded) await this.audit(tx, audit?.(outcome) ?? []);
			return outcome;
		});
	}

	async expireApprovals(now: number, audit?: AuditOf<ApprovalRequest>, limit = 100): Promise<ApprovalRequest[]> {
		return await this.db.transaction(async (tx) => {
			const expired = (await tx.query(expireApprovalsStatement(this.dialect, now, limit))).map(toApprovalRequest);
			await this.audit(tx, expired.flatMap((request) => audit?.(request) ?? []));
			return expired;
		});
	}

	async close(): Promise<void> {
		await this.db.close();
	}

	private async approvalState(db: SqlQuerier, requestId: string): Promise<{ request: ApprovalRequest; decisions: ApprovalDecision[] } | undefined> {
		const [row] = await db.query(getApprovalStatement(this.dialect, requestId));
		if (!row) return undefined;
		const decisions = (await db.query(approvalDecisionsStatement(this.dialect, requestId))).map(toApprovalDecision);
		return { request: toApprovalRequest(row), decisions };
	}

	private async audit(db: SqlQuerier, events: AuditEvent[]): Promise<void> {
		const now = Date.now();
		for (const batch of chunks(events)) await db.query(auditInsertStatement(this.dialect, batch, now));
	}

	/** A statement per batch of keys, in one transaction with the audit rows of the keys it touched. */
	private async keysOf(keys: string[], statement: (batch: string[]) => Statement, audit?: AuditOf<string[]>): Promise<string[]> {
		const { indexed, original } = indexedKeys(keys);
		return await this.db.transaction(async (tx) => {
			const done: string[] = [];
			for (const batch of chunks(indexed)) {
				for (const row of await tx.query(statement(batch))) done.push(original.get(String(row.key)) ?? String(row.key));
			}
			await this.audit(tx, audit?.(done) ?? []);
			return done;
		});
	}
}
