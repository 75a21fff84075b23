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
}

/** An idempotent write as the ledger keeps it (Stripe's idempotency-key states). */
export interface WriteRecord {
	scope: string;
	key: string;
	/** What was asked (method, URL, body): the same key with another request is a conflict. */
	fingerprint: string;
	state: 'in_flight' | 'succeeded' | 'failed' | 'in_doubt';
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

/** Audit rows written in the same transaction as the change they describe, from its result. */
export type AuditOf<T> = (result: T) => AuditEvent[];

export interface Ledger {
	readonly backend: 'sqlite' | 'postgres';
	/**
	 * Claims keys, and writes the audit rows built from the result, in one transaction: either
	 * both are recorded or neither. Returns the stored row of each key after the claim.
	 */
	claim(requests: ClaimRequest[], options: ClaimOptions, audit?: AuditOf<Map<string, StoredKey>>): Promise<Map<string, StoredKey>>;
	/** Turns held claims into confirmed keys; returns the keys that were held. */
	confirm(namespace: string, keys: string[], now: number, audit?: AuditOf<string[]>): Promise<string[]>;
	/** Gives held claims back so the key can pass again; returns the keys that were held. */
	release(namespace: string, keys: string[], audit?: AuditOf<string[]>): Promise<string[]>;
	/** Deletes keys whatever their state (deliberate reprocessing); returns the keys that existed. */
	forget(namespace: string, keys: string[], audit?: AuditOf<string[]>): Promise<string[]>;
	inspect(namespace: string, keys: string[]): Promise<Map<string, StoredKey>>;
	/** Deletes keys whose retention ended; returns how many. */
	purgeExpired(now: number, limit?: number): Promise<number>;
	/** Deletes audit rows, settled writes and settled approvals past their retention; returns how many of each. */
	purgeHistory(now: number, retention: RetentionPolicy, limit?: number): Promise<{ audit: number; writes: number; approvals: number }>;
	countKeys(namespace?: string): Promise<number>;
	/** Inserts a write in flight, or takes over one whose lease lapsed; returns the record as it now is. */
	beginWrite(input: BeginWrite): Promise<WriteRecord>;
	/** Records a write's outcome (with its audit rows, in one transaction); false when the caller no longer owns it. */
	finishWrite(input: FinishWrite, audit?: AuditEvent[]): Promise<boolean>;
	/** Gives an in-flight write back so the next attempt starts afresh; false when not owned. */
	abandonWrite(scope: string, key: string, owner: string): Promise<boolean>;
	getWrite(scope: string, key: string): Promise<WriteRecord | undefined>;
	/** Deletes a write record whatever its state (a person resolved an in-doubt write). */
	forgetWrite(scope: string, key: string): Promise<boolean>;
	appendAudit(events: AuditEvent[]): Promise<void>;
	/** Stores a new approval request (pending) with its audit rows. */
	createApproval(request: NewApprovalRequest, audit?: AuditEvent[]): Promise<void>;
	getApproval(requestId: string): Promise<{ request: ApprovalRequest; decisions: ApprovalDecision[] } | undefined>;
	/**
	 * Records one approver's decision, settles the request when it decides it, and writes the
	 * audit rows built from the outcome: one transaction, so a decision is never settled unseen.
	 */
	decideApproval(decision: ApprovalDecision, audit?: AuditOf<DecisionOutcome>): Promise<DecisionOutcome | undefined>;
	/** Marks pending requests whose time ran out as timed out, with their audit rows; returns them. */
	expireApprovals(now: number, audit?: AuditOf<ApprovalRequest>, limit?: number): Promise<ApprovalRequest[]>;
	/** An entity's trail in the order it was written. */
	trail(entity: string, options?: { afterId?: number; limit?: number }): Promise<StoredAuditEvent[]>;
	close(): Promise<void>;
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
