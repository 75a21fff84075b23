/** Webhook subscriptions the trigger registers on activation and removes on deactivation. */

export const WEBHOOK_SUBSCRIPTIONS_QUERY = /* GraphQL */ `
	query OrderflowWebhookSubscriptions(
		$first: Int!
		$after: String
		$topics: [WebhookSubscriptionTopic!]
	) {
		webhookSubscriptions(first: $first, after: $after, topics: $topics) {
			pageInfo {
				hasNextPage
				endCursor
			}
			nodes {
				id
				topic
				uri
				format
				apiVersion {
					handle
				}
			}
		}
	}
`;

export const WEBHOOK_SUBSCRIPTION_CREATE_MUTATION = /* GraphQL */ `
	mutation OrderflowWebhookSubscriptionCreate(
		$topic: WebhookSubscriptionTopic!
		$subscription: WebhookSubscriptionInput!
	) {
		webhookSubscriptionCreate(topic: $topic, webhookSubscription: $subscription) {
			webhookSubscription {
				id
				topic
				uri
				format
				apiVersion {
					handle
				}
			}
			userErrors {
				field
				message
			}
		}
	}
`;

export const WEBHOOK_SUBSCRIPTION_DELETE_MUTATION = /* GraphQL */ `
	mutation OrderflowWebhookSubscriptionDelete($id: ID!) {
		webhookSubscriptionDelete(id: $id) {
			deletedWebhookSubscriptionId
			userErrors {
				field
				message
			}
		}
	}
`;
