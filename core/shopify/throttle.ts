/**
 * Pacing against Shopify's calculated-cost leaky bucket. Every answer carries
 * `extensions.cost.throttleStatus`; from the last one we know how full the bucket is and how fast
 * it refills, so a request that would not fit waits just long enough instead of drawing
 * THROTTLED. The state is kept per shop and token holder for the whole process, because every
 * execution builds its own client but they all drain the same bucket.
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

/** Safety margin so that the estimate's rounding never tips a request into THROTTLED. */
const HEADROOM_POINTS = 10;

export class CostPacer {
	private status?: ThrottleStatus;
	private observedAt = 0;
	/** Last requested cost per operation name: the estimate for its next request. */
	private readonly lastRequested = new Map<string, number>();

	constructor(private readonly now: () => number = Date.now) {}

	observe(operation: string, cost: QueryCost | undefined): void {
		if (!cost) return;
		if (cost.requestedQueryCost > 0) this.lastRequested.set(operation, cost.requestedQueryCost);
		if (cost.throttleStatus) {
			this.status = cost.throttleStatus;
			this.observedAt = this.now();
		}
	}

	/** Points the bucket holds now, extrapolated from the last answer. */
	available(): number | undefined {
		if (!this.status) return undefined;
		const restored = ((this.now() - this.observedAt) / 1000) * this.status.restoreRate;
		return Math.min(this.status.maximumAvailable, this.status.currentlyAvailable + restored);
	}

	/** How long to wait before sending `operation` so that its cost fits the bucket. */
	delayBefore(operation: string): number {
		const expected = this.lastRequested.get(operation);
		const available = this.available();
		if (expected === undefined || available === undefined || !this.status) return 0;
		const needed = Math.min(expected + HEADROOM_POINTS, this.status.maximumAvailable) - available;
		return needed <= 0 ? 0 : Math.ceil((needed / this.status.restoreRate) * 1000);
	}

	/** After THROTTLED: the wait until the refused request's cost is back in the bucket. */
	static delayAfterThrottled(cost: QueryCost | undefined): number {
		const status = cost?.throttleStatus;
		if (!status || !cost || status.restoreRate <= 0) return 1000;
		const needed = cost.requestedQueryCost + HEADROOM_POINTS - status.currentlyAvailable;
		return Math.max(100, Math.ceil((needed / status.restoreRate) * 1000));
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
