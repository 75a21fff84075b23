/** Webhook subscriptions through GraphQL: create (finding duplicates), update, delete, list. */
import { connection, type ConnectionArgs } from '../connection';
import type { ShopifyStore } from '../store';
import { legacyId } from '../views';
import type { WebhookDispatcher, WebhookSubscriptionRecord } from '../webhooks';

interface SubscriptionInput {
	uri?: string;
	callbackUrl?: string;
	format?: 'JSON';
	includeFields?: string[];
	filter?: string;
	name?: string;
}

function view(record: WebhookSubscriptionRecord) {
	return {
		__typename: 'WebhookSubscription',
		...record,
		legacyResourceId: legacyId(record.id),
		callbackUrl: record.uri,
		endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: record.uri },
		apiVersion: { handle: record.apiVersion, displayName: record.apiVersion, supported: true },
		metafieldNamespaces: [],
		metafields: [],
	};
}

/** Shopify requires https; the sandbox also accepts plain http on loopback, where test receivers listen. */
function validUri(uri: string): boolean {
	try {
		const url = new URL(uri);
		return (
			url.protocol === 'https:' ||
			(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
		);
	} catch {
		return false;
	}
}

function rejected(field: string[], message: string) {
	return { webhookSubscription: null, userErrors: [{ field, message }] };
}

const invalidAddress = () => rejected(['webhookSubscription', 'callbackUrl'], 'Address is invalid');
const NOT_FOUND = 'Webhook subscription does not exist';

/** A new subscription; one topic is delivered to one address only once. */
function createSubscription(store: ShopifyStore, webhooks: WebhookDispatcher, apiVersion: string) {
	return ({
		topic,
		webhookSubscription,
	}: {
		topic: string;
		webhookSubscription: SubscriptionInput;
	}) => {
		const uri = webhookSubscription.uri ?? webhookSubscription.callbackUrl ?? '';
		if (!validUri(uri)) return invalidAddress();
		if (
			webhooks.subscriptions.some(
				(subscription) => subscription.topic === topic && subscription.uri === uri,
			)
		) {
			return rejected(
				['webhookSubscription', 'callbackUrl'],
				'Address for this topic has already been taken',
			);
		}
		const at = store.timestamp();
		const record: WebhookSubscriptionRecord = {
			id: store.newGid('WebhookSubscription'),
			topic,
			uri,
			format: 'JSON',
			includeFields: webhookSubscription.includeFields ?? [],
			filter: webhookSubscription.filter ?? null,
			name: webhookSubscription.name ?? null,
			apiVersion,
			createdAt: at,
			updatedAt: at,
		};
		webhooks.subscriptions.push(record);
		return { webhookSubscription: view(record), userErrors: [] };
	};
}

/** Changes the address, included fields or filter of a subscription; the rest stays. */
function updateSubscription(store: ShopifyStore, webhooks: WebhookDispatcher) {
	return ({ id, webhookSubscription }: { id: string; webhookSubscription: SubscriptionInput }) => {
		const record = webhooks.subscriptions.find((subscription) => subscription.id === id);
		if (!record) return rejected(['id'], NOT_FOUND);
		const uri = webhookSubscription.uri ?? webhookSubscription.callbackUrl;
		if (uri !== undefined && !validUri(uri)) return invalidAddress();
		Object.assign(record, {
			...(uri !== undefined ? { uri } : {}),
			...(webhookSubscription.includeFields
				? { includeFields: webhookSubscription.includeFields }
				: {}),
			...(webhookSubscription.filter !== undefined ? { filter: webhookSubscription.filter } : {}),
			updatedAt: store.timestamp(),
		});
		return { webhookSubscription: view(record), userErrors: [] };
	};
}

function deleteSubscription(webhooks: WebhookDispatcher) {
	return ({ id }: { id: string }) => {
		const index = webhooks.subscriptions.findIndex((subscription) => subscription.id === id);
		if (index < 0) {
			return {
				deletedWebhookSubscriptionId: null,
				userErrors: [{ field: ['id'], message: NOT_FOUND }],
			};
		}
		webhooks.subscriptions.splice(index, 1);
		return { deletedWebhookSubscriptionId: id, userErrors: [] };
	};
}

export function webhookResolvers(
	store: ShopifyStore,
	webhooks: WebhookDispatcher,
	apiVersion: string,
): Record<string, unknown> {
	return {
		webhookSubscriptions: (
			args: ConnectionArgs & { topics?: string[]; uri?: string; callbackUrl?: string },
		) => {
			const uri = args.uri ?? args.callbackUrl;
			const matching = webhooks.subscriptions.filter(
				(subscription) =>
					(!args.topics || args.topics.includes(subscription.topic)) &&
					(!uri || subscription.uri === uri),
			);
			return connection(matching.map(view), args);
		},
		webhookSubscription: ({ id }: { id: string }) => {
			const subscription = webhooks.subscriptions.find((candidate) => candidate.id === id);
			return subscription ? view(subscription) : null;
		},
		webhookSubscriptionCreate: createSubscription(store, webhooks, apiVersion),
		webhookSubscriptionUpdate: updateSubscription(store, webhooks),
		webhookSubscriptionDelete: deleteSubscription(webhooks),
	};
}
