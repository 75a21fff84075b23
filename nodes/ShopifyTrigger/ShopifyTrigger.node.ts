import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { webhookSigningSecret } from '../../core/shopify/credential-data';
import {
	ensureSubscriptions,
	removeSubscriptions,
	subscriptionsFor,
} from '../../core/shopify/subscriptions';
import { verifyWebhookHmac, WEBHOOK_TOPICS, webhookDelivery } from '../../core/shopify/webhooks';
import { LEDGER_CREDENTIAL, LEDGER_CREDENTIAL_LABEL } from '../shared/ledger';
import { SHOPIFY_CREDENTIAL, shopifyClient, toNodeError } from '../Shopify/transport';
import { INBOX_PARAMETER, recordDelivery, requireInboxLedger } from './inbox';
import {
	processedVersionFields,
	requireProcessedNamespace,
	skipProcessedVersion,
} from './processed-versions';
import { forgetSubscriptions, noteSubscriptions } from './subscription-records';

interface SubscriptionState {
	webhookIds?: Record<string, string>;
}

function topicsOf(fns: IHookFunctions | IWebhookFunctions): string[] {
	return fns.getNodeParameter('topics', []) as string[];
}

const NO_SECRET = 'the Shopify credential has no webhook signing secret';

/** Publishing without a secret would refuse every delivery (with a 401 that does not say why). */
async function requireSigningSecret(fns: IHookFunctions): Promise<void> {
	if (webhookSigningSecret(await fns.getCredentials(SHOPIFY_CREDENTIAL))) return;
	throw new NodeOperationError(fns.getNode(), `Cannot verify webhooks: ${NO_SECRET}`, {
		description:
			"Set Webhook Signing Secret in the Shopify Admin API credential to the app's client secret (Shopify signs webhooks with it).",
	});
}

export class ShopifyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Orderflow Shopify Trigger',
		name: 'shopifyTrigger',
		icon: { light: 'file:shopify.svg', dark: 'file:shopify.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["topics"].join(", ")}}',
		description:
			'Starts the workflow on HMAC-verified Shopify webhooks: the payload is signed, the topic and event ID headers are not',
		defaults: { name: 'Shopify Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: SHOPIFY_CREDENTIAL, required: true },
			{ name: LEDGER_CREDENTIAL, displayName: LEDGER_CREDENTIAL_LABEL, required: false },
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName: 'Topics',
				name: 'topics',
				type: 'multiOptions',
				required: true,
				options: WEBHOOK_TOPICS.map((topic) => ({ name: topic, value: topic })),
				default: [],
				description:
					'The events to subscribe to; the trigger registers them when the workflow is published and removes them when it is unpublished',
				hint: 'The order-sync template takes orders/create, orders/updated and orders/cancelled; refund propagation takes refunds/create',
			},
			{
				displayName: 'Record Deliveries for Recovery',
				name: INBOX_PARAMETER,
				type: 'boolean',
				default: true,
				description:
					'Whether to record each verified delivery in the Orderflow ledger before Shopify is answered, so an Orderflow Redelivery Trigger in this workflow re-drives a delivery whose execution died (a killed worker) instead of losing it. A delivery Shopify sends again (same event ID and topic) is answered without starting the workflow. Uses the Orderflow Ledger credential if set, else ORDERFLOW_LEDGER_POSTGRES_URL, else the embedded ledger.',
				hint: 'Keep on when a Redelivery Trigger is in this workflow, and give both the same Ledger credential (or none)',
			},
			...processedVersionFields,
			{
				displayName:
					'Every delivery is verified with the webhook signing secret of the credential (the app’s client secret); a missing, malformed or wrong signature is answered 401 and starts nothing. Shopify signs the body only: payload is signed, while topic, eventId, webhookId, shopDomain, apiVersion and triggeredAt come from headers a replayed delivery can change. Decide cancellations, refunds and other writes from payload fields, and dedupe writes on the order (or refund) and its version from the payload, not on the event ID.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await requireSigningSecret(this);
				requireProcessedNamespace(this);
				await requireInboxLedger(this);
				const client = await shopifyClient.call(this);
				const uri = this.getNodeWebhookUrl('default') as string;
				const topics = topicsOf(this);
				try {
					const found = await subscriptionsFor(client, uri, topics);
					(this.getWorkflowStaticData('node') as SubscriptionState).webhookIds = found;
					const complete = topics.every((topic) => found[topic]);
					if (complete) await noteSubscriptions(this, uri, topics);
					return complete;
				} catch (error) {
					throw toNodeError.call(this, error);
				}
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await requireSigningSecret(this);
				requireProcessedNamespace(this);
				await requireInboxLedger(this);
				const client = await shopifyClient.call(this);
				const uri = this.getNodeWebhookUrl('default') as string;
				const topics = topicsOf(this);
				if (topics.length === 0) {
					throw new NodeOperationError(this.getNode(), 'No topics chosen', {
						description: 'Choose at least one topic to subscribe to.',
					});
				}
				try {
					(this.getWorkflowStaticData('node') as SubscriptionState).webhookIds =
						await ensureSubscriptions(client, uri, topics);
					await noteSubscriptions(this, uri, topics);
					return true;
				} catch (error) {
					throw toNodeError.call(this, error);
				}
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as SubscriptionState;
				const ids = Object.values(state.webhookIds ?? {});
				const client = await shopifyClient.call(this);
				try {
					await removeSubscriptions(client, ids);
				} catch (error) {
					throw toNodeError.call(this, error);
				}
				delete state.webhookIds;
				await forgetSubscriptions(this);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & {
			rawBody?: Buffer;
			readRawBody?: () => Promise<void>;
		};
		const response = this.getResponseObject();
		if (!request.rawBody && request.readRawBody) await request.readRawBody();
		const secret = webhookSigningSecret(await this.getCredentials(SHOPIFY_CREDENTIAL));
		const rawBody = request.rawBody ?? Buffer.from('');
		if (!verifyWebhookHmac(rawBody, this.getHeaderData()['x-shopify-hmac-sha256'], secret)) {
			// One answer for every refusal: a stranger must not learn whether a secret is set.
			if (!secret)
				this.logger.warn(
					`Shopify Trigger "${this.getNode().name}" refused a webhook: ${NO_SECRET}`,
				);
			response.status(401).json({ error: 'Unauthorized' });
			return { noWebhookResponse: true };
		}
		const delivery = webhookDelivery(
			this.getHeaderData() as Record<string, string>,
			this.getBodyData(),
		);
		if (!topicsOf(this).includes(delivery.topic)) {
			// A subscription from elsewhere for a topic not chosen here: acknowledged, nothing runs.
			response.status(200).json({ ignored: delivery.topic });
			return { noWebhookResponse: true };
		}
		if (await skipProcessedVersion(this, delivery)) {
			// The Dedupe Gate holds this order version as done (or as the echo of the flow's own tag).
			response.status(200).json({ accepted: true, processed: true });
			return { noWebhookResponse: true };
		}
		let recorded: { item: IDataObject; repeated: boolean; parked: boolean };
		try {
			recorded = await recordDelivery(this, delivery);
		} catch (error) {
			// Not recorded, not accepted: Shopify retries a 503, so nothing is lost while the ledger is away.
			this.logger.error(
				`Shopify Trigger "${this.getNode().name}" could not record delivery ${delivery.eventId} (${delivery.topic}); answered 503 so Shopify retries: ${(error as Error).message}`,
			);
			response.status(503).json({ error: 'Service Unavailable', retry: true });
			return { noWebhookResponse: true };
		}
		if (recorded.parked) {
			// The flow is paused (a cutover or a rollback): kept in the inbox, run when it is resumed.
			response.status(200).json({ accepted: true, parked: true });
			return { noWebhookResponse: true };
		}
		if (recorded.repeated) {
			// Shopify sent this event again (it retries until answered 2xx): the first copy is in the inbox.
			response.status(200).json({ accepted: true, repeated: true });
			return { noWebhookResponse: true };
		}
		return { workflowData: [[{ json: recorded.item }]] };
	}
}
