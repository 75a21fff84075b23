/**
 * The heartbeat's checks: each measured from the ledger, held against an explicit threshold, and
 * reported with a sentence saying what to do. They look for what stops silently: a poll whose
 * mark no longer moves, a Redelivery Trigger that no longer sweeps, exceptions nobody works,
 * executions that failed, a flow left paused,
 * writes in doubt, claims held past their lease, deliveries no run settles, a ledger running out
 * of room or behind on its schema.
 */
import type {
	FlowPause,
	Ledger,
	LedgerDescription,
	PollRecord,
	SweeperRecord,
} from '../ledger/types';

export interface HealthThresholds {
	/** A poll is stale after this many of its intervals without a successful poll. */
	pollIntervals: number;
	/** A Redelivery Trigger is stale after this many of its intervals without a sweep. */
	sweepIntervals: number;
	/** Unresolved exceptions older than this many hours… */
	exceptionAgeHours: number;
	/** …may number at most this many. */
	maxAgedExceptions: number;
	/** Failed executions (the error workflow records them) left unresolved. */
	maxErroredExecutions: number;
	maxInDoubtWrites: number;
	maxStuckClaims: number;
	/** Deliveries unsettled for longer than this many minutes… */
	unsettledMinutes: number;
	/** …may number at most this many. */
	maxUnsettledDeliveries: number;
	/** Approval requests pending longer than this many hours… */
	approvalWaitHours: number;
	/** …may number at most this many. */
	maxWaitingApprovals: number;
	/** The embedded ledger's disk must keep this much room. */
	minFreeDiskMb: number;
	/** A flow paused for longer than this many hours is a pause somebody forgot to end. */
	pausedHours: number;
	/** Workflows whose triggers are not checked (unpublished for good, say). */
	skipWorkflows: string[];
}

export const DEFAULT_THRESHOLDS: HealthThresholds = {
	pollIntervals: 2,
	sweepIntervals: 3,
	exceptionAgeHours: 24,
	maxAgedExceptions: 0,
	maxErroredExecutions: 0,
	maxInDoubtWrites: 0,
	maxStuckClaims: 0,
	unsettledMinutes: 15,
	maxUnsettledDeliveries: 0,
	approvalWaitHours: 4,
	maxWaitingApprovals: 0,
	minFreeDiskMb: 1024,
	pausedHours: 4,
	skipWorkflows: [],
};

export interface HealthCheck {
	/** What is checked: ledger, disk, poll, sweeper, exceptions, inDoubt, stuckClaims, inbox. */
	check: string;
	/** What it is checked for: the ledger's location, `<workflow> / <node>`, or "all flows". */
	subject: string;
	status: 'ok' | 'breached';
	value: number | string;
	threshold: number | string;
	unit: string;
	/** What was found, and when breached what to do, in words. */
	message: string;
	/** Subscriptions only: the topics re-created by this check (Repair Subscriptions). */
	repaired?: string[];
}

const MINUTE = 60_000;
const minutes = (ms: number) => Math.round(ms / 6_000) / 10;
const verdict = (breached: boolean): HealthCheck['status'] => (breached ? 'breached' : 'ok');

function ledgerChecks(description: LedgerDescription, thresholds: HealthThresholds): HealthCheck[] {
	const { schemaVersion, latestSchemaVersion, location, sizeBytes, freeBytes } = description;
	const behind = schemaVersion !== latestSchemaVersion;
	const size = `${(sizeBytes / 1_048_576).toFixed(1)} MB`;
	const checks: HealthCheck[] = [
		{
			check: 'ledger',
			subject: location,
			status: verdict(behind),
			value: schemaVersion,
			threshold: latestSchemaVersion,
			unit: 'schema version',
			message: behind
				? `The ledger's schema is v${schemaVersion}, this Orderflow expects v${latestSchemaVersion}: every n8n process must run the same Orderflow version (restart the ones that do not).`
				: `The ${description.backend === 'sqlite' ? 'embedded' : 'PostgreSQL'} ledger answers, schema v${schemaVersion}, ${size}.`,
		},
	];
	if (freeBytes !== null) {
		const freeMb = Math.floor(freeBytes / 1_048_576);
		const low = freeMb < thresholds.minFreeDiskMb;
		checks.push({
			check: 'disk',
			subject: location,
			status: verdict(low),
			value: freeMb,
			threshold: thresholds.minFreeDiskMb,
			unit: 'MB free',
			message: low
				? `Only ${freeMb} MB are left on the ledger's disk: free some room, or move the ledger to PostgreSQL, before writes start failing.`
				: `${freeMb} MB free on the ledger's disk.`,
		});
	}
	return checks;
}

function pollCheck(poll: PollRecord, thresholds: HealthThresholds, now: number): HealthCheck {
	const limit = thresholds.pollIntervals * poll.everyMs;
	const age = poll.succeededAt === null ? null : now - poll.succeededAt;
	const stale = age === null || age > limit;
	const failing = poll.error ? ` Its last poll failed: ${poll.error}.` : '';
	const mark = poll.highWaterMark ? ` Its mark is ${poll.highWaterMark}.` : '';
	return {
		check: 'poll',
		subject: `${poll.workflowId} / ${poll.node}`,
		status: verdict(stale),
		value: age === null ? 'never' : minutes(age),
		threshold: minutes(limit),
		unit: 'minutes since the last successful poll',
		message: stale
			? `The poll has not succeeded for ${age === null ? 'as long as it has run' : `${minutes(age)} minutes`} (it runs every ${minutes(poll.everyMs)}).${failing}${mark} Check that the workflow is published and its Shopify credential works: orders missed by webhooks are not caught meanwhile.`
			: `Polled successfully ${minutes(age)} minutes ago.${mark}`,
	};
}

function sweeperCheck(
	sweeper: SweeperRecord,
	thresholds: HealthThresholds,
	now: number,
): HealthCheck {
	const limit = thresholds.sweepIntervals * sweeper.everyMs;
	const age = now - sweeper.sweptAt;
	const stale = age > limit;
	return {
		check: 'sweeper',
		subject: `${sweeper.workflowId} / ${sweeper.node}`,
		status: verdict(stale),
		value: minutes(age),
		threshold: minutes(limit),
		unit: 'minutes since the last sweep',
		message: stale
			? `The Redelivery Trigger has not swept for ${minutes(age)} minutes: deliveries whose run died are not re-driven, and Retry cannot send anything. Check that the workflow is published and n8n's main process runs.`
			: `Swept ${minutes(age)} minutes ago.`,
	};
}

/** A paused flow parks what arrives: a pause nobody ended is orders nobody books. */
function pauseCheck(pause: FlowPause, thresholds: HealthThresholds, now: number): HealthCheck {
	const hours = Math.round((now - pause.pausedAt) / 360_000) / 10;
	const long = hours > thresholds.pausedHours;
	const since = `paused since ${new Date(pause.pausedAt).toISOString()} by ${pause.by} (${pause.reason})`;
	return {
		check: 'paused',
		subject: pause.workflowId,
		status: verdict(long),
		value: hours,
		threshold: thresholds.pausedHours,
		unit: 'hours paused',
		message: long
			? `The flow is ${since}: what arrives is parked, not booked. Resume it (Orderflow Ops → Flow → Resume), or unpublish it if it is rolled back for good (docs/runbooks/rollback.md).`
			: `The flow is ${since}.`,
	};
}

const counted = (
	check: string,
	value: number,
	threshold: number,
	unit: string,
	found: string,
	todo: string,
): HealthCheck => ({
	check,
	subject: 'all flows',
	status: verdict(value > threshold),
	value,
	threshold,
	unit,
	message: value > threshold ? `${found} ${todo}` : found,
});

async function backlogChecks(
	ledger: Ledger,
	thresholds: HealthThresholds,
	now: number,
): Promise<HealthCheck[]> {
	const aged = await ledger.listExceptions({
		state: 'unresolved',
		openedBefore: now - thresholds.exceptionAgeHours * 3_600_000,
		limit: 1000,
	});
	const errored = await ledger.listExceptions({
		state: 'unresolved',
		kind: 'errored',
		limit: 1000,
	});
	const inDoubt = await ledger.inDoubtWrites({ limit: 1000 });
	const backlog = await ledger.backlog({
		now,
		unsettledBefore: now - thresholds.unsettledMinutes * MINUTE,
		approvalsBefore: now - thresholds.approvalWaitHours * 3_600_000,
	});
	return [
		counted(
			'exceptions',
			aged.length,
			thresholds.maxAgedExceptions,
			`unresolved exceptions older than ${thresholds.exceptionAgeHours} h`,
			`${aged.length} unresolved exception(s) older than ${thresholds.exceptionAgeHours} hours.`,
			'Work them on the support desk or with Orderflow Ops → Exception → Get Many (Older Than).',
		),
		counted(
			'erroredExecutions',
			errored.length,
			thresholds.maxErroredExecutions,
			'failed executions unresolved',
			`${errored.length} failed execution(s) unresolved.`,
			'Open each execution in n8n (the exception links it), fix the cause, retry it there, and resolve the exception.',
		),
		counted(
			'inDoubt',
			inDoubt.length,
			thresholds.maxInDoubtWrites,
			'writes in doubt',
			`${inDoubt.length} write(s) in doubt.`,
			'Check each in the remote and resolve it as applied or not applied (support desk, or Orderflow Ops → In-Doubt Write).',
		),
		counted(
			'stuckClaims',
			backlog.stuckClaims,
			thresholds.maxStuckClaims,
			'claims held past their lease',
			`${backlog.stuckClaims} dedupe claim(s) held past their lease.`,
			'Their runs never confirmed or released them: the next delivery or poll takes them over; look at those executions.',
		),
		counted(
			'approvals',
			backlog.waitingApprovals,
			thresholds.maxWaitingApprovals,
			`approvals pending over ${thresholds.approvalWaitHours} h`,
			`${backlog.waitingApprovals} approval request(s) pending for over ${thresholds.approvalWaitHours} hours.`,
			'Remind the approvers (each has their own link in their notice), or decide them before they time out.',
		),
		counted(
			'inbox',
			backlog.unsettledDeliveries,
			thresholds.maxUnsettledDeliveries,
			`deliveries unsettled for over ${thresholds.unsettledMinutes} minutes`,
			`${backlog.unsettledDeliveries} delivery(ies) accepted over ${thresholds.unsettledMinutes} minutes ago and not settled.`,
			'Add (or publish) the workflow’s Redelivery Trigger, or look at their executions.',
		),
	];
}

export async function checkHealth(
	ledger: Ledger,
	thresholds: HealthThresholds,
	now: number,
): Promise<HealthCheck[]> {
	const skipped = (record: { workflowId: string }) =>
		thresholds.skipWorkflows.includes(record.workflowId);
	const polls = (await ledger.polls()).filter((poll) => !skipped(poll));
	const sweepers = (await ledger.sweepersOf()).filter((sweeper) => !skipped(sweeper));
	const pauses = await ledger.flowPauses();
	return [
		...ledgerChecks(await ledger.describe(), thresholds),
		...pauses.map((pause) => pauseCheck(pause, thresholds, now)),
		...polls.map((poll) => pollCheck(poll, thresholds, now)),
		...sweepers.map((sweeper) => sweeperCheck(sweeper, thresholds, now)),
		...(await backlogChecks(ledger, thresholds, now)),
	];
}
