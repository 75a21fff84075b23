/**
 * For the health check: what is piling up (claims held past their lease, deliveries no run
 * settled), and the status each check was last reported in (so only changes are alerted).
 */
import type { Dialect, Statement } from './dialect';

export function stuckClaimsStatement(d: Dialect, now: number): Statement {
	return {
		sql: `SELECT count(*) AS n, min(lease_until) AS oldest FROM ${d.table('dedupe_keys')} WHERE state = 'claimed' AND lease_until <= ${d.param(1)}`,
		params: [now],
	};
}

export function unsettledDeliveriesStatement(d: Dialect, receivedBefore: number): Statement {
	return {
		sql: `SELECT count(*) AS n, min(received_at) AS oldest FROM ${d.table('inbox')} WHERE state = 'accepted' AND received_at <= ${d.param(1)}`,
		params: [receivedBefore],
	};
}

export function waitingApprovalsStatement(d: Dialect, createdBefore: number): Statement {
	return {
		sql: `SELECT count(*) AS n, min(created_at) AS oldest FROM ${d.table('approval_requests')} WHERE status = 'pending' AND created_at <= ${d.param(1)}`,
		params: [createdBefore],
	};
}

export function healthStatesStatement(d: Dialect): Statement {
	return { sql: `SELECT name, status, since FROM ${d.table('health_states')}`, params: [] };
}

export function putHealthStateStatement(
	d: Dialect,
	state: { name: string; status: string; since: number },
): Statement {
	const p = (n: number) => d.param(n);
	return {
		sql: `INSERT INTO ${d.table('health_states')} (name, status, since) VALUES (${p(1)}, ${p(2)}, ${p(3)})
			ON CONFLICT (name) DO UPDATE SET status = excluded.status, since = excluded.since`,
		params: [state.name, state.status, state.since],
	};
}
