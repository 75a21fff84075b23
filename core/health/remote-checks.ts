/**
 * The health checks that ask the remotes: whether Shopify still has the webhook subscriptions the
 * published triggers made (it deletes one after repeated failed deliveries, and nothing arrives
 * any more), optionally re-creating what is missing; and whether each credential still answers
 * (a revoked or expired token is named, not just "401").
 */
import type { SubscriptionRecord } from '../ledger/types';
import type { ShopifyAdminClient } from '../shopify/client';
import { ensureSubscriptions, subscriptionsFor } from '../shopify/subscriptions';
import type { HealthCheck } from './checks';

/** The HTTP status an error carries, however the client that threw it spells it. */
function statusOf(error: unknown): number | undefined {
	const carried = error as { httpStatus?: unknown; httpCode?: unknown; status?: unknown };
	for (const value of [carried.httpStatus, carried.httpCode, carried.status]) {
		if (value !== undefined && value !== null && /^\d{3}$/.test(String(value)))
			return Number(value);
	}
	const said = /\b(?:HTTP|status|answered) (\d{3})\b/i.exec((error as Error)?.message ?? '');
	return said ? Number(said[1]) : undefined;
}

export async function credentialCheck(credential: {
	name: string;
	system: string;
	probe: () => Promise<unknown>;
}): Promise<HealthCheck> {
	const base = {
		check: 'credential',
		subject: `${credential.system}: ${credential.name}`,
		threshold: 'answers',
		unit: 'test request',
	};
	try {
		await credential.probe();
		return {
			...base,
			status: 'ok',
			value: 'answers',
			message: `The ${credential.system} answers with the credential “${credential.name}”.`,
		};
	} catch (error) {
		const status = statusOf(error);
		const denied = status === 401 || status === 403;
		return {
			...base,
			status: 'breached',
			value: status ? `HTTP ${status}` : 'unreachable',
			message: denied
				? `Token revoked or expired: ${credential.name} (the ${credential.system} answered ${status}). Replace the token in the credential; the poll fallback then catches up on what arrived meanwhile.`
				: `The ${credential.system} could not be asked with “${credential.name}”: ${(error as Error).message}. Check its address and that it is up.`,
		};
	}
}

/** One check per published trigger of this shop: its topics still subscribed at Shopify for its URL (re-created when `repair`). */
export async function subscriptionChecks(
	client: ShopifyAdminClient,
	expected: SubscriptionRecord[],
	repair: boolean,
): Promise<HealthCheck[]> {
	const checks: HealthCheck[] = [];
	for (const trigger of expected) {
		const found = await subscriptionsFor(client, trigger.uri, trigger.topics);
		const missing = trigger.topics.filter((topic) => !found[topic]);
		const base = {
			check: 'subscriptions',
			subject: `${trigger.workflowId} / ${trigger.node}`,
			threshold: trigger.topics.length,
			unit: 'topics subscribed',
		};
		if (missing.length === 0) {
			checks.push({
				...base,
				status: 'ok',
				value: trigger.topics.length,
				message: `Shopify delivers ${trigger.topics.join(', ')} to ${trigger.uri}.`,
			});
			continue;
		}
		if (repair) await ensureSubscriptions(client, trigger.uri, trigger.topics);
		checks.push({
			...base,
			status: 'breached',
			value: trigger.topics.length - missing.length,
			message: `Shopify has no subscription for ${missing.join(', ')} to ${trigger.uri}: those webhooks do not arrive (Shopify deletes a subscription after repeated failed deliveries). ${
				repair
					? 'Re-created now (Repair Subscriptions); the poll fallback catches up on what was missed.'
					: 'Republish the workflow, or run this check with Repair Subscriptions.'
			}`,
			...(repair ? { repaired: missing } : {}),
		});
	}
	return checks;
}
