/**
 * The checks that need a remote's credential on the Health Check node: each credential's test
 * request (Shopify's shop query, the ERP's SKU master, the 3PL's stock, one row each), and for
 * Shopify the webhook subscriptions the published triggers of that shop need.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { HealthCheck } from '../../../../core/health/checks';
import { credentialCheck, subscriptionChecks } from '../../../../core/health/remote-checks';
import type { Ledger } from '../../../../core/ledger';
import { adminApiOrigin } from '../../../../core/shopify/connection';
import { SHOP_QUERY } from '../../../../core/shopify/documents/shop';
import { contractClient, read } from '../../../shared/contract-client';
import { SHOPIFY_CREDENTIAL, shopifyClient } from '../../../Shopify/transport';

const CONTRACT_SYSTEMS = [
	{ type: 'orderflowErpApi', system: 'ERP', path: '/skus?limit=1' },
	{ type: 'orderflowThreePlApi', system: '3PL', path: '/stock?limit=1' },
];

async function shopifyChecks(
	fns: IExecuteFunctions,
	ledger: Ledger,
	name: string,
	repair: boolean,
): Promise<HealthCheck[]> {
	const client = await shopifyClient.call(fns);
	const answered = await credentialCheck({
		system: 'Shopify',
		name,
		probe: async () => await client.request(SHOP_QUERY),
	});
	// A credential Shopify refuses cannot ask for the subscriptions: the credential's breach says why.
	if (answered.status === 'breached') return [answered];
	const shop = adminApiOrigin(
		String((await fns.getCredentials(SHOPIFY_CREDENTIAL)).shopDomain ?? ''),
	);
	const expected = (await ledger.subscriptions()).filter((record) => record.shop === shop);
	return [answered, ...(await subscriptionChecks(client, expected, repair))];
}

export async function remoteChecks(
	fns: IExecuteFunctions,
	ledger: Ledger,
	itemIndex: number,
	repair: boolean,
): Promise<HealthCheck[]> {
	const attached = fns.getNode().credentials ?? {};
	const checks: HealthCheck[] = [];
	if (attached[SHOPIFY_CREDENTIAL])
		checks.push(...(await shopifyChecks(fns, ledger, attached[SHOPIFY_CREDENTIAL].name, repair)));
	for (const { type, system, path } of CONTRACT_SYSTEMS.filter(({ type }) => attached[type])) {
		const client = await contractClient(fns, type);
		checks.push(
			await credentialCheck({
				system,
				name: attached[type].name,
				probe: async () => await read(fns, client, path, itemIndex),
			}),
		);
	}
	return checks;
}
