/**
 * Waiting for the run to settle: every order booked with its newest version, every delivery
 * posted, and nothing left open in the ledger (no write in flight or in doubt, no dedupe key
 * still claimed). Checked every POLL_MS until it holds or the time is up.
 */
import type { ShopifyStore } from '../../../sandbox/shopify/store';
import { ERP_TOKEN, GIVE_UP_WHEN_STILL_MS, POLL_MS, type RunIdentity } from './config';
import { crashState, ledgerState, type CrashState, type LedgerState } from './database';
import type { Flood } from './flood';
import { compareBookings, salesOrders, type Bookings, type RunOrder } from './orders';

export interface Snapshot {
	at: number;
	bookings: Bookings;
	ledger: LedgerState;
	/** Nothing left to post and nothing on the wire. */
	drained: boolean;
	/** What the killed worker left, once there is a kill. */
	crash?: CrashState & { lost: number };
}

export interface Observed {
	run: RunIdentity;
	store: ShopifyStore;
	erpUrl: string;
	orders: RunOrder[];
	flood: Flood;
	/** The kill: the worker's pid, the executions it had in flight, when. */
	crash?: { pid: number; executions: string[]; at: number };
}

export async function snapshot(observed: Observed): Promise<Snapshot> {
	const drained = observed.flood.drained();
	const [booked, ledger, crash] = await Promise.all([
		salesOrders(observed.erpUrl, ERP_TOKEN),
		ledgerState(observed.run),
		observed.crash ? crashState(observed.run, observed.crash) : undefined,
	]);
	const bookings = compareBookings(observed.orders, booked);
	if (!crash) return { at: Date.now(), bookings, ledger, drained };
	// The orders the crash touched must be in the ERP (their newest version may still be on its way in the flood).
	const touched = observed.orders.filter((order) => crash.entities.includes(order.ref));
	return {
		at: Date.now(),
		bookings,
		ledger,
		drained,
		crash: { ...crash, lost: compareBookings(touched, booked).lost },
	};
}

/** Everything the kill left is recovered: nothing held by the dead worker, its deliveries settled, their orders booked. */
export function recovered(state: Snapshot): boolean {
	return (
		!!state.crash &&
		state.crash.holds === 0 &&
		state.crash.unsettled === 0 &&
		state.crash.lost === 0
	);
}

/** Duplicates are not part of it: a double booking never goes away, the checks count it. */
export function settled(state: Snapshot): boolean {
	const { bookings, ledger } = state;
	return (
		state.drained &&
		bookings.lost === 0 &&
		bookings.stale === 0 &&
		ledger.inFlight === 0 &&
		ledger.inDoubt === 0 &&
		ledger.claimed === 0
	);
}

export function describe(state: Snapshot): string {
	const { bookings: b, ledger: l, crash: c } = state;
	const crash = c
		? `; the dead worker's ${c.holds} holds, ${c.unsettled} unsettled deliveries, ${c.lost} of its orders unbooked`
		: '';
	return `${b.booked}/${b.orders} booked, ${b.stale} stale, ${b.duplicates} duplicates; ledger ${l.inFlight} in flight, ${l.inDoubt} in doubt, ${l.claimed} keys claimed; flood ${state.drained ? 'drained' : 'running'}${crash}`;
}

/**
 * Polls until settled or `deadline`, or until `stillAfter` has passed and nothing changed for
 * GIVE_UP_WHEN_STILL_MS (a ledger that holds keys does not let go by itself); says what it sees
 * every `reportEveryMs`.
 */
export async function waitUntilSettled(
	observed: Observed,
	limits: { deadline: number; stillAfter: number },
	reportEveryMs = 20_000,
): Promise<{ settledAt?: number; recoveredAt?: number; last: Snapshot }> {
	let nextReport = Date.now() + reportEveryMs;
	let seen = '';
	let changedAt = Date.now();
	let recoveredAt: number | undefined;
	for (;;) {
		const state = await snapshot(observed);
		if (recoveredAt === undefined && recovered(state)) recoveredAt = state.at;
		if (settled(state))
			return { settledAt: state.at, recoveredAt: recoveredAt ?? state.at, last: state };
		if (describe(state) !== seen) [seen, changedAt] = [describe(state), state.at];
		const still = state.at >= limits.stillAfter && state.at - changedAt >= GIVE_UP_WHEN_STILL_MS;
		if (state.at >= limits.deadline || still) return { recoveredAt, last: state };
		if (Date.now() >= nextReport) {
			console.log(`[queue] waiting: ${describe(state)}`);
			nextReport += reportEveryMs;
		}
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
}
