/**
 * What a poll leaves in the ledger: each poll's outcome and high-water mark (a health check tells
 * a poll that stopped), and what it found as each entity's "event in" on the trail (source: poll),
 * findable by the order's name from then on. The ledger missing them never stops the poll: the
 * poll exists to recover what webhooks missed.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { deliveryEntity } from '../../core/dedupe/presets';
import type { FlowPause } from '../../core/ledger';
import type { WebhookDelivery } from '../../core/shopify/webhooks';
import { shopifyHandles } from '../../core/trail/handles';
import { ledgerFor } from '../shared/ledger';
import { pollIntervalMs } from './interval';

export async function recordFound(
	fns: IPollFunctions,
	deliveries: WebhookDelivery[],
	source: 'poll' | 'manual',
): Promise<void> {
	try {
		const ledger = await ledgerFor(fns);
		const at = Date.now();
		const workflowId = String(fns.getWorkflow().id ?? '');
		const node = fns.getNode().name;
		const found = deliveries.map((delivery) => ({ delivery, entity: deliveryEntity(delivery) }));
		await ledger.appendAudit(
			found.map(({ delivery, entity }) => ({
				entity,
				event: 'poll.found',
				decision: 'found',
				workflowId,
				node,
				at,
				details: {
					topic: delivery.topic,
					eventId: delivery.eventId,
					source,
					changedAt: delivery.triggeredAt,
				},
			})),
		);
		await ledger.addHandles(
			found.flatMap(({ delivery, entity }) =>
				shopifyHandles(delivery as unknown as Record<string, unknown>, entity),
			),
			at,
		);
	} catch (error) {
		fns.logger.warn(
			`Orderflow could not put what the poll found (${deliveries.length} item(s)) on the trail: ${(error as Error).message}`,
		);
	}
}

/** Notes the poll's outcome in the ledger (the mark it reached, or its error). */
export async function recordPollOutcome(
	fns: IPollFunctions,
	outcome: { highWaterMark?: string; error?: string },
): Promise<void> {
	try {
		const ledger = await ledgerFor(fns);
		const everyMs = pollIntervalMs(fns.getNodeParameter('pollTimes', {}) as IDataObject);
		await ledger.recordPoll({
			workflowId: String(fns.getWorkflow().id ?? ''),
			node: fns.getNode().name,
			everyMs,
			at: Date.now(),
			...outcome,
		});
	} catch (error) {
		fns.logger.warn(`Orderflow could not note the poll in the ledger: ${(error as Error).message}`);
	}
}

/**
 * The pause of the poll's flow, if it is paused: the poll then does not run (its mark stays where
 * it was, so the first poll after the resume finds everything since) and notes why. A ledger that
 * cannot be asked does not stop the poll: the poll exists to recover what webhooks missed.
 */
export async function pausedFlow(fns: IPollFunctions): Promise<FlowPause | undefined> {
	try {
		const [pause] = await (await ledgerFor(fns)).flowPauses(String(fns.getWorkflow().id ?? ''));
		return pause;
	} catch (error) {
		fns.logger.warn(
			`Orderflow could not ask the ledger whether this flow is paused: ${(error as Error).message}`,
		);
		return undefined;
	}
}
