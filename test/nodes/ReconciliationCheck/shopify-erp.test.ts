import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { ShopifyAdminClient } from '../../../core/shopify/client';
import { inventoryLevels } from '../../../core/shopify/inventory';
import { Engine } from '../../../harness';
import type { ContractServer } from '../../../sandbox/contract/server';
import { startErpServer } from '../../../sandbox/erp/server';
import { BERLIN, ROTTERDAM, seededStore, stockRowsOf } from '../../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../../sandbox/shopify/server';
import { fixture, withParameters } from '../../support/workflows';
import { history, runCheck } from './support';

const LOCATION_MAP = `${BERLIN}=BER, ${ROTTERDAM}=RTM`;

describe('Reconciliation Check → Compare Shopify With ERP, through the engine, against the Shopify emulator and the sandbox ERP', () => {
	let shopify: ShopifyEmulator;
	let erp: ContractServer;
	let engine: Engine;

	beforeAll(async () => {
		const store = seededStore();
		const [first, second, third] = store.inventoryLevels;
		// Shopify holds less than its safety stock at one level.
		store.setQuantities(third.inventoryItemId, third.locationId, { safety_stock: 999 });
		const stock = stockRowsOf(store);
		// The ERP counts one level differently, lacks another, and has a SKU Shopify does not.
		const changed = stock.findIndex(
			(row) => row.sku === store.inventoryItems.find((i) => i.id === first.inventoryItemId)!.sku,
		);
		stock[changed] = { ...stock[changed], available: stock[changed].available + 3 };
		const missing = stock.findIndex(
			(row) =>
				row.sku === store.inventoryItems.find((i) => i.id === second.inventoryItemId)!.sku &&
				row.location === (second.locationId === BERLIN ? 'BER' : 'RTM'),
		);
		stock.splice(missing, 1);
		stock.push({ sku: 'GHOST-SKU', location: 'BER', onHand: 4, available: 4 });
		shopify = await ShopifyEmulator.start({
			store,
			accessTokens: ['shpat_stream'],
			bulkDurationMs: 20,
		});
		erp = await startErpServer({ seed: { skus: [], inventory: stock } });
		engine = await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-reconcile-stream-')),
			credentials: {
				Shop: {
					type: 'shopifyAdminApi',
					data: { shopDomain: shopify.url, accessToken: 'shpat_stream' },
				},
				ERP: {
					type: 'orderflowErpApi',
					data: { baseUrl: erp.url, authentication: 'bearer', token: 'erp-sandbox-token' },
				},
			},
		});
	});
	afterAll(async () => {
		await shopify.close();
		await erp.close();
	});

	/** What item mode is given in a workflow: the Shopify node's levels per SKU, the ERP node's stock list. */
	async function itemModeInputs(): Promise<{ a: IDataObject[]; b: IDataObject[] }> {
		const client = new ShopifyAdminClient({
			shopDomain: shopify.url,
			auth: { kind: 'accessToken', accessToken: 'shpat_stream' },
		});
		const skus = shopify.store.inventoryItems.map((item) => item.sku);
		const a = (await inventoryLevels(client, skus)) as unknown as IDataObject[];
		const response = await fetch(`${erp.url}/inventory?limit=500`, {
			headers: { authorization: 'Bearer erp-sandbox-token' },
		});
		const page = (await response.json()) as { items: IDataObject[]; nextCursor: string | null };
		expect(page.nextCursor).toBeNull();
		return { a, b: page.items };
	}

	it('reads both sides itself and reports the summary and exceptions item mode reports on the same data', async () => {
		const parameters = {
			quantityTolerance: 0,
			locationMap: LOCATION_MAP,
			threshold: { maxExceptions: 10, whenExceeded: 'report' },
		};
		const execution = await engine.execute(
			withParameters(fixture(__dirname, 'shopify-erp'), 'Reconciliation Check', parameters),
		);
		expect(execution.status).toBe('success');
		const streamed = {
			summary: execution.output('Summary')[0],
			mismatched: execution.executedNodes.includes('Mismatched')
				? execution.output('Mismatched')
				: [],
			onlyInA: execution.output('Only in A'),
			onlyInB: execution.output('Only in B'),
		};
		const { a, b } = await itemModeInputs();
		const items = await runCheck(
			engine,
			{ operation: 'compare', checkName: 'inventory-items', preset: 'inventory', ...parameters },
			a,
			b,
		);
		// The same summary but for the check's name and when it ran.
		const comparable = (summary: IDataObject) => ({
			...summary,
			ranAt: undefined,
			check: undefined,
		});
		expect(comparable(streamed.summary)).toEqual(comparable(items.summary));
		expect(streamed.summary).toMatchObject({
			counts: { mismatched: 1, onlyInA: 1, onlyInB: 1 },
			threshold: { verdict: 'pass' },
		});
		expect((streamed.summary.counts as IDataObject).matched).toBeGreaterThan(3);
		expect((streamed.summary.flags as IDataObject).belowSafetyStock).toBeGreaterThan(0);
		// Matched pairs are counted, not output.
		expect(execution.executedNodes).not.toContain('Matched');
		const pick = (rows: IDataObject[]) =>
			rows.map(({ key, status, differences }) => ({ key, status, differences }));
		expect(pick(streamed.mismatched)).toEqual(pick(items.mismatched));
		const keysOf = (rows: IDataObject[]) =>
			rows.map((row) => (row.reconciliation as IDataObject).key);
		expect(keysOf(streamed.onlyInA)).toEqual(keysOf(items.onlyInA));
		expect(keysOf(streamed.onlyInB)).toEqual(['GHOST-SKU / BER']);
		expect(keysOf(items.onlyInB)).toEqual(['GHOST-SKU / BER']);
		// Kept in the ledger like Compare's runs.
		expect((await history(engine, 'inventory-streamed')).map((run) => run.counts)).toEqual([
			streamed.summary.counts,
		]);
	});

	it('says what to fix when the location map is not one', async () => {
		const execution = await engine.execute(
			withParameters(fixture(__dirname, 'shopify-erp'), 'Reconciliation Check', {
				locationMap: 'BER',
			}),
		);
		expect(execution.status).toBe('error');
		expect(execution.error?.message).toMatch(/not a location mapping/);
	});
});
