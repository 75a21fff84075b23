/**
 * What a published trigger subscribed, noted in the ledger so the health check can ask Shopify
 * whether those subscriptions still exist (Shopify deletes one after repeated failed deliveries).
 * Noting it never stops publishing or unpublishing: a warning says what is missing.
 */
import type { IHookFunctions } from 'n8n-workflow';

import { adminApiOrigin } from '../../core/shopify/connection';
import { ledgerFor } from '../shared/ledger';
import { SHOPIFY_CREDENTIAL } from '../Shopify/transport';

export async function noteSubscriptions(
	fns: IHookFunctions,
	uri: string,
	topics: string[],
): Promise<void> {
	try {
		const credentials = await fns.getCredentials(SHOPIFY_CREDENTIAL);
		const ledger = await ledgerFor(fns);
		const shop = adminApiOrigin(String(credentials.shopDomain ?? ''));
		await ledger.recordSubscriptions({
			workflowId: String(fns.getWorkflow().id ?? ''),
			node: fns.getNode().name,
			shop,
			uri,
			topics,
			recordedAt: Date.now(),
		});
	} catch (error) {
		fns.logger.warn(
			`Orderflow could not note the webhook subscriptions of "${fns.getNode().name}" for the health check: ${(error as Error).message}`,
		);
	}
}

export async function forgetSubscriptions(fns: IHookFunctions): Promise<void> {
	try {
		await (
			await ledgerFor(fns)
		).forgetSubscriptions(String(fns.getWorkflow().id ?? ''), fns.getNode().name);
	} catch (error) {
		fns.logger.warn(
			`Orderflow could not forget the webhook subscriptions of "${fns.getNode().name}": ${(error as Error).message}`,
		);
	}
}
