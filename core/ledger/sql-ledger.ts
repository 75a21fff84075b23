/**
 * The Ledger on any SQL executor: statements from the *-sql modules, rows mapped to records.
 * A change and the audit rows that describe it are written in one transaction.
 */
import { randomBytes } from 'node:crypto';

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
import {
	acknowledgeStatement,
	getExceptionStatement,
	listExceptionsStatement,
	recordExceptionStatement,
	resolveInDoubtExceptionsStatement,
	resolveOfStatement,
	resolveStatement,
	toExceptionRecord,
} from './exceptions-sql';
import { addHandlesStatement, entitiesForStatement } from './handles-sql';
import {
	deleteShadowStatement,
	getShadowStatement,
	recordShadowStatement,
	shadowWritesStatement,
	toShadowWrite,
} from './shadow-sql';
import {
	pauseStatement,
	pausesStatement,
	releaseParkedStatement,
	toFlowPause,
	unpauseStatement,
} from './pauses-sql';
import { offerSettingStatement, putSettingStatement, settingStatement } from './settings-sql';
import {
	forgetSubscriptionsStatement,
	pollsStatement,
	recordPollStatement,
	recordSubscriptionsStatement,
	recordSweepStatement,
	subscriptionsStatement,
	sweepersStatement,
	toPollRecord,
	toSubscriptionRecord,
	toSweeperRecord,
} from './triggers-sql';
import {
	auditBetweenStatement,
	auditInsertStatement,
	executionEventsStatement,
	purgeAuditStatement,
	toStoredAuditEvent,
	trailStatement,
} from './audit-sql';
import {
	claimStatement,
	confirmStatement,
	countStatement,
	forgetStatement,
	inspectStatement,
	ownWriteStatement,
	purgeStatement,
	releaseStatement,
	toStoredKey,
} from './dedupe-sql';
import { nullableNumber, type Dialect, type Statement } from './dialect';
import {
	healthStatesStatement,
	putHealthStateStatement,
	stuckClaimsStatement,
	unsettledDeliveriesStatement,
	waitingApprovalsStatement,
} from './health-sql';
import {
	acceptStatement,
	countInboxStatement,
	deliveryId,
	dueStatement,
	getDeliveryStatement,
	noteStatement,
	purgeInboxStatement,
	settleLinkedStatement,
	takeStatement,
	toDueDelivery,
	toInboxRecord,
} from './inbox-sql';
import { indexedForm, indexedKeys, originalIfHashed } from './indexed';
import { LATEST_SCHEMA_VERSION } from './migrations';
import {
	aliveStatement,
	BEAT_EVERY_MS,
	beatStatement,
	DEAD_AFTER_MS,
	forgetProcessStatement,
	PROCESS_ID,
	purgeProcessesStatement,
	thisProcess,
	toProcessRecord,
	type ProcessRecord,
} from './liveness';
import type {
	ApprovalDecision,
	ApprovalRequest,
	AuditEvent,
	AuditOf,
	Backlog,
	BeginWrite,
	ClaimOptions,
	ClaimRequest,
	DecisionOutcome,
	DeliveryNote,
	DeliveryTake,
	DueDelivery,
	ExceptionFilter,
	ExceptionRecord,
	FinishWrite,
	FlowPause,
	ShadowQuery,
	ShadowWrite,
	HealthState,
	InboxRecord,
	Ledger,
	LedgerDescription,
	LedgerStorage,
	NewApprovalRequest,
	NewDelivery,
	NewException,
	PollRecord,
	RetentionPolicy,
	StoredAuditEvent,
	StoredKey,
	SubscriptionRecord,
	SweeperRecord,
	WriteRecord,
} from './types';
import { exceptionName } from './types';
import {
	abandonWriteStatement,
	beginWriteStatement,
	finishWriteStatement,
	coverWriteStatement,
	inFlightWritesStatement,
	forgetWriteStatement,
	inDoubtWritesStatement,
	resolveAppliedStatement,
	resolveNotAppliedStatement,
	getWriteStatement,
	settleCoveredStatement,
	purgeWritesStatement,
	toWriteRecord,
	yieldWriteStatement,
} from './writes-sql';

type Row = Record<string, unknown>;

export interface SqlQuerier {
	query(statement: Statement): Promise<Row[]>;
}

export interface SqlExecutor extends SqlQuerier {
	/** Runs `work` in one transaction: every statement it makes commits together, or none does. */
	transaction<T>(work: (tx: SqlQuerier) => Promise<T>): Promise<T>;
	/** Where the ledger lives, how big it is, and (for a file) the room left on its disk. */
	storage(): Promise<LedgerStorage>;
	close(): Promise<void>;
}

/** Large key lists are split so no statement exceeds the backends' parameter limits. */
const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
	const result: T[][] = [];
	for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK));
	return result;
}

/** Deliveries to settle with an execution's confirm or release of its claims. */
type LinkedSettlement = { namespace: string; executionId: string; outcome: string; now: number };

/** The trail event of a change to an exception, naming it as people do (E-12). */
function exceptionAudit(
	record: ExceptionRecord,
	event: string,
	decision: string,
	details: Record<string, unknown>,
): AuditEvent {
	return {
		entity: record.entity,
		event,
		decision,
		workflowId: record.workflowId,
		executionId: record.executionId ?? undefined,
		node: record.node,
		at: record.lastSeenAt,
		details: { exception: exceptionName(record.id), kind: record.kind, ...details },
	};
}

const byKey = (a: { key: string }, b: { key: string }) =>
	a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

export class SqlLedger implements Ledger {
	private readonly self: ProcessRecord;
	private heartbeat: ReturnType<typeof setInterval> | undefined;

	/** `processId` names the process holding claims and writes (tests stand in for other processes). */
	constructor(
		readonly backend: 'sqlite' | 'postgres',
		private readonly dialect: Dialect,
		private readonly db: SqlExecutor,
		processId = PROCESS_ID,
	) {
		this.self = thisProcess(processId, Date.now());
	}

	get processId(): string {
		return this.self.id;
	}

	/** Beats now and then every few seconds until closed; a failed beat is retried by the next. */
	async startHeartbeat(): Promise<void> {
		await this.beat();
		this.heartbeat = setInterval(() => void this.beat().catch(() => undefined), BEAT_EVERY_MS);
		this.heartbeat.unref();
	}

	async beat(now = Date.now()): Promise<void> {
		await this.db.query(beatStatement(this.dialect, { ...this.self, beatAt: now }));
		// Every live process settles what dead ones left covered, so none waits for a later run.
		await this.settleCoveredWrites(now);
	}

	async liveProcesses(since: number): Promise<ProcessRecord[]> {
		return (await this.db.query(aliveStatement(this.dialect, this.self.id, since))).map(
			toProcessRecord,
		);
	}

	private claimant(now: number) {
		return { processId: this.self.id, deadline: now - DEAD_AFTER_MS };
	}

	async claim(
		requests: ClaimRequest[],
		options: ClaimOptions,
		audit?: AuditOf<Map<string, StoredKey>>,
	): Promise<Map<string, StoredKey>> {
		// Rows are locked in key order by every claimer, so concurrent batches cannot deadlock.
		const indexed = requests
			.map((request) => ({
				...request,
				key: indexedForm(request.key),
				keyText: originalIfHashed(request.key),
			}))
			.sort(byKey);
		return await this.db.transaction(async (tx) => {
			const stored = new Map<string, StoredKey>();
			for (const batch of chunks(indexed)) {
				for (const row of await tx.query(
					claimStatement(this.dialect, batch, options, this.claimant(options.now)),
				)) {
					const key = toStoredKey(row);
					stored.set(key.key, key);
				}
			}
			await this.audit(tx, audit?.(stored) ?? []);
			return stored;
		});
	}

	async confirm(
		namespace: string,
		keys: string[],
		now: number,
		audit?: AuditOf<string[]>,
		executionId?: string,
		ownWrites?: Map<string, number>,
	): Promise<string[]> {
		const settle =
			executionId === undefined ? undefined : { namespace, executionId, outcome: 'confirmed', now };
		return await this.keysOf(
			keys,
			(batch) => confirmStatement(this.dialect, namespace, batch, executionId),
			audit,
			settle,
			async (tx, done) => {
				for (const key of done) {
					const rank = ownWrites?.get(key);
					if (rank !== undefined)
						await tx.query(ownWriteStatement(this.dialect, namespace, indexedForm(key), rank));
				}
			},
		);
	}

	async release(
		namespace: string,
		keys: string[],
		audit?: AuditOf<string[]>,
		executionId?: string,
	): Promise<string[]> {
		const settle =
			executionId === undefined
				? undefined
				: { namespace, executionId, outcome: 'released', now: Date.now() };
		return await this.keysOf(
			keys,
			(batch) => releaseStatement(this.dialect, namespace, batch, executionId),
			audit,
			settle,
		);
	}

	async forget(namespace: string, keys: string[], audit?: AuditOf<string[]>): Promise<string[]> {
		return await this.keysOf(
			keys,
			(batch) => forgetStatement(this.dialect, namespace, batch),
			audit,
		);
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

	async purgeHistory(
		now: number,
		retention: RetentionPolicy,
		limit = 10_000,
	): Promise<{ audit: number; writes: number; approvals: number; inbox: number }> {
		const audit = (
			await this.db.query(purgeAuditStatement(this.dialect, now - retention.auditMs, limit))
		).length;
		const writes = (
			await this.db.query(purgeWritesStatement(this.dialect, now - retention.writesMs, limit))
		).length;
		const approvals = await this.db.transaction(async (tx) => {
			let deleted = 0;
			for (const statement of purgeApprovalsStatements(
				this.dialect,
				now - retention.approvalsMs,
				limit,
			))
				deleted = (await tx.query(statement)).length;
			return deleted;
		});
		// Settled deliveries are kept as long as settled writes; the trail keeps what happened.
		const inbox = (
			await this.db.query(purgeInboxStatement(this.dialect, now - retention.writesMs, limit))
		).length;
		await this.db.query(purgeProcessesStatement(this.dialect, now, limit));
		return { audit, writes, approvals, inbox };
	}

	async countKeys(namespace?: string): Promise<number> {
		const [row] = await this.db.query(countStatement(this.dialect, namespace));
		return Number(row.n);
	}

	async beginWrite(input: BeginWrite): Promise<WriteRecord> {
		const indexed = {
			...input,
			key: indexedForm(input.key),
			keyText: originalIfHashed(input.key),
			...this.claimant(input.now),
		};
		const [row] = await this.db.query(beginWriteStatement(this.dialect, indexed));
		return toWriteRecord(row);
	}

	async finishWrite(input: FinishWrite, audit: AuditEvent[] = []): Promise<boolean> {
		return await this.db.transaction(async (tx) => {
			const owned =
				(
					await tx.query(
						finishWriteStatement(this.dialect, { ...input, key: indexedForm(input.key) }),
					)
				).length === 1;
			if (owned) await this.audit(tx, audit);
			return owned;
		});
	}

	async abandonWrite(scope: string, key: string, owner: string): Promise<boolean> {
		return (
			(await this.db.query(abandonWriteStatement(this.dialect, scope, indexedForm(key), owner)))
				.length === 1
		);
	}

	async yieldWrite(scope: string, key: string, owner: string, now: number): Promise<boolean> {
		return (
			(await this.db.query(yieldWriteStatement(this.dialect, scope, indexedForm(key), owner, now)))
				.length === 1
		);
	}

	async getWrite(scope: string, key: string): Promise<WriteRecord | undefined> {
		const [row] = await this.db.query(getWriteStatement(this.dialect, scope, indexedForm(key)));
		return row ? toWriteRecord(row) : undefined;
	}

	async inDoubtWrites(filter: {
		scope?: string;
		entity?: string;
		limit?: number;
	}): Promise<WriteRecord[]> {
		return (
			await this.db.query(
				inDoubtWritesStatement(this.dialect, { ...filter, limit: filter.limit ?? 100 }),
			)
		).map(toWriteRecord);
	}

	async resolveInDoubt(input: {
		scope: string;
		key: string;
		applied: boolean;
		by: string;
		note: string;
		status?: number;
		body?: string;
		at: number;
	}): Promise<WriteRecord | undefined> {
		const key = indexedForm(input.key);
		const statement = input.applied
			? resolveAppliedStatement(this.dialect, {
					scope: input.scope,
					key,
					status: input.status ?? 200,
					body: input.body ?? '',
					now: input.at,
				})
			: resolveNotAppliedStatement(this.dialect, input.scope, key);
		return await this.db.transaction(async (tx) => {
			const [row] = await tx.query(statement);
			if (!row) return undefined;
			const record = toWriteRecord(row);
			const how = input.applied ? 'applied' : 'not-applied';
			const note = `${input.applied ? 'Resolved as applied' : 'Resolved as not applied'} by ${input.by}: ${input.note}`;
			const entity = record.entity ?? input.key;
			await this.audit(tx, [
				{
					entity,
					event: 'write.resolved',
					decision: how,
					at: input.at,
					details: { scope: input.scope, key: input.key, by: input.by, note: input.note },
				},
			]);
			const exceptions = (
				await tx.query(
					resolveInDoubtExceptionsStatement(this.dialect, {
						entity,
						by: input.by,
						resolution: how,
						note,
						at: input.at,
					}),
				)
			).map(toExceptionRecord);
			await this.audit(
				tx,
				exceptions.map((exception) => ({
					...exceptionAudit(exception, 'exception.resolved', how, { by: input.by, note }),
					at: input.at,
				})),
			);
			return record;
		});
	}

	async inFlightWrites(
		scope: string,
		entity: string,
		now: number,
	): Promise<Array<WriteRecord & { ownerDead: boolean }>> {
		const rows = await this.db.query(
			inFlightWritesStatement(this.dialect, scope, entity, now - DEAD_AFTER_MS),
		);
		return rows.map((row) => ({ ...toWriteRecord(row), ownerDead: Number(row.owner_dead) === 1 }));
	}

	async coverWrites(input: {
		scope: string;
		entity: string;
		keys: string[];
		holds: string;
		now: number;
	}): Promise<string[]> {
		return await this.db.transaction(async (tx) => {
			for (const key of input.keys)
				await tx.query(
					coverWriteStatement(this.dialect, {
						scope: input.scope,
						key: indexedForm(key),
						holds: input.holds,
					}),
				);
			return (
				await this.supersedeCovered(tx, {
					now: input.now,
					scope: input.scope,
					entity: input.entity,
				})
			).map((record) => record.key);
		});
	}

	async settleCoveredWrites(now: number): Promise<WriteRecord[]> {
		return await this.db.transaction(async (tx) => await this.supersedeCovered(tx, { now }));
	}

	/** Covered writes whose process died become superseded, each with its trail event. */
	private async supersedeCovered(
		tx: SqlQuerier,
		input: { now: number; scope?: string; entity?: string },
	): Promise<WriteRecord[]> {
		const rows = await tx.query(
			settleCoveredStatement(this.dialect, { ...input, deadline: input.now - DEAD_AFTER_MS }),
		);
		const records = rows.map((row) => ({
			record: toWriteRecord(row),
			holds: String(row.covered_by),
		}));
		await this.audit(
			tx,
			records.map(({ record, holds }) => ({
				entity: record.entity ?? record.key,
				event: 'write.superseded',
				decision: 'superseded',
				at: input.now,
				details: { scope: record.scope, key: record.key, holds },
			})),
		);
		return records.map(({ record }) => record);
	}

	async forgetWrite(scope: string, key: string): Promise<boolean> {
		return (
			(await this.db.query(forgetWriteStatement(this.dialect, scope, indexedForm(key)))).length ===
			1
		);
	}

	async appendAudit(events: AuditEvent[]): Promise<void> {
		await this.audit(this.db, events);
	}

	async auditBetween(input: {
		from: number;
		to: number;
		events: string[];
	}): Promise<StoredAuditEvent[]> {
		const events: StoredAuditEvent[] = [];
		for (let afterId = 0; ; ) {
			const page = (
				await this.db.query(auditBetweenStatement(this.dialect, { ...input, afterId, limit: 5000 }))
			).map(toStoredAuditEvent);
			events.push(...page);
			if (page.length < 5000) break;
			afterId = page[page.length - 1].id;
		}
		// Processes' clocks differ a little: the order things happened in is their time, not their row id.
		return events.sort((a, b) => a.at - b.at || a.id - b.id);
	}

	async executionEvents(workflowId: string, executionId: string): Promise<StoredAuditEvent[]> {
		const events: StoredAuditEvent[] = [];
		for (let afterId = 0; ; ) {
			const page = (
				await this.db.query(
					executionEventsStatement(this.dialect, { workflowId, executionId, afterId, limit: 5000 }),
				)
			).map(toStoredAuditEvent);
			events.push(...page);
			if (page.length < 5000) return events;
			afterId = page[page.length - 1].id;
		}
	}

	async trail(
		entity: string,
		options: { afterId?: number; limit?: number } = {},
	): Promise<StoredAuditEvent[]> {
		const rows = await this.db.query(
			trailStatement(this.dialect, entity, options.afterId ?? 0, options.limit ?? 1000),
		);
		return rows.map(toStoredAuditEvent);
	}

	async createApproval(request: NewApprovalRequest, audit: AuditEvent[] = []): Promise<void> {
		await this.db.transaction(async (tx) => {
			await tx.query(insertApprovalStatement(this.dialect, request));
			await this.audit(tx, audit);
		});
	}

	async getApproval(
		requestId: string,
	): Promise<{ request: ApprovalRequest; decisions: ApprovalDecision[] } | undefined> {
		return await this.approvalState(this.db, requestId);
	}

	async decideApproval(
		decision: ApprovalDecision,
		audit?: AuditOf<DecisionOutcome>,
	): Promise<DecisionOutcome | undefined> {
		return await this.db.transaction(async (tx) => {
			const recorded =
				(await tx.query(insertDecisionStatement(this.dialect, decision))).length === 1;
			let settled = false;
			if (recorded) {
				const verdict = decision.decision === 'reject' ? 'rejected' : 'approved';
				const settle = settleApprovalStatement(
					this.dialect,
					decision.requestId,
					verdict,
					decision.approver,
					decision.at,
				);
				settled = (await tx.query(settle)).length === 1;
			}
			const state = await this.approvalState(tx, decision.requestId);
			if (!state) return undefined;
			const outcome = { recorded, settled, ...state };
			if (recorded) await this.audit(tx, audit?.(outcome) ?? []);
			return outcome;
		});
	}

	async expireApprovals(
		now: number,
		audit?: AuditOf<ApprovalRequest>,
		limit = 100,
	): Promise<ApprovalRequest[]> {
		return await this.db.transaction(async (tx) => {
			const expired = (await tx.query(expireApprovalsStatement(this.dialect, now, limit))).map(
				toApprovalRequest,
			);
			await this.audit(
				tx,
				expired.flatMap((request) => audit?.(request) ?? []),
			);
			return expired;
		});
	}

	async acceptDelivery(
		delivery: NewDelivery,
		audit: AuditEvent[] = [],
		repeatAudit: AuditEvent[] = [],
	): Promise<{ id: string; accepted: boolean }> {
		const id = deliveryId(delivery);
		return await this.db.transaction(async (tx) => {
			const accepted = (await tx.query(acceptStatement(this.dialect, delivery, id))).length === 1;
			await this.audit(tx, accepted ? audit : repeatAudit);
			return { id, accepted };
		});
	}

	async getDelivery(id: string): Promise<InboxRecord | undefined> {
		const [row] = await this.db.query(getDeliveryStatement(this.dialect, id));
		return row ? toInboxRecord(row) : undefined;
	}

	async pauseFlow(pause: FlowPause, audit: AuditEvent[] = []): Promise<FlowPause> {
		return await this.db.transaction(async (tx) => {
			const [row] = await tx.query(pauseStatement(this.dialect, pause));
			await this.audit(tx, audit);
			return toFlowPause(row);
		});
	}

	async resumeFlow(
		workflowId: string,
		audit?: (resumed: { pause?: FlowPause; parked: number }) => AuditEvent[],
	): Promise<{ pause?: FlowPause; parked: number }> {
		return await this.db.transaction(async (tx) => {
			const [row] = await tx.query(unpauseStatement(this.dialect, workflowId));
			const parked = (await tx.query(releaseParkedStatement(this.dialect, workflowId))).length;
			const resumed = { pause: row ? toFlowPause(row) : undefined, parked };
			await this.audit(tx, audit?.(resumed) ?? []);
			return resumed;
		});
	}

	async flowPauses(workflowId?: string): Promise<FlowPause[]> {
		return (await this.db.query(pausesStatement(this.dialect, workflowId))).map(toFlowPause);
	}

	async recordShadowWrite(
		write: ShadowWrite,
		audit: AuditEvent[] = [],
	): Promise<{ write: ShadowWrite; recorded: boolean }> {
		const key = indexedForm(write.key);
		return await this.db.transaction(async (tx) => {
			const [inserted] = await tx.query(
				recordShadowStatement(this.dialect, write, key, originalIfHashed(write.key)),
			);
			if (inserted) {
				await this.audit(tx, audit);
				return { write: toShadowWrite(inserted), recorded: true };
			}
			const [held] = await tx.query(getShadowStatement(this.dialect, write.scope, key));
			return { write: toShadowWrite(held), recorded: false };
		});
	}

	async getShadowWrite(scope: string, key: string): Promise<ShadowWrite | undefined> {
		const [row] = await this.db.query(getShadowStatement(this.dialect, scope, indexedForm(key)));
		return row ? toShadowWrite(row) : undefined;
	}

	async shadowWrites(query: ShadowQuery): Promise<ShadowWrite[]> {
		return (await this.db.query(shadowWritesStatement(this.dialect, query))).map(toShadowWrite);
	}

	async deleteShadowWrites(query: Omit<ShadowQuery, 'limit'>): Promise<number> {
		return (await this.db.query(deleteShadowStatement(this.dialect, query))).length;
	}

	async noteDeliveries(notes: DeliveryNote[], now: number): Promise<void> {
		if (notes.length === 0) return;
		await this.db.transaction(async (tx) => {
			for (const note of notes) await tx.query(noteStatement(this.dialect, note, now));
		});
	}

	async dueDeliveries(
		workflowId: string,
		now: number,
		options: { acceptedBefore: number; limit?: number },
	): Promise<DueDelivery[]> {
		const statement = dueStatement(this.dialect, {
			workflowId,
			now,
			acceptedBefore: options.acceptedBefore,
			deadline: now - DEAD_AFTER_MS,
			limit: options.limit ?? 100,
		});
		return (await this.db.query(statement)).map(toDueDelivery);
	}

	async takeDelivery(take: DeliveryTake, audit: AuditEvent[] = []): Promise<boolean> {
		return await this.db.transaction(async (tx) => {
			const taken = (await tx.query(takeStatement(this.dialect, take))).length === 1;
			if (taken) await this.audit(tx, audit);
			return taken;
		});
	}

	async describe(): Promise<LedgerDescription> {
		const [row] = await this.db.query({
			sql: `SELECT max(version) AS v FROM ${this.dialect.table('schema_migrations')}`,
			params: [],
		});
		return {
			backend: this.backend,
			schemaVersion: Number(row?.v ?? 0),
			latestSchemaVersion: LATEST_SCHEMA_VERSION,
			...(await this.db.storage()),
		};
	}

	async backlog(input: {
		now: number;
		unsettledBefore: number;
		approvalsBefore: number;
	}): Promise<Backlog> {
		const [claims] = await this.db.query(stuckClaimsStatement(this.dialect, input.now));
		const [deliveries] = await this.db.query(
			unsettledDeliveriesStatement(this.dialect, input.unsettledBefore),
		);
		const [approvals] = await this.db.query(
			waitingApprovalsStatement(this.dialect, input.approvalsBefore),
		);
		return {
			stuckClaims: Number(claims.n),
			oldestStuckClaimAt: nullableNumber(claims.oldest),
			unsettledDeliveries: Number(deliveries.n),
			oldestUnsettledAt: nullableNumber(deliveries.oldest),
			waitingApprovals: Number(approvals.n),
			oldestWaitingApprovalAt: nullableNumber(approvals.oldest),
		};
	}

	async healthStates(): Promise<Map<string, HealthState>> {
		const rows = await this.db.query(healthStatesStatement(this.dialect));
		return new Map(
			rows.map((row) => [
				String(row.name),
				{ status: String(row.status), since: Number(row.since) },
			]),
		);
	}

	async putHealthStates(states: Array<HealthState & { name: string }>): Promise<void> {
		if (states.length === 0) return;
		await this.db.transaction(async (tx) => {
			for (const state of states) await tx.query(putHealthStateStatement(this.dialect, state));
		});
	}

	async recordSweep(sweeper: SweeperRecord): Promise<void> {
		await this.db.query(recordSweepStatement(this.dialect, sweeper));
	}

	async sweepersOf(workflowId?: string): Promise<SweeperRecord[]> {
		return (await this.db.query(sweepersStatement(this.dialect, workflowId))).map(toSweeperRecord);
	}

	async recordPoll(poll: {
		workflowId: string;
		node: string;
		everyMs: number;
		at: number;
		highWaterMark?: string;
		error?: string;
	}): Promise<void> {
		await this.db.query(recordPollStatement(this.dialect, poll));
	}

	async polls(): Promise<PollRecord[]> {
		return (await this.db.query(pollsStatement(this.dialect))).map(toPollRecord);
	}

	async recordSubscriptions(record: SubscriptionRecord): Promise<void> {
		await this.db.query(recordSubscriptionsStatement(this.dialect, record));
	}

	async forgetSubscriptions(workflowId: string, node: string): Promise<void> {
		await this.db.query(forgetSubscriptionsStatement(this.dialect, workflowId, node));
	}

	async subscriptions(): Promise<SubscriptionRecord[]> {
		return (await this.db.query(subscriptionsStatement(this.dialect))).map(toSubscriptionRecord);
	}

	async secret(name: string): Promise<string> {
		await this.db.query(
			offerSettingStatement(this.dialect, name, randomBytes(32).toString('base64url'), Date.now()),
		);
		return (await this.setting(name))!;
	}

	async setting(name: string): Promise<string | undefined> {
		const [row] = await this.db.query(settingStatement(this.dialect, name));
		return row ? String(row.value) : undefined;
	}

	async putSetting(name: string, value: string, now = Date.now()): Promise<void> {
		await this.db.query(putSettingStatement(this.dialect, name, value, now));
	}

	async countDeliveries(state: InboxRecord['state'], workflowId?: string): Promise<number> {
		const [row] = await this.db.query(countInboxStatement(this.dialect, workflowId, state));
		return Number(row.n);
	}

	async addHandles(pairs: Array<{ handle: string; entity: string }>, at: number): Promise<void> {
		const wanted = pairs.filter((pair) => pair.handle.trim() && pair.entity);
		if (wanted.length) await this.db.query(addHandlesStatement(this.dialect, wanted, at));
	}

	async entitiesFor(handle: string, limit = 20): Promise<string[]> {
		return (await this.db.query(entitiesForStatement(this.dialect, handle, limit))).map((row) =>
			String(row.entity),
		);
	}

	async recordExceptions(exceptions: NewException[]): Promise<ExceptionRecord[]> {
		if (exceptions.length === 0) return [];
		return await this.db.transaction(async (tx) => {
			const records: ExceptionRecord[] = [];
			for (const exception of exceptions)
				records.push(
					toExceptionRecord((await tx.query(recordExceptionStatement(this.dialect, exception)))[0]),
				);
			await this.audit(
				tx,
				records.map((record) =>
					exceptionAudit(
						record,
						record.timesSeen === 1 ? 'exception.opened' : 'exception.repeated',
						record.kind,
						{ reason: record.reason, timesSeen: record.timesSeen },
					),
				),
			);
			return records;
		});
	}

	async resolveExceptionsOf(
		scope: { workflowId: string; node: string; entities: string[]; executionId: string | null },
		at: number,
	): Promise<ExceptionRecord[]> {
		if (scope.entities.length === 0) return [];
		const note = `Resolved automatically: ${scope.executionId ? `execution ${scope.executionId}` : 'a later run'} at ${scope.node} succeeded for it`;
		return await this.db.transaction(async (tx) => {
			const resolved = (
				await tx.query(resolveOfStatement(this.dialect, { ...scope, by: 'Orderflow', note, at }))
			).map(toExceptionRecord);
			await this.audit(
				tx,
				resolved.map((record) => ({
					...exceptionAudit(record, 'exception.resolved', 'automatic', { note }),
					executionId: scope.executionId ?? undefined,
					at,
				})),
			);
			return resolved;
		});
	}

	async listExceptions(filter: ExceptionFilter): Promise<ExceptionRecord[]> {
		return (await this.db.query(listExceptionsStatement(this.dialect, filter))).map(
			toExceptionRecord,
		);
	}

	async getException(id: number): Promise<ExceptionRecord | undefined> {
		const [row] = await this.db.query(getExceptionStatement(this.dialect, id));
		return row ? toExceptionRecord(row) : undefined;
	}

	async acknowledgeException(
		id: number,
		by: string,
		at: number,
	): Promise<ExceptionRecord | undefined> {
		return await this.changeException(acknowledgeStatement(this.dialect, id, by, at), (record) => ({
			...exceptionAudit(record, 'exception.acknowledged', 'acknowledged', { by }),
			at,
		}));
	}

	async resolveException(
		id: number,
		input: { by: string; resolution: string; note: string; at: number },
	): Promise<ExceptionRecord | undefined> {
		return await this.changeException(resolveStatement(this.dialect, id, input), (record) => ({
			...exceptionAudit(record, 'exception.resolved', input.resolution, {
				by: input.by,
				note: input.note,
			}),
			at: input.at,
		}));
	}

	private async changeException(
		statement: Statement,
		audit: (record: ExceptionRecord) => AuditEvent,
	): Promise<ExceptionRecord | undefined> {
		return await this.db.transaction(async (tx) => {
			const [row] = await tx.query(statement);
			if (!row) return undefined;
			const record = toExceptionRecord(row);
			await this.audit(tx, [audit(record)]);
			return record;
		});
	}

	async close(): Promise<void> {
		if (this.heartbeat) clearInterval(this.heartbeat);
		await this.db.close();
	}

	/** Closes without leaving a heartbeat behind: only for a ledger this process never used. */
	async closeUnused(): Promise<void> {
		if (this.heartbeat) clearInterval(this.heartbeat);
		await this.db.query(forgetProcessStatement(this.dialect, this.self.id));
		await this.db.close();
	}

	private async approvalState(
		db: SqlQuerier,
		requestId: string,
	): Promise<{ request: ApprovalRequest; decisions: ApprovalDecision[] } | undefined> {
		const [row] = await db.query(getApprovalStatement(this.dialect, requestId));
		if (!row) return undefined;
		const decisions = (await db.query(approvalDecisionsStatement(this.dialect, requestId))).map(
			toApprovalDecision,
		);
		return { request: toApprovalRequest(row), decisions };
	}

	private async audit(db: SqlQuerier, events: AuditEvent[]): Promise<void> {
		const now = Date.now();
		for (const batch of chunks(events))
			await db.query(auditInsertStatement(this.dialect, batch, now));
	}

	/**
	 * A statement per batch of keys, in one transaction with the audit rows of the keys it touched
	 * and, for an execution's confirm or release, the webhook deliveries its claims stood for.
	 */
	private async keysOf(
		keys: string[],
		statement: (batch: string[]) => Statement,
		audit?: AuditOf<string[]>,
		settle?: LinkedSettlement,
		alsoOnDone?: (tx: SqlQuerier, done: string[]) => Promise<void>,
	): Promise<string[]> {
		const { indexed, original } = indexedKeys(keys);
		return await this.db.transaction(async (tx) => {
			const done: string[] = [];
			for (const batch of chunks(indexed)) {
				for (const row of await tx.query(statement(batch)))
					done.push(original.get(String(row.key)) ?? String(row.key));
			}
			await alsoOnDone?.(tx, done);
			if (settle)
				for (const batch of chunks(done))
					await tx.query(settleLinkedStatement(this.dialect, { ...settle, keys: batch }));
			await this.audit(tx, audit?.(done) ?? []);
			return done;
		});
	}
}
