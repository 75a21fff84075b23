/** The Ledger on any SQL executor: statements from sql.ts, rows mapped to records. */
import {
	abandonWriteStatement,
	auditInsertStatement,
	beginWriteStatement,
	finishWriteStatement,
	forgetWriteStatement,
	getWriteStatement,
	toWriteRecord,
	claimStatement,
	confirmStatement,
	countStatement,
	forgetStatement,
	inspectStatement,
	purgeStatement,
	releaseStatement,
	toStoredAuditEvent,
	toStoredKey,
	trailStatement,
	type Dialect,
	type Statement,
} from './sql';
import {
	approvalDecisionsStatement,
	getApprovalStatement,
	insertApprovalStatement,
	insertDecisionStatement,
	settleApprovalStatement,
	toApprovalDecision,
	toApprovalRequest,
} from './approvals-sql';
import type {
	ApprovalDecision,
	ApprovalRequest,
	AuditEvent,
	BeginWrite,
	ClaimOptions,
	ClaimRequest,
	DecisionOutcome,
	FinishWrite,
	Ledger,
	NewApprovalRequest,
	StoredAuditEvent,
	StoredKey,
	WriteRecord,
} from './types';

export interface SqlExecutor {
	query(statement: Statement): Promise<Array<Record<string, unknown>>>;
	close(): Promise<void>;
}

/** Large key lists are split so no statement exceeds the backends' parameter limits. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
	const result: T[][] = [];
	for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
	return result;
}

export class SqlLedger implements Ledger {
	constructor(
		readonly backend: 'sqlite' | 'postgres',
		private readonly dialect: Dialect,
		private readonly db: SqlExecutor,
	) {}

	async claim(requests: ClaimRequest[], options: ClaimOptions): Promise<Map<string, StoredKey>> {
		const stored = new Map<string, StoredKey>();
		// Rows are locked in key order by every claimer, so concurrent batches cannot deadlock.
		const ordered = [...requests].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
		for (const batch of chunks(ordered)) {
			for (const row of await this.db.query(claimStatement(this.dialect, batch, options))) {
				const key = toStoredKey(row);
				stored.set(key.key, key);
			}
		}
		return stored;
	}

	async confirm(namespace: string, keys: string[]): Promise<string[]> {
		return await this.keysOf(keys, (batch) => confirmStatement(this.dialect, namespace, batch));
	}

	async release(namespace: string, keys: string[]): Promise<string[]> {
		return await this.keysOf(keys, (batch) => releaseStatement(this.dialect, namespace, batch));
	}

	async forget(namespace: string, keys: string[]): Promise<string[]> {
		return await this.keysOf(keys, (batch) => forgetStatement(this.dialect, namespace, batch));
	}

	async inspect(namespace: string, keys: string[]): Promise<Map<string, StoredKey>> {
		const stored = new Map<string, StoredKey>();
		for (const batch of chunks([...new Set(keys)])) {
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

	async countKeys(namespace?: string): Promise<number> {
		const [row] = await this.db.query(countStatement(this.dialect, namespace));
		return Number(row.n);
	}

	async beginWrite(input: BeginWrite): Promise<WriteRecord> {
		const [row] = await this.db.query(beginWriteStatement(this.dialect, input));
		return toWriteRecord(row);
	}

	async finishWrite(input: FinishWrite): Promise<boolean> {
		return (await this.db.query(finishWriteStatement(this.dialect, input))).length === 1;
	}

	async abandonWrite(scope: string, key: string, owner: string): Promise<boolean> {
		return (await this.db.query(abandonWriteStatement(this.dialect, scope, key, owner))).length === 1;
	}

	async getWrite(scope: string, key: string): Promise<WriteRecord | undefined> {
		const [row] = await this.db.query(getWriteStatement(this.dialect, scope, key));
		return row ? toWriteRecord(row) : undefined;
	}

	async forgetWrite(scope: string, key: string): Promise<boolean> {
		return (await this.db.query(forgetWriteStatement(this.dialect, scope, key))).length === 1;
	}

	async appendAudit(events: AuditEvent[]): Promise<void> {
		const now = Date.now();
		for (const batch of chunks(events)) await this.db.query(auditInsertStatement(this.dialect, batch, now));
	}

	async trail(entity: string, options: { afterId?: number; limit?: number } = {}): Promise<StoredAuditEvent[]> {
		const rows = await this.db.query(trailStatement(this.dialect, entity, options.afterId ?? 0, options.limit ?? 1000));
		return rows.map(toStoredAuditEvent);
	}

	async createApproval(request: NewApprovalRequest): Promise<void> {
		await this.db.query(insertApprovalStatement(this.dialect, request));
	}

	async getApproval(requestId: string): Promise<{ request: ApprovalRequest; decisions: ApprovalDecision[] } | undefined> {
		const [row] = await this.db.query(getApprovalStatement(this.dialect, requestId));
		if (!row) return undefined;
		const decisions = (await this.db.query(approvalDecisionsStatement(this.dialect, requestId))).map(toApprovalDecision);
		return { request: toApprovalRequest(row), decisions };
	}

	async decideApproval(decision: ApprovalDecision): Promise<DecisionOutcome | undefined> {
		const recorded = (await this.db.query(insertDecisionStatement(this.dialect, decision))).length === 1;
		let settled = false;
		if (recorded) {
			const verdict = decision.decision === 'reject' ? 'rejected' : 'approved';
			settled = (await this.db.query(settleApprovalStatement(this.dialect, decision.requestId, verdict, decision.approver, decision.at))).length === 1;
		}
		const state = await this.getApproval(decision.requestId);
		return state ? { recorded, settled, ...state } : undefined;
	}

	async close(): Promise<void> {
		await this.db.close();
	}

	private async keysOf(keys: string[], statement: (batch: string[]) => Statement): Promise<string[]> {
		const done: string[] = [];
		for (const batch of chunks([...new Set(keys)])) {
			for (const row of await this.db.query(statement(batch))) done.push(String(row.key));
		}
		return done;
	}
}
