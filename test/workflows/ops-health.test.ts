/**
 * The ops-health template, run by n8n's engine: every quarter of an hour the health check, and
 * one alert when a breach begins and one when it ends — not one every run while it lasts.
 */
import { defaultSqliteFile, getLedger, type Ledger } from '../../core/ledger';
import { startTemplate, type TemplateRig } from '../../harness';

const MINUTE = 60_000;

describe('ops health template', () => {
	let rig: TemplateRig;
	let ledger: Ledger;

	beforeEach(async () => {
		rig = await startTemplate('ops-health.json', ['Alert']);
		ledger = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: rig.engine.userFolder }),
		});
	});
	afterEach(async () => await rig.close());

	const run = async () => await rig.engine.execute(rig.workflow, { startNode: 'Every 15 Minutes' });
	const texts = () => rig.sent('Alert').map((message) => String(message.text));

	it('alerts a poll that stopped once, stays quiet while it stays stopped, and announces its recovery once', async () => {
		const poll = { workflowId: 'wf-sync', node: 'Poll Fallback', everyMs: 15 * MINUTE };
		await ledger.recordPoll({ ...poll, at: Date.now() - 50 * MINUTE, error: 'HTTP 401' });
		expect((await run()).status).toBe('success');
		expect(texts()).toEqual([
			expect.stringMatching(
				/^🔴 Orderflow: poll breached — wf-sync \/ Poll Fallback: The poll has not succeeded for as long as it has run \(it runs every 15\)\. Its last poll failed: HTTP 401\./,
			),
		]);
		await run();
		expect(texts()).toHaveLength(1);
		await ledger.recordPoll({ ...poll, at: Date.now() });
		await run();
		expect(texts()).toEqual([
			expect.anything(),
			expect.stringMatching(
				/^✅ Orderflow: poll recovered after 0 min — wf-sync \/ Poll Fallback: Polled successfully/,
			),
		]);
		expect(rig.sent('Alert')[1]).toMatchObject({
			check: 'poll',
			status: 'ok',
			change: 'recovered',
		});
	});

	it('a webhook subscription Shopify deleted is alerted once and re-created; orders flow again', async () => {
		const both = await startTemplate(
			['order-sync.json', 'ops-health.json'],
			['Alert', 'Report Exception'],
		);
		try {
			const health = both.workflows[1];
			both.shopify.webhooks.subscriptions = both.shopify.webhooks.subscriptions.filter(
				(subscription) => subscription.topic !== 'ORDERS_CREATE',
			);
			await both.engine.execute(health, { startNode: 'Every 15 Minutes' });
			expect(both.sent('Alert').map((message) => String(message.text))).toEqual([
				expect.stringMatching(
					/^🔴 Orderflow: subscriptions breached — .* \/ Shopify Orders: Shopify has no subscription for orders\/create to .*Re-created now/,
				),
			]);
			expect(
				both.shopify.webhooks.subscriptions.map((subscription) => subscription.topic),
			).toContain('ORDERS_CREATE');
			const order = both.shopify.store.createOrder({
				lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
				shippingAddress: {
					firstName: 'Ada',
					lastName: 'Lovelace',
					address1: 'Torstraße 1',
					city: 'Berlin',
					zip: '10119',
					countryCodeV2: 'DE',
				},
			});
			await both.settle();
			expect((await both.salesOrders()).map((salesOrder) => salesOrder.externalRef)).toContain(
				`shopify:order:${order.id.split('/').pop()}`,
			);
			// The next check finds it subscribed: its recovery is announced once.
			await both.engine.execute(health, { startNode: 'Every 15 Minutes' });
			expect(both.sent('Alert').map((message) => String(message.text))[1]).toMatch(
				/^✅ Orderflow: subscriptions recovered/,
			);
		} finally {
			await both.close();
		}
	});

	it('a healthy ledger sends nothing', async () => {
		await run();
		expect(texts()).toEqual([]);
	});
});
