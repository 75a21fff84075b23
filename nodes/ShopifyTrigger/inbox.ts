/**
 * The trigger's inbox: a verified delivery is recorded in the ledger before Shopify is answered,
 * so a delivery whose execution dies with its worker is re-driven by the Orderflow Redelivery
 * Trigger instead of being lost (Shopify, answered 200, never sends it again).
 */
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { deliveryEntity } from '../../core/dedupe/presets';
import { PROCESS_ID } from '../../core/ledger/liveness';
import type { WebhookDelivery } from '../../core/shopify/webhooks';
import { ledgerFor } from '../shared/ledger';

export const INBOX_PARAMETER = 'recordDeliveries';

export function inboxEnabled(fns: IHookFunctions | IWebhookFunctions): boolean {
	return fns.getNodeParameter(INBOX_PARAMETER, true) as boolean;
}

/** Publishing opens the ledger, so queue mode without a shared ledger fails to publish, saying what to set. */
export async function requireInboxLedger(fns: IHookFunctions): Promise<void> {
	if (inboxEnabled(fns)) await ledgerFor(fns);
}

/** What the trail says of every delivery the trigger answers. */
export function deliveryDetails(delivery: WebhookDelivery): IDataObject {
	return {
		topic: delivery.topic,
		eventId: delivery.eventId,
		webhookId: delivery.webhookId,
		source: 'webhook',
	};
}

/** Without the inbox the delivery is still each entity's "event in" on the trail; a trail that cannot be written never refuses it. */
async function noteReceived(fns: IWebhookFunctions, delivery: WebhookDelivery): Promise<void> {
	try {
		const details = deliveryDetails(delivery);
		await (
			await ledgerFor(fns)
		).appendAudit([
			{
				entity: deliveryEntity(delivery),
				event: 'webhook.received',
				decision: 'received',
				workflowId: String(fns.getWorkflow().id ?? ''),
				node: fns.getNode().name,
				at: Date.now(),
				details,
			},
		]);
	} catch (error) {
		fns.logger.warn(
			`Orderflow could not put delivery ${delivery.eventId} (${delivery.topic}) on the trail: ${(error as Error).message}`,
		);
	}
}

/**
 * Records the delivery. Returns the item to emit, carrying its inbox id, or `repeated` when the
 * same delivery was accepted before: its first copy is being worked on, was settled, or will be
 * re-driven, so the repeat starts no execution; or `parked` when the flow is paused: kept in the
 * inbox, run when the flow is resumed. Throws when the ledger cannot record it.
 */
export async function recordDelivery(
	fns: IWebhookFunctions,
	delivery: WebhookDelivery,
): Promise<{ item: IDataObject; repeated: boolean; parked: boolean }> {
	const item = delivery as unknown as IDataObject;
	const workflowId = String(fns.getWorkflow().id ?? '');
	const ledger = await ledgerFor(fns);
	// A paused flow keeps what arrives whether or not its deliveries are recorded otherwise.
	const [pause] = await ledger.flowPauses(workflowId);
	if (!inboxEnabled(fns) && !pause) {
		await noteReceived(fns, delivery);
		return { item, repeated: false, parked: false };
	}
	const now = Date.now();
	const entity = deliveryEntity(delivery);
	const node = fns.getNode().name;
	const event = (name: string, decision: string, details: IDataObject = {}) => ({
		entity,
		event: name,
		decision,
		workflowId,
		node,
		at: now,
		details: {
			...deliveryDetails(delivery),
			...details,
		},
	});
	const accepted = pause
		? event('inbox.parked', 'parked', {
				pausedBy: pause.by,
				pausedSince: new Date(pause.pausedAt).toISOString(),
			})
		: event('inbox.accepted', 'accepted');
	const recorded = await ledger.acceptDelivery(
		{
			workflowId,
			node,
			topic: delivery.topic,
			eventId: delivery.eventId,
			entity,
			item,
			receivedAt: now,
			dueAt: now,
			acceptedBy: PROCESS_ID,
			parked: Boolean(pause),
		},
		[accepted],
		[event('inbox.repeated', 'absorbed')],
	);
	return {
		item: { ...item, inboxId: recorded.id },
		repeated: !recorded.accepted,
		parked: Boolean(pause) && recorded.accepted,
	};
}
