/**
 * Skip Processed Versions: an order delivery whose version the flow's Dedupe Gate already
 * settled — an equal or older version (orders/create and orders/updated for one change, the
 * poll's overlap) or the echo of the flow's own write (the tag it set) — is answered 200 and put
 * on the trail without starting an execution. The gate would drop it anyway; this saves the run.
 */
import type { IHookFunctions, INodeProperties, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sharedNamespace, versionProcessed } from '../../core/dedupe/gate';
import { presetKey, shopifyOrderVersion } from '../../core/dedupe/presets';
import type { WebhookDelivery } from '../../core/shopify/webhooks';
import { ledgerFor } from '../shared/ledger';
import { deliveryDetails } from './inbox';

const SKIP_PARAMETER = 'skipProcessedVersions';
const NAMESPACE_PARAMETER = 'processedNamespace';

export const processedVersionFields: INodeProperties[] = [
	{
		displayName: 'Skip Processed Order Versions',
		name: SKIP_PARAMETER,
		type: 'boolean',
		default: false,
		description:
			"Whether to answer an order delivery without starting the workflow when the Dedupe Gate's shared namespace already holds its version as done: not newer than the version confirmed, or exactly the Own Write Version its Confirm recorded (the orders/updated Shopify sends because the flow tagged the order). Order version = updated_at in milliseconds, plus one once cancelled — the version the order-sync template's Dedupe Gate claims.",
		hint: 'Only for order topics, and only when the Dedupe Gate after this trigger claims the order ID with that version in the namespace below',
	},
	{
		displayName: 'Dedupe Namespace',
		name: NAMESPACE_PARAMETER,
		type: 'string',
		default: 'shopify-orders',
		displayOptions: { show: { [SKIP_PARAMETER]: [true] } },
		description:
			"The shared namespace name of the Dedupe Gate that claims this trigger's orders (Namespace Scope: Shared)",
		hint: 'Give this trigger and that Dedupe Gate the same Ledger credential (or none)',
	},
];

function namespaceOf(fns: IHookFunctions | IWebhookFunctions): string | undefined {
	if (!(fns.getNodeParameter(SKIP_PARAMETER, false) as boolean)) return undefined;
	return String(fns.getNodeParameter(NAMESPACE_PARAMETER, '') ?? '').trim();
}

/** Publishing with the option on and no namespace would never skip anything: say so instead. */
export function requireProcessedNamespace(fns: IHookFunctions): void {
	if (namespaceOf(fns) !== '') return;
	throw new NodeOperationError(fns.getNode(), 'Skip Processed Order Versions has no namespace', {
		description:
			"Enter the Dedupe Gate's shared namespace name (such as shopify-orders) in Dedupe Namespace, or turn the option off.",
	});
}

/**
 * True when the delivery was answered as already processed (and recorded on the trail). A ledger
 * that cannot be read never refuses a delivery: it then goes the usual way.
 */
export async function skipProcessedVersion(
	fns: IWebhookFunctions,
	delivery: WebhookDelivery,
): Promise<boolean> {
	const namespace = namespaceOf(fns);
	if (!namespace || !delivery.topic.startsWith('orders/')) return false;
	const item = { payload: delivery.payload } as Record<string, unknown>;
	const version = shopifyOrderVersion(item);
	if (version === undefined) return false;
	try {
		const { key, entity } = presetKey('shopifyOrderId', item);
		const ledger = await ledgerFor(fns);
		const now = Date.now();
		const [row] = [...(await ledger.inspect(sharedNamespace(namespace), [key])).values()];
		const reason = versionProcessed(row, version, now);
		if (!reason) return false;
		await ledger.appendAudit([
			{
				entity,
				event: 'webhook.processed',
				decision: reason,
				workflowId: String(fns.getWorkflow().id ?? ''),
				node: fns.getNode().name,
				at: now,
				details: { ...deliveryDetails(delivery), namespace, version },
			},
		]);
		return true;
	} catch (error) {
		fns.logger.warn(
			`Orderflow could not check whether delivery ${delivery.eventId} (${delivery.topic}) was processed; it goes the usual way: ${(error as Error).message}`,
		);
		return false;
	}
}
