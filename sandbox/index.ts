/**
 * The whole sandbox: the Shopify Admin emulator and the ERP and 3PL reference servers, seeded
 * with one consistent catalog, on loopback.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { ContractServer } from './contract/server';
import { startErpServer } from './erp/server';
import { seededStore, stockRowsOf, warehouseStockOf } from './shopify/seed';
import { ShopifyEmulator } from './shopify/server';
import { startThreePlServer } from './three-pl/server';

export const DEFAULT_PORTS = { shopify: 7781, erp: 7782, threePl: 7783 };

export const SANDBOX_CREDENTIALS = {
	shopify: { accessToken: 'shpat_sandbox', appSecret: 'sandbox-app-secret', apiVersion: '2026-10' },
	erp: { bearerToken: 'erp-sandbox-token', basicUser: 'integration', basicPassword: 'sandbox' },
	threePl: { bearerToken: '3pl-sandbox-token' },
};

export interface SandboxOptions {
	host?: string;
	ports?: Partial<typeof DEFAULT_PORTS>;
	/** A folder for the ERP's and 3PL's SQLite files; memory when absent. */
	stateDir?: string;
	webhookRetryBaseMs?: number;
}

export interface Sandbox {
	shopify: ShopifyEmulator;
	erp: ContractServer;
	threePl: ContractServer;
	close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	const ports = { ...DEFAULT_PORTS, ...options.ports };
	const file = (name: string) => {
		if (!options.stateDir) return undefined;
		mkdirSync(options.stateDir, { recursive: true });
		return path.join(options.stateDir, name);
	};
	const store = seededStore();
	const shopify = await ShopifyEmulator.start({
		host,
		port: ports.shopify,
		store,
		accessTokens: [SANDBOX_CREDENTIALS.shopify.accessToken],
		appSecret: SANDBOX_CREDENTIALS.shopify.appSecret,
		webhookRetryBaseMs: options.webhookRetryBaseMs,
	});
	const erp = await startErpServer({
		host,
		port: ports.erp,
		databaseFile: file('erp.sqlite'),
		bearerTokens: [SANDBOX_CREDENTIALS.erp.bearerToken],
		basicUsers: { [SANDBOX_CREDENTIALS.erp.basicUser]: SANDBOX_CREDENTIALS.erp.basicPassword },
		seed: {
			skus: store.variants.map((variant) => ({
				sku: variant.sku,
				description:
					`${store.products.find((product) => product.id === variant.productId)?.title} ${variant.title === 'Default Title' ? '' : variant.title}`.trim(),
				barcode: variant.barcode,
			})),
			inventory: stockRowsOf(store),
		},
	});
	const threePl = await startThreePlServer({
		host,
		port: ports.threePl,
		databaseFile: file('3pl.sqlite'),
		bearerTokens: [SANDBOX_CREDENTIALS.threePl.bearerToken],
		seed: {
			stock: warehouseStockOf(store, 'RTM'),
		},
	});
	return {
		shopify,
		erp,
		threePl,
		close: async () => {
			shopify.webhooks.stop();
			await Promise.all([shopify.close(), erp.close(), threePl.close()]);
		},
	};
}
