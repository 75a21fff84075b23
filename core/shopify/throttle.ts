/**
 * Pacing against Shopify's calculated-cost leaky bucket. Every answer carries
 * `extensions.cost.throttleStatus`; from the last one we know how full the bucket is and how fast
 * it refills, so a request that would not fit waits just long enough instead of drawing
 * THROTTLED.
 *
 * One pacer serves every client of a bucket in the process (executions build their own clients
 * but drain the same bucket). Requests are admitted one at a time, and each admitted request
 * reserves its expected cost until its answer arrives: Shopify holds the requested cost while a
 * query runs, so concurrent readers must not all spend the same points. Other processes (queue
 * workers) sharing the bucket are seen through the throttleStatus of our own answers, which
 * reflects everything Shopify holds or has charged; what they take after that answer shows up
 * as THROTTLED, which the client waits out from the status it carries.
 */

export interface ThrottleStatus {
	maximumAvailable: number;
	currentlyAvailable: number;
	restoreRate: number;
}

export interface QueryCost {
	requestedQueryCost: number;
	actualQueryCost: number | null;
	throttleStatus?: ThrottleStatus;
}

/** A wait the caller can cut short (the pacer does when a fresher answer arrives). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A request let through by the pacer; `ticket` is handed back with its answer. */
export interface Admission {
	ticket: number;
	/** How long the request waited for the bucket. */
	waitedMs: number;
}

/** Safety margin so that the estimate's rounding never tips a request into THROTTLED. */
const HEADROOM_POINTS = 10;
/** The longest a request waits for the first answer of its operation to learn what it costs. */
const PROBE_WAIT_MS = 5000;

interface Reservation {
	operation: string;
	/** The expected cost; undefined while the operation's cost is unknown (its first request). */
	points?: number;
}

export class CostPacer {
	private status?: ThrottleStatus;
	private observedAt = 0;
	/** The ticket whose answer gave `status`: requests admitted after it are not in it. */
	private observedTicket = 0;
	private lastTicket = 0;
	/** Last requested cost per operation name: the estimate for its next request. */
	private readonly lastRequested = new Map<string, number>();
	/** Requests still waiting for their answer, by ticket. */
	private readonly reserved = new Map<number, Reservation>();
	/** Admissions are decided one at a time, in arrival order. */
	private queue: Promise<void> = Promise.resolve();
	/** Waiters woken when an answer (or a failed request) changes what the bucket holds. */
	private wakers: Array<() => void> = [];

	constructor(private readonly now: () => number = Date.now) {}

	/** Points the bucket holds now, from the last answer, less what our later requests reserved. */
	available(): number | undefined {
		if (!this.status) return undefined;
		const restored = ((this.now() - this.observedAt) / 1000) * this.status.restoreRate;
		let reserved = 0;
		for (const [ticket, reservation] of this.reserved)
			if (ticket > this.observedTicket) reserved += reservation.points ?? 0;
		return (
			Math.min(this.status.maximumAvailable, this.status.currentlyAvailable + restored) - reserved
		);
	}

	/**
	 * How long to wait before sending `operation` so that its cost fits the bucket: `expected`
	 * when the caller knows it (a page sized to a cost), else the operation's last requested cost.
	 */
	delayBefore(operation: string, expectedCost?: number): number {
		const expected = expectedCost ?? this.lastRequested.get(operation);
		const available = this.available();
		if (expected === undefined || available === undefined || !this.status) return 0;
		if (this.status.restoreRate <= 0) return 0;
		const needed = Math.min(expected + HEADROOM_POINTS, this.status.maximumAvailable) - available;
		return needed <= 0 ? 0 : Math.ceil((needed / this.status.restoreRate) * 1000);
	}

	/**
	 * Waits until the bucket can pay for `operation` (after the requests admitted before it),
	 * then reserves its expected cost (`expectedCost` when the caller knows it). Hand the ticket
	 * back with `settle` or `release`.
	 */
	async acquire(operation: string, sleep: Sleep, expectedCost?: number): Promise<Admission> {
		const previous = this.queue;
		let done!: () => void;
		this.queue = new Promise<void>((resolve) => (done = resolve));
		await previous;
		try {
			const waitedMs = await this.waitForRoom(operation, sleep, expectedCost);
			const ticket = ++this.lastTicket;
			const points = expectedCost ?? this.lastRequested.get(operation);
			this.reserved.set(ticket, { operation, points });
			return { ticket, waitedMs };
		} finally {
			done();
		}
	}

	/** The admitted request was answered (data or THROTTLED): its cost replaces the reservation. */
	settle(ticket: number, operation: string, cost: QueryCost | undefined): void {
		this.reserved.delete(ticket);
		this.record(operation, cost, ticket);
	}

	/** The admitted request got no cost back (transport failure, 401): drop its reservation. */
	release(ticket: number): void {
		this.reserved.delete(ticket);
		this.wake();
	}

	/** After THROTTLED: the wait until the refused request's cost is back in the bucket. */
	static delayAfterThrottled(cost: QueryCost | undefined): number {
		const status = cost?.throttleStatus;
		if (!status || !cost || status.restoreRate <= 0) return 1000;
		const needed = cost.requestedQueryCost + HEADROOM_POINTS - status.currentlyAvailable;
		return Math.max(100, Math.ceil((needed / status.restoreRate) * 1000));
	}

	private record(operation: string, cost: QueryCost | undefined, ticket: number): void {
		if (cost && cost.requestedQueryCost > 0)
			this.lastRequested.set(operation, cost.requestedQueryCost);
		if (cost?.throttleStatus) {
			this.status = cost.throttleStatus;
			this.observedAt = this.now();
			this.observedTicket = ticket;
		}
		this.wake();
	}

	/**
	 * Sleeps until the estimate says the cost fits; a fresher answer arriving meanwhile (a
	 * concurrent request's refund, say) cuts the sleep short and the estimate is made again.
	 */
	private async waitForRoom(
		operation: string,
		sleep: Sleep,
		expectedCost: number | undefined,
	): Promise<number> {
		// Until an answer shows the bucket, the first request goes alone even when its cost is known.
		let waited =
			expectedCost === undefined || !this.status ? await this.waitForProbe(operation, sleep) : 0;
		for (;;) {
			const delay = this.delayBefore(operation, expectedCost);
			if (delay <= 0) return waited;
			const controller = new AbortController();
			const startedAt = this.now();
			const woken = await Promise.race([
				sleep(delay, controller.signal).then(() => false),
				new Promise<boolean>((resolve) => this.wakers.push(() => resolve(true))),
			]);
			controller.abort();
			if (!woken) return waited + delay;
			waited += this.now() - startedAt;
		}
	}

	/**
	 * While the first request of an operation is out, its cost is unknown: concurrent requests of
	 * the same operation wait for that answer (up to PROBE_WAIT_MS) instead of all guessing.
	 */
	private async waitForProbe(operation: string, sleep: Sleep): Promise<number> {
		const probing = () =>
			!this.lastRequested.has(operation) &&
			[...this.reserved.values()].some((reservation) => reservation.operation === operation);
		if (!probing()) return 0;
		const startedAt = this.now();
		const controller = new AbortController();
		let timedOut = false;
		const deadline = sleep(PROBE_WAIT_MS, controller.signal).then(() => (timedOut = true));
		while (probing() && !timedOut)
			await Promise.race([deadline, new Promise<void>((resolve) => this.wakers.push(resolve))]);
		controller.abort();
		return this.now() - startedAt;
	}

	private wake(): void {
		const wakers = this.wakers;
		this.wakers = [];
		for (const wake of wakers) wake();
	}
}

const pacers = new Map<string, CostPacer>();

/** The pacer of one bucket (Shopify keeps one per app and store). */
export function pacerFor(bucketKey: string): CostPacer {
	let pacer = pacers.get(bucketKey);
	if (!pacer) {
		pacer = new CostPacer();
		pacers.set(bucketKey, pacer);
	}
	return pacer;
}
