import type { ProcessRecord } from './liveness';

/**
 * The durable ledger every reliability node shares: dedupe keys, idempotency records (later),
 * and the append-only audit trail. Two backends implement it: embedded SQLite and PostgreSQL.
 */

export interface ClaimRequest {
	key: string;
	/** A comparable version (epoch ms or a plain number) for newer-version-wins; null for first-seen-wins. */
	versionRank: number | null;
	/** The version as the source gave it, kept for reports. */
	version: string | null;
}

export interface ClaimOptions {
	namespace: string;
	/** Hold the claim under a lease until it is confirmed (else it is committed at once). */
	hold: boolean;
	leaseMs: number;
	retentionMs: number;
	/** Who is claiming, for "first seen by" answers and the audit trail. */
	workflowId: string;
	executionId: string;
	/** Identifies this claim attempt: a claim is won when the stored token comes back as ours. */
	token: string;
	now: number;
}

export interface StoredKey {
	namespace: string;
	key: string;
	state: 'claimed' | 'confirmed';
	version: string | null;
	versionRank: number | null;
	claimToken: string;
	leaseUntil: number | null;
	firstSeenAt: number;
	lastSeenAt: number;
	timesSeen: number;
	firstExecutionId: string;
	firstWorkflowId: string;
	lastExecutionId: string;
	expiresAt: number;
	/** The version the flow's own write left the entity at (set on confirm): its echo is no change. */
	ownWriteRank: number | null;
}

export interface AuditEvent {
	entity: string;
	/** What happened, e.g. dedupe.new, dedupe.duplicate, dedupe.confirmed. */
	event: string;
	decision?: string;
	workflowId?: string;
	executionId?: string;
	node?: string;
	at?: number;
	details?: Record<string, unknown>;
}

export interface StoredAuditEvent extends Required<Omit<AuditEvent, 'details'>> {
	id: number;
	details: Record<string, unknown>;
	/** One plain sentence a support person can read aloud (core/trail/summary.ts). */
	summary: string;
}

/** An idempotent write as the ledger keeps it (Stripe's idempotency-key states). */
export interface WriteRecord {
	scope: string;
	key: string;
	/** What was asked (method, URL, body): the same key with another request is a conflict. */
	fingerprint: string;
	/** superseded: its process died mid-attempt and the remote has since taken a newer write of the entity. */
	state: 'in_flight' | 'succeeded' | 'failed' | 'in_doubt' | 'superseded';
	owner: string;
	leaseUntil: number | null;
	attempts: number;
	status: number | null;
	body: string | null;
	error: string | null;
	entity: string | null;
	createdAt: number;
	updatedAt: number;
}

export interface BeginWrite {
	scope: string;
	key: string;
	fingerprint: string;
	owner: string;
	leaseMs: number;
	entity: string;
	now: number;
}

export interface FinishWrite {
	scope: string;
	key: string;
	owner: string;
	state: 'succeeded' | 'failed' | 'in_doubt';
	status: number | null;
	body: string | null;
	error: string | null;
	now: number;
}

export interface NewApprovalRequest {
	requestId: string;
	/** Signs the request's links; kept server-side so any change to a link breaks its signature. */
	secret: string;
	workflowId: string;
	executionId: string;
	node: string;
	createdAt: number;
	expiresAt: number;
	/** Distinct approvers needed to approve (one rejection rejects). */
	quorum: number;
	/** What the decision page shows and the resumed execution emits. */
	payload: Record<string, unknown>;
}

export interface ApprovalRequest extends NewApprovalRequest {
	status: 'pending' | 'approved' | 'rejected' | 'timed_out';
	decidedAt: number | null;
	decidedBy: string | null;
}

export interface ApprovalDecision {
	requestId: string;
	/** The approver's identity, from their signed link: quorum counts distinct identities. */
	approver: string;
	/** How the approver is named to people. */
	approverName: string;
	decision: 'approve' | 'reject';
	comment: string | null;
	at: number;
	ip: string | null;
	userAgent: string | null;
}

export interface DecisionOutcome {
	/** False when the request was no longer pending, had expired, or this approver had decided. */
	recorded: boolean;
	/** True for exactly one caller: the one whose decision settled the request. */
	settled: boolean;
	request: ApprovalRequest;
	decisions: ApprovalDecision[];
}

/** How long settled history is kept before a purge deletes it. */
export interface RetentionPolicy {
	auditMs: number;
	/** Succeeded and failed writes; in-flight and in-doubt ones are kept until resolved. */
	writesMs: number;
	/** Decided and timed-out approval requests with their decisions. */
	approvalsMs: number;
}

/** A webhook delivery accepted by a trigger, before its workflow runs. */
export interface NewDelivery {
	workflowId: string;
	node: string;
	topic: string;
	/** Shopify's X-Shopify-Event-Id: the same for every repeat of one event. */
	eventId: string;
	entity: string;
	/** The item the trigger emitted, emitted again when the delivery is re-driven. */
	item: Record<string, unknown>;
	receivedAt: number;
	/** When the sweeper may look at it again (its first look also waits for the sweeper's Re-drive After). */
	dueAt: number;
	/** The process that accepted it. */
	acceptedBy: string;
	/** Kept for later: its flow is paused, so no execution starts until the flow is resumed. */
	parked?: boolean;
}

export interface InboxRecord extends NewDelivery {
	id: string;
	state: 'accepted' | 'parked' | 'done' | 'abandoned';
	/** How it was settled: confirmed, released, duplicate, passed, or why it was given up. */
	outcome: string | null;
	redrives: number;
	/** The dedupe claim its execution made, when one did (key in its indexed form). */
	claim: { namespace: string; key: string; executionId: string | null } | null;
	settledAt: number | null;
}

/** An accepted delivery whose time came, with the state of the claim it is linked to. */
export interface DueDelivery extends InboxRecord {
	/** `ownerBeatAt`: the holder's last heartbeat (null when unknown), so a wait ends when the holder would count as dead. */
	linkedKey: {
		state: 'claimed' | 'confirmed';
		leaseUntil: number | null;
		ownerDead: boolean;
		ownerBeatAt: number | null;
	} | null;
}

/** Who accepted a delivery queued by a person's retry: it has no first run to wait for, so it is due at once. */
export const RETRY_ACCEPTOR = 'retry';
/** Marks a parked delivery its flow's resume made due: re-driven at once, in the order received. */
export const RESUME_ACCEPTOR = 'resume';

/** A flow (workflow) paused by someone: its triggers park what arrives instead of running it. */
export interface FlowPause {
	workflowId: string;
	pausedAt: number;
	by: string;
	reason: string;
}

/** A write a shadow run withheld: what it would have sent, once per idempotency key. */
export interface ShadowWrite {
	scope: string;
	key: string;
	/** Of the request the key stands for: the same key for another request is a conflict, as for a real write. */
	fingerprint: string;
	entity: string;
	method: string;
	url: string;
	/** The body as it would have been sent (JSON), or null. */
	body: string | null;
	workflowId: string;
	executionId: string;
	node: string;
	recordedAt: number;
}

/** Which shadow writes: of these scopes (any when empty), recorded in [since, until). */
export interface ShadowQuery {
	scopes?: string[];
	since?: number;
	until?: number;
	/** At most this many; all when absent. */
	limit?: number;
}

/** What the Dedupe Gate learnt about a delivery: the claim its execution holds or waits behind, or that it needs nothing more. */
export type DeliveryNote =
	| { id: string; namespace: string; key: string; executionId: string | null }
	| { id: string; outcome: string };

/** One sweep's decision on a due delivery: re-drive it (counted), wait longer, or settle it. */
export interface DeliveryTake {
	id: string;
	/** The due time the sweeper read: a delivery another sweeper took since is left alone. */
	dueAt: number;
	nextDueAt: number;
	redrive: boolean;
	settle: { state: 'done' | 'abandoned'; outcome: string } | null;
	now: number;
}

/** Audit rows written in the same transaction as the change they describe, from its result. */
export type AuditOf<T> = (result: T) => AuditEvent[];

export interface Ledger {
	readonly backend: 'sqlite' | 'postgres';
	/**
	 * Claims keys, and writes the audit rows built from the result, in one transaction: either
	 * both are recorded or neither. Returns the stored row of each key after the claim.
	 */
	claim(
		requests: ClaimRequest[],
		options: ClaimOptions,
		audit?: AuditOf<Map<string, StoredKey>>,
	): Promise<Map<string, StoredKey>>;
	/**
	 * Turns held claims into confirmed keys; returns the keys that were held. With `executionId`:
	 * only the claims that execution holds, and the webhook deliveries linked to them are settled.
	 * `ownWrites`: per confirmed key, the version the flow's own write left its entity at.
	 */
	confirm(
		namespace: string,
		keys: string[],
		now: number,
		audit?: AuditOf<string[]>,
		executionId?: string,
		ownWrites?: Map<string, number>,
	): Promise<string[]>;
	/** Gives held claims back so the key can pass again (with `executionId`: only its own, settling their deliveries); returns the keys that were held. */
	release(
		namespace: string,
		keys: string[],
		audit?: AuditOf<string[]>,
		executionId?: string,
	): Promise<string[]>;
	/** Deletes keys whatever their state (deliberate reprocessing); returns the keys that existed. */
	forget(namespace: string, keys: string[], audit?: AuditOf<string[]>): Promise<string[]>;
	inspect(namespace: string, keys: string[]): Promise<Map<string, StoredKey>>;
	/** Deletes keys whose retention ended; returns how many. */
	purgeExpired(now: number, limit?: number): Promise<number>;
	/** Deletes audit rows, settled writes, settled approvals and settled inbox deliveries past their retention; returns how many of each. */
	purgeHistory(
		now: number,
		retention: RetentionPolicy,
		limit?: number,
	): Promise<{ audit: number; writes: number; approvals: number; inbox: number }>;
	countKeys(namespace?: string): Promise<number>;
	/** Inserts a write in flight, or takes over one whose lease lapsed; returns the record as it now is. */
	beginWrite(input: BeginWrite): Promise<WriteRecord>;
	/** Records a write's outcome (with its audit rows, in one transaction); false when the caller no longer owns it. */
	finishWrite(input: FinishWrite, audit?: AuditEvent[]): Promise<boolean>;
	/** Gives an in-flight write back so the next attempt starts afresh; false when not owned. */
	abandonWrite(scope: string, key: string, owner: string): Promise<boolean>;
	/** Ends an in-flight write's lease now but keeps it (its outcome could not be checked): the next attempt takes it over. */
	yieldWrite(scope: string, key: string, owner: string, now: number): Promise<boolean>;
	getWrite(scope: string, key: string): Promise<WriteRecord | undefined>;
	inDoubtWrites(filter: {
		scope?: string;
		entity?: string;
		limit?: number;
	}): Promise<WriteRecord[]>;
	/**
	 * A person's verdict on an in-doubt write, on its trail with who decided, resolving its open
	 * in-doubt exceptions: applied → it becomes the write's result (`body`), replayed by every later
	 * run; not applied → the record goes and the next run sends it again. Undefined when it is not in doubt.
	 */
	resolveInDoubt(input: {
		scope: string;
		key: string;
		applied: boolean;
		by: string;
		note: string;
		status?: number;
		body?: string;
		at: number;
	}): Promise<WriteRecord | undefined>;
	/** An entity's writes still in flight, each saying whether the process that owns it died. */
	inFlightWrites(
		scope: string,
		entity: string,
		now: number,
	): Promise<Array<WriteRecord & { ownerDead: boolean }>>;
	/**
	 * Notes on writes still in flight that the remote now holds what they send, or newer (`holds`):
	 * those whose process died are superseded at once (see WriteRecord.state), the others once it
	 * is found dead, by settleCoveredWrites. Returns the keys superseded now.
	 */
	coverWrites(input: {
		scope: string;
		entity: string;
		keys: string[];
		holds: string;
		now: number;
	}): Promise<string[]>;
	/** Supersedes every covered write whose process died, each with a trail event (every process does it as it beats). */
	settleCoveredWrites(now: number): Promise<WriteRecord[]>;
	/** Deletes a write record whatever its state (a person resolved an in-doubt write). */
	forgetWrite(scope: string, key: string): Promise<boolean>;
	appendAudit(events: AuditEvent[]): Promise<void>;
	/** Stores a new approval request (pending) with its audit rows. */
	createApproval(request: NewApprovalRequest, audit?: AuditEvent[]): Promise<void>;
	getApproval(
		requestId: string,
	): Promise<{ request: ApprovalRequest; decisions: ApprovalDecision[] } | undefined>;
	/**
	 * Records one approver's decision, settles the request when it decides it, and writes the
	 * audit rows built from the outcome: one transaction, so a decision is never settled unseen.
	 */
	decideApproval(
		decision: ApprovalDecision,
		audit?: AuditOf<DecisionOutcome>,
	): Promise<DecisionOutcome | undefined>;
	/** Marks pending requests whose time ran out as timed out, with their audit rows; returns them. */
	expireApprovals(
		now: number,
		audit?: AuditOf<ApprovalRequest>,
		limit?: number,
	): Promise<ApprovalRequest[]>;
	/** Records that this process is alive (every few seconds while the ledger is open), then settles what dead ones left covered. */
	beat(now?: number): Promise<void>;
	/** Other processes that beat after `since`. */
	liveProcesses(since: number): Promise<ProcessRecord[]>;
	/** Records a delivery in the inbox (with `audit`); not accepted when the same delivery was accepted before (then `repeatAudit` is written). */
	acceptDelivery(
		delivery: NewDelivery,
		audit?: AuditEvent[],
		repeatAudit?: AuditEvent[],
	): Promise<{ id: string; accepted: boolean }>;
	getDelivery(id: string): Promise<InboxRecord | undefined>;
	/** Pauses a flow (replacing an earlier pause's who and why, keeping when it began), with `audit`. */
	pauseFlow(pause: FlowPause, audit?: AuditEvent[]): Promise<FlowPause>;
	/** Ends a flow's pause and makes what it parked due, in the order received; `pause` is what was ended, if it was paused. */
	resumeFlow(
		workflowId: string,
		audit?: (resumed: { pause?: FlowPause; parked: number }) => AuditEvent[],
	): Promise<{ pause?: FlowPause; parked: number }>;
	/** The flows paused now (or the one asked for). */
	flowPauses(workflowId?: string): Promise<FlowPause[]>;
	/** Records a withheld write, with `audit`, unless its key holds one already: then that one comes back, `recorded` false. */
	recordShadowWrite(
		write: ShadowWrite,
		audit?: AuditEvent[],
	): Promise<{ write: ShadowWrite; recorded: boolean }>;
	getShadowWrite(scope: string, key: string): Promise<ShadowWrite | undefined>;
	/** Withheld writes, oldest first. */
	shadowWrites(query: ShadowQuery): Promise<ShadowWrite[]>;
	/** Forgets withheld writes (a new shadow run, or the switch to live); returns how many. */
	deleteShadowWrites(query: Omit<ShadowQuery, 'limit'>): Promise<number>;
	noteDeliveries(notes: DeliveryNote[], now: number): Promise<void>;
	/** Accepted deliveries of a workflow due at `now` (and, never re-driven yet, accepted before `acceptedBefore`), oldest first. */
	dueDeliveries(
		workflowId: string,
		now: number,
		options: { acceptedBefore: number; limit?: number },
	): Promise<DueDelivery[]>;
	/** Takes a due delivery for this sweep (false when another sweeper took it first): re-drive, postpone or abandon it. */
	takeDelivery(take: DeliveryTake, audit?: AuditEvent[]): Promise<boolean>;
	countDeliveries(state: InboxRecord['state'], workflowId?: string): Promise<number>;
	/** Its backend, schema version and storage, for a health check. */
	describe(): Promise<LedgerDescription>;
	/** The status each health check was last reported in, by its name (check and subject). */
	healthStates(): Promise<Map<string, HealthState>>;
	putHealthStates(states: Array<HealthState & { name: string }>): Promise<void>;
	/** Claims held past their lease at `now`, deliveries accepted before `unsettledBefore` still unsettled, approvals pending since before `approvalsBefore`. */
	backlog(input: {
		now: number;
		unsettledBefore: number;
		approvalsBefore: number;
	}): Promise<Backlog>;
	/** Notes a Redelivery Trigger's sweep (a retry needs one sweeping the exception's workflow). */
	recordSweep(sweeper: SweeperRecord): Promise<void>;
	/** The Redelivery Triggers of one workflow, or of all. */
	sweepersOf(workflowId?: string): Promise<SweeperRecord[]>;
	/** Notes a poll trigger's poll: its success (and high-water mark) or its error. */
	recordPoll(poll: {
		workflowId: string;
		node: string;
		everyMs: number;
		at: number;
		highWaterMark?: string;
		error?: string;
	}): Promise<void>;
	polls(): Promise<PollRecord[]>;
	/** Notes what a Shopify Trigger subscribed when its workflow was published (replacing what it noted before). */
	recordSubscriptions(record: SubscriptionRecord): Promise<void>;
	/** Forgets a trigger's subscriptions (its workflow was unpublished). */
	forgetSubscriptions(workflowId: string, node: string): Promise<void>;
	subscriptions(): Promise<SubscriptionRecord[]>;
	/** A random secret kept in the ledger under `name`, made by whichever process asks first. */
	secret(name: string): Promise<string>;
	/** A value a node learnt and keeps for the others (the support desk's address); undefined when never set. */
	setting(name: string): Promise<string | undefined>;
	putSetting(name: string, value: string, now?: number): Promise<void>;

	/** Remembers what support may search a trail by (`#1025`, `SO-000042`) for the entities it names. */
	addHandles(pairs: Array<{ handle: string; entity: string }>, at: number): Promise<void>;
	/** The entities a handle was remembered for, newest first (at most `limit`, default 20). */
	entitiesFor(handle: string, limit?: number): Promise<string[]>;
	/** Opens exceptions (a repeat counts on the unresolved one), with an `exception.opened` trail event each. */
	recordExceptions(exceptions: NewException[]): Promise<ExceptionRecord[]>;
	/** A later success at the same node resolves what is unresolved for those entities, saying so on their trail. */
	resolveExceptionsOf(
		scope: { workflowId: string; node: string; entities: string[]; executionId: string | null },
		at: number,
	): Promise<ExceptionRecord[]>;
	listExceptions(filter: ExceptionFilter): Promise<ExceptionRecord[]>;
	getException(id: number): Promise<ExceptionRecord | undefined>;
	/** Open → acknowledged; undefined when it is not open. */
	acknowledgeException(id: number, by: string, at: number): Promise<ExceptionRecord | undefined>;
	/** Open or acknowledged → resolved; undefined when it already was. */
	resolveException(
		id: number,
		input: { by: string; resolution: string; note: string; at: number },
	): Promise<ExceptionRecord | undefined>;
	/** Every event of the given kinds in [from, to), oldest first: the ledger's own history, for the indicators. */
	auditBetween(input: { from: number; to: number; events: string[] }): Promise<StoredAuditEvent[]>;
	/** Every event one execution of a workflow recorded, in the order recorded. */
	executionEvents(workflowId: string, executionId: string): Promise<StoredAuditEvent[]>;
	/** An entity's trail in the order it was written. */
	trail(
		entity: string,
		options?: { afterId?: number; limit?: number },
	): Promise<StoredAuditEvent[]>;
	close(): Promise<void>;
}

/** A Redelivery Trigger as the ledger knows it: the workflow it sweeps, how often, and when it last did. */
export interface SweeperRecord {
	workflowId: string;
	node: string;
	everyMs: number;
	sweptAt: number;
}

/** A poll trigger as the ledger knows it: how often it polls, its last attempt and success, its mark, its last error. */
export interface PollRecord {
	workflowId: string;
	node: string;
	everyMs: number;
	polledAt: number;
	succeededAt: number | null;
	highWaterMark: string | null;
	/** The last poll's error; null when it succeeded. */
	error: string | null;
}

/** Where a ledger lives and how big it is; `freeBytes`: the room left on the embedded file's disk (null for PostgreSQL). */
export interface LedgerStorage {
	location: string;
	sizeBytes: number;
	freeBytes: number | null;
}

export interface LedgerDescription extends LedgerStorage {
	backend: 'sqlite' | 'postgres';
	/** The newest migration applied, and the newest this code knows. */
	schemaVersion: number;
	latestSchemaVersion: number;
}

/** What is piling up: claims held past their lease, deliveries accepted long ago and never settled. */
export interface Backlog {
	stuckClaims: number;
	/** When the oldest stuck claim's lease ended. */
	oldestStuckClaimAt: number | null;
	unsettledDeliveries: number;
	oldestUnsettledAt: number | null;
	/** Approval requests still pending that were made before `approvalsBefore`. */
	waitingApprovals: number;
	oldestWaitingApprovalAt: number | null;
}

/** A health check's last reported status and since when it has been so. */
export interface HealthState {
	status: string;
	since: number;
}

/** The webhook subscriptions a published Shopify Trigger needs: its shop, its URL, its topics. */
export interface SubscriptionRecord {
	workflowId: string;
	node: string;
	/** The shop's Admin API origin (https://my-store.myshopify.com). */
	shop: string;
	uri: string;
	topics: string[];
	recordedAt: number;
}

/** What went wrong, as the exception queue names it. */
/** errored: an execution failed (n8n's Error Trigger, through the error workflow). */
export type ExceptionKind =
	| 'failed'
	| 'in_doubt'
	| 'rejected'
	| 'timed_out'
	| 'abandoned'
	| 'errored';
export type ExceptionState = 'open' | 'acknowledged' | 'resolved';

export interface NewException {
	kind: ExceptionKind;
	/** What it is about (`shopify:order:1025`). */
	entity: string;
	workflowId: string;
	node: string;
	executionId: string | null;
	/** In plain words, what failed. */
	reason: string;
	/** What a person should do next. */
	action: string;
	/** The item as the node had it. */
	item: Record<string, unknown>;
	at: number;
}

/** How people name an exception: E-12. */
export const exceptionName = (id: number): string => `E-${id}`;

/** `E-12`, `e12` or `12` → 12; undefined for anything else. */
export function exceptionNumber(value: string): number | undefined {
	const match = /^(?:E-?)?(\d+)$/i.exec(value.trim());
	return match ? Number(match[1]) : undefined;
}

export interface ExceptionRecord extends NewException {
	id: number;
	state: ExceptionState;
	openedAt: number;
	lastSeenAt: number;
	/** Runs that ended the same way while it was unresolved. */
	timesSeen: number;
	acknowledgedAt: number | null;
	acknowledgedBy: string | null;
	resolvedAt: number | null;
	resolvedBy: string | null;
	/** automatic (a later success), or how a person resolved it. */
	resolution: string | null;
	note: string | null;
}

export interface ExceptionFilter {
	state?: ExceptionState | 'unresolved';
	kind?: ExceptionKind;
	workflowId?: string;
	entity?: string;
	openedBefore?: number;
	limit?: number;
}

export class LedgerError extends Error {
	constructor(
		message: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'LedgerError';
	}
}
