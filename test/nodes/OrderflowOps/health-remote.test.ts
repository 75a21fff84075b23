/**
 * Health → Check against the remotes, through n8n's engine and the Shopify emulator: a webhook
 * subscription Shopify deleted is breached (and re-created with Repair Subscriptions), a revoked
 * token is named, and an ERP credential that is refused is breached.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { defaultSqliteFile, getLedger, type Ledger } from '../../../core/ledger';
import { Engine, type WorkflowJson } from '../../../harness';
import type { ContractServer } from '../../../sandbox/contract/server';
import { startErpServer } from '../../../sandbox/erp/server';
import { seededStore } from '../../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../../sandbox/shopify/server';
import { fixture, withParameters } from '../../support/workflows';

const SECRET = 'health-app-secret';
const TOKEN = 'shpat_health';

describe('Orderflow Ops: Health → Check asks Shopify and the ERP', () => {
	let emulator: ShopifyEmulator;
	let erp: ContractServer;
	let engine: Engine;
	let ledger: Ledger;
	const trigger = fixture(`${__dirname}/../ShopifyTrigger`, 'webhook-trigger');

	beforeEach(async () => {
		emulator = await ShopifyEmulator.start({
			store: seededStore(),
			accessTokens: [TOKEN],
			appSecret: SECRET,
		});
		erp = await startErpServer({ seed: { skus: [], inventory: [] } });
		engine = await Engine.start({
			credentials: {
				Shop: {
					type: 'shopifyAdminApi',
					data: { shopDomain: emulator.url, accessToken: TOKEN, webhookSecret: SECRET },
				},
				ERP: {
					type: 'orderflowErpApi',
					data: {
						baseUrl: erp.url,
						authentication: 'bearer',
						token: 'erp-sandbox-token',
						idempotencyHeader: 'Idempotency-Key',
					},
				},
				'Old ERP Token': {
					type: 'orderflowErpApi',
					data: {
						baseUrl: erp.url,
						authentication: 'bearer',
						token: 'revoked',
						idempotencyHeader: 'Idempotency-Key',
					},
				},
			},
		});
		ledger = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: engine.userFolder }),
		});
	});
	afterEach(async () => {
		await emulator.close();
		await erp.close();
	});

	/** The ops fixture with the health check and the given credentials on the node. */
	const checkWith = (
		credentials: Record<string, string>,
		parameters: INodeParameters = {},
	): WorkflowJson => {
		const workflow = withParameters(fixture(__dirname, 'ops'), 'Orderflow Ops', {
			resource: 'health',
			operation: 'check',
			...parameters,
		});
		workflow.nodes.find((node) => node.name === 'Orderflow Ops')!.credentials = Object.fromEntries(
			Object.entries(credentials).map(([type, name]) => [type, { id: name, name }]),
		);
		return workflow;
	};
	const run = async (workflow: WorkflowJson): Promise<IDataObject[]> =>
		(await engine.execute(workflow)).output('Orderflow Ops');
	const of = (checks: IDataObject[], name: string) => checks.filter((item) => item.check === name);

	it('publishing the trigger records its subscriptions; one Shopify deleted is breached, re-created by Repair Subscriptions, then ok', async () => {
		const [url] = await engine.activate(trigger);
		expect(await ledger.subscriptions()).toEqual([
			expect.objectContaining({
				node: 'Shopify Trigger',
				uri: url,
				topics: ['orders/create', 'refunds/create'],
			}),
		]);
		const shop = { shopifyAdminApi: 'Shop' };
		expect(of(await run(checkWith(shop)), 'subscriptions')).toEqual([
			expect.objectContaining({ status: 'ok', value: 2 }),
		]);

		// Shopify drops a subscription after repeated failed deliveries.
		emulator.webhooks.subscriptions = emulator.webhooks.subscriptions.filter(
			(subscription) => subscription.topic !== 'REFUNDS_CREATE',
		);
		expect(of(await run(checkWith(shop)), 'subscriptions')).toEqual([
			expect.objectContaining({
				status: 'breached',
				value: 1,
				threshold: 2,
				message: expect.stringMatching(
					/^Shopify has no subscription for refunds\/create to .*: those webhooks do not arrive .* Republish the workflow, or run this check with Repair Subscriptions\.$/,
				),
			}),
		]);
		expect(of(await run(checkWith(shop, { repairSubscriptions: true })), 'subscriptions')).toEqual([
			expect.objectContaining({
				status: 'breached',
				repaired: ['refunds/create'],
				message: expect.stringMatching(/Re-created now/),
			}),
		]);
		expect(
			emulator.webhooks.subscriptions
				.filter((subscription) => subscription.uri === url)
				.map((subscription) => subscription.topic)
				.sort(),
		).toEqual(['ORDERS_CREATE', 'REFUNDS_CREATE']);
		expect(of(await run(checkWith(shop)), 'subscriptions')).toEqual([
			expect.objectContaining({ status: 'ok' }),
		]);

		// Unpublishing forgets them: nothing left to check.
		await engine.deactivate(trigger);
		expect(await ledger.subscriptions()).toEqual([]);
	});

	it('a revoked Shopify token is breached naming the credential; the ERP answering is ok, a refused ERP token is breached', async () => {
		emulator.accessTokens.delete(TOKEN);
		const checks = await run(
			checkWith({ shopifyAdminApi: 'Shop', orderflowErpApi: 'Old ERP Token' }),
		);
		expect(of(checks, 'credential')).toEqual([
			expect.objectContaining({
				subject: 'Shopify: Shop',
				status: 'breached',
				value: 'HTTP 401',
				message: expect.stringMatching(
					/^Token revoked or expired: Shop \(the Shopify answered 401\)/,
				),
			}),
			expect.objectContaining({
				subject: 'ERP: Old ERP Token',
				status: 'breached',
				value: 'HTTP 401',
				message: expect.stringMatching(/^Token revoked or expired: Old ERP Token/),
			}),
		]);
		expect(of(await run(checkWith({ orderflowErpApi: 'ERP' })), 'credential')).toEqual([
			expect.objectContaining({ subject: 'ERP: ERP', status: 'ok' }),
		]);
	});

	it('without remote credentials on the node, it checks only the ledger and the backlog', async () => {
		const checks = await run(checkWith({}));
		expect(of(checks, 'credential').concat(of(checks, 'subscriptions'))).toEqual([]);
	});
});
