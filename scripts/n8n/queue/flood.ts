/**
 * The webhook flood: every delivery the Shopify emulator recorded (it holds them back instead of
 * sending) is posted to n8n's production URL as Shopify would send it (same body, same headers,
 * same HMAC), once as the original and 1–3 more times as duplicates, all shuffled. Deliveries
 * the emulator records during the run (the flow's own tag change is an orders/updated) join the
 * queue at random places. An answer other than 2xx is retried after a backoff, as Shopify does.
 */
import type { DeliveryRecord } from '../../../sandbox/shopify/webhooks';
import { MAX_COPIES, MAX_POST_ATTEMPTS, MIN_COPIES } from './config';

interface Post {
	delivery: DeliveryRecord;
	duplicate: boolean;
}

export interface FloodStats {
	/** Deliveries the emulator recorded and the flood took over. */
	originals: number;
	/** POSTs that answered 2xx (originals and duplicates). */
	accepted: number;
	duplicates: number;
	/** Retries after a 503 (n8n's "not now") and after any other failure. */
	retried503: number;
	retriedOther: number;
	/** POSTs that never got a 2xx within MAX_POST_ATTEMPTS. */
	gaveUp: number;
	statuses: Record<string, number>;
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class Flood {
	readonly stats: FloodStats = {
		originals: 0,
		accepted: 0,
		duplicates: 0,
		retried503: 0,
		retriedOther: 0,
		gaveUp: 0,
		statuses: {},
	};
	private readonly queue: Post[] = [];
	private taken = 0;
	private inFlight = 0;
	private stopped = false;
	/** When the last POST was answered 2xx: the flood's end, for the intake rate. */
	lastAnsweredAt = 0;

	constructor(
		private readonly recorded: DeliveryRecord[],
		private readonly random: () => number,
	) {}

	/** Takes the deliveries recorded since the last call; each goes in with its copies at random places. */
	absorb(): number {
		const fresh = this.recorded.slice(this.taken);
		this.taken = this.recorded.length;
		for (const delivery of fresh) {
			const copies = MIN_COPIES + Math.floor(this.random() * (MAX_COPIES - MIN_COPIES + 1));
			this.insertRandomly({ delivery, duplicate: false });
			for (let copy = 0; copy < copies; copy++) this.insertRandomly({ delivery, duplicate: true });
		}
		this.stats.originals += fresh.length;
		return fresh.length;
	}

	/** POSTs answered 2xx so far plus those still to send: what the flood amounts to now. */
	planned(): number {
		return this.stats.accepted + this.stats.gaveUp + this.inFlight + this.queue.length;
	}

	/** Nothing waiting and nothing on the wire. */
	drained(): boolean {
		return this.queue.length === 0 && this.inFlight === 0 && this.taken === this.recorded.length;
	}

	stop(): void {
		this.stopped = true;
	}

	/** Runs `parallel` senders until stop(); an empty queue is waited on, new deliveries may still come. */
	async run(parallel: number): Promise<void> {
		await Promise.all(Array.from({ length: parallel }, async () => await this.sender()));
	}

	private insertRandomly(post: Post): void {
		this.queue.splice(Math.floor(this.random() * (this.queue.length + 1)), 0, post);
	}

	private async sender(): Promise<void> {
		while (!this.stopped) {
			this.absorb();
			const post = this.queue.shift();
			if (!post) {
				await sleep(250);
				continue;
			}
			this.inFlight++;
			try {
				await this.send(post);
			} finally {
				this.inFlight--;
			}
		}
	}

	private async send(post: Post): Promise<void> {
		for (let attempt = 1; attempt <= MAX_POST_ATTEMPTS; attempt++) {
			const status = await postOnce(post.delivery);
			this.stats.statuses[status] = (this.stats.statuses[status] ?? 0) + 1;
			if (/^2\d\d$/.test(status)) {
				this.stats.accepted++;
				this.lastAnsweredAt = Date.now();
				if (post.duplicate) this.stats.duplicates++;
				return;
			}
			if (attempt === MAX_POST_ATTEMPTS || this.stopped) break;
			if (status === '503') this.stats.retried503++;
			else this.stats.retriedOther++;
			// Shopify backs off between attempts; seconds here, so the run stays short.
			await sleep(Math.min(8000, 500 * 2 ** (attempt - 1)));
		}
		this.stats.gaveUp++;
	}
}

/** One POST; the status as text, or the error's name when no answer came. */
async function postOnce(delivery: DeliveryRecord): Promise<string> {
	try {
		const response = await fetch(delivery.uri, {
			method: 'POST',
			headers: delivery.headers,
			body: delivery.body,
			signal: AbortSignal.timeout(10_000),
		});
		await response.arrayBuffer();
		return String(response.status);
	} catch (error) {
		return `error:${(error as Error).name}`;
	}
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}
