/**
 * The trigger's webhook subscriptions: one per topic for the workflow's URL. Activation finds
 * the ones that already exist (a restart, a second activation) instead of duplicating them;
 * deactivation deletes what the trigger registered.
 */
import type { ShopifyAdminClient } from './client';
import {
	WEBHOOK_SUBSCRIPTION_CREATE_MUTATION,
	WEBHOOK_SUBSCRIPTION_DELETE_MUTATION,
	WEBHOOK_SUBSCRIPTIONS_QUERY,
} from './documents/webhooks';
import { collectPages, type Page } from './pagination';
import { assertNoUserErrors } from './user-errors';
import { topicEnum } from './webhooks';

interface Subscription {
	id: string;
	topic: string;
	uri: string;
}

export async function subscriptionsFor(
	client: ShopifyAdminClient,
	uri: string,
	topics: string[],
): Promise<Record<string, string>> {
	const nodes = await collectPages<Subscription>(
		async (first, after) =>
			(
				await client.request<{ webhookSubscriptions: Page<Subscription> }>(
					WEBHOOK_SUBSCRIPTIONS_QUERY,
					{
						first,
						after,
						topics: topics.map(topicEnum),
					},
				)
			).webhookSubscriptions,
		{ initialPageSize: 100 },
	);
	const found: Record<string, string> = {};
	for (const topic of topics) {
		const match = nodes.find((node) => node.topic === topicEnum(topic) && node.uri === uri);
		if (match) found[topic] = match.id;
	}
	return found;
}

/** Subscribes every topic not yet subscribed for `uri`; returns topic → subscription id for all. */
export async function ensureSubscriptions(
	client: ShopifyAdminClient,
	uri: string,
	topics: string[],
): Promise<Record<string, string>> {
	const existing = await subscriptionsFor(client, uri, topics);
	for (const topic of topics) {
		if (existing[topic]) continue;
		const result = await client.request<{ webhookSubscriptionCreate: Record<string, unknown> }>(
			WEBHOOK_SUBSCRIPTION_CREATE_MUTATION,
			{
				topic: topicEnum(topic),
				subscription: { uri, format: 'JSON' },
			},
		);
		const payload = assertNoUserErrors(
			'webhookSubscriptionCreate',
			result.webhookSubscriptionCreate,
		);
		existing[topic] = (payload.webhookSubscription as Subscription).id;
	}
	return existing;
}

/** Deletes the subscriptions; ones already gone are fine. Returns the ids deleted. */
export async function removeSubscriptions(
	client: ShopifyAdminClient,
	ids: string[],
): Promise<string[]> {
	const deleted: string[] = [];
	for (const id of ids) {
		const result = await client.request<{
			webhookSubscriptionDelete: {
				deletedWebhookSubscriptionId: string | null;
				userErrors: Array<{ message: string }>;
			};
		}>(WEBHOOK_SUBSCRIPTION_DELETE_MUTATION, { id });
		if (result.webhookSubscriptionDelete.deletedWebhookSubscriptionId) deleted.push(id);
	}
	return deleted;
}
