import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { Engine } from '../../../harness';
import type { ContractServer } from '../../../sandbox/contract/server';
import { startErpServer } from '../../../sandbox/erp/server';
import { restOrder } from '../../../sandbox/shopify/rest';
import { seededStore } from '../../../sandbox/shopify/seed';
import type { ShopifyStore } from '../../../sandbox/shopify/store';
import { fixture, withParameters } from '../../support/workflows';

const ADDRESS = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	address1: 'Unter den Linden 1',
	city: 'Berlin',
	zip: '10117',
	countryCodeV2: 'DE',
};

/**
 * The upsert reads its fixed settings and the credential once per execution, expressions per
 * item: each order is still mapped by its own settings, and a login credential authenticates
 * every request of the run.
 */
describe('ERP upsert: per-item settings and credentials read once, through the engine', () => {
	let erp: ContractServer;
	let shop: ShopifyStore;

	const start = async (credential: IDataObject) =>
		await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-erp-items-')),
			credentials: {
				ERP: {
					type: 'orderflowErpApi',
					data: { baseUrl: erp.url, idempotencyHeader: 'Idempotency-Key', ...credential },
				},
			},
		});
	const order = (sku: string, extra: IDataObject = {}) => ({
		...(restOrder(
			shop,
			shop.createOrder({
				lines: [{ sku, quantity: 1, taxRate: 0.19 }],
				shippingAddress: ADDRESS,
				customer: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
			}),
		) as IDataObject),
		...extra,
	});
	const erpOut = (execution: Awaited<ReturnType<Engine['execute']>>, output: string) =>
		execution.output(output).map((item) => item.erp as IDataObject);

	beforeEach(async () => {
		shop = seededStore();
		erp = await startErpServer({
			basicUsers: { integration: 'sandbox' },
			bearerTokens: ['erp-sandbox-token'],
			seed: {
				skus: shop.variants
					.filter((variant) => variant.sku !== 'TOTE-NAT')
					.map((variant) => ({ sku: variant.sku, description: variant.title })),
				inventory: [],
			},
		});
	});

	afterEach(async () => await erp.close());

	it('maps each order by its own entity and SKU check when those are expressions', async () => {
		const engine = await start({ authentication: 'bearer', token: 'erp-sandbox-token' });
		const workflow = withParameters(fixture(__dirname, 'upsert'), 'ERP', {
			defaultEntity: '={{ $json.bookIn }}',
			checkSkus: '={{ $json.checkSkus }}',
		});
		const execution = await engine.execute(workflow, {
			items: [
				order('TSHIRT-RED-M', { bookIn: 'DE01', checkSkus: true }),
				order('TOTE-NAT', { bookIn: 'AT01', checkSkus: true }),
				order('TOTE-NAT', { bookIn: 'CH01', checkSkus: false }),
			],
		});
		expect(erpOut(execution, 'Done').map((outcome) => outcome.entity)).toEqual(['DE01', 'CH01']);
		expect(erpOut(execution, 'Failed')).toEqual([
			expect.objectContaining({ reasons: [expect.stringMatching(/TOTE-NAT/)] }),
		]);
	});

	it('authenticates every request of a run with a login credential, and a wrong password books nothing', async () => {
		const engine = await start({
			authentication: 'basic',
			user: 'integration',
			password: 'sandbox',
		});
		const orders = [order('TSHIRT-RED-M'), order('TSHIRT-RED-M'), order('TSHIRT-RED-M')];
		const booked = await engine.execute(fixture(__dirname, 'upsert'), { items: orders });
		expect(erpOut(booked, 'Done')).toEqual(
			orders.map(() => expect.objectContaining({ outcome: 'done', replayed: false })),
		);
		const refused = await (
			await start({ authentication: 'basic', user: 'integration', password: 'wrong' })
		).execute(fixture(__dirname, 'upsert'), { items: [order('TSHIRT-RED-M')] });
		// The SKU master is read first: refused, the run stops before anything is sent.
		expect(refused.status).toBe('error');
		expect(refused.error?.message).toMatch(/401/);
		const listed = await fetch(`${erp.url}/sales-orders`, {
			headers: { authorization: 'Bearer erp-sandbox-token' },
		});
		expect(((await listed.json()) as { items: unknown[] }).items).toHaveLength(3);
	});
});
