import { embeddedLedgerConfig, getLedger } from '../../../core/ledger';
import { findTrails } from '../../../core/trail/find';
import { Engine } from '../../../harness';
import { seededStore } from '../../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../../sandbox/shopify/server';
import { fixture, withParameters } from '../../support/workflows';

describe('Shopify Poll Trigger: high-water mark with overlap, synthetic event ids', () => {
	let emulator: ShopifyEmulator;
	let engine: Engine;

	beforeEach(async () => {
		emulator = await ShopifyEmulator.start({ store: seededStore(), accessTokens: ['shpat_poll'] });
		engine = await Engine.start({
			credentials: {
				Shop: {
					type: 'shopifyAdminApi',
					data: { shopDomain: emulator.url, accessToken: 'shpat_poll' },
				},
			},
		});
	});
	afterEach(async () => await emulator.close());

	const at = (iso: string) => {
		emulator.store.now = () => new Date(iso);
	};

	it('emits each change once, catches a late change inside the overlap, and emits an order again when it changes', async () => {
		const workflow = fixture(__dirname, 'poll-trigger');
		at('2026-11-10T10:00:00Z');
		const first = emulator.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }] });
		at('2026-11-10T10:05:00Z');
		const second = emulator.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }] });

		const poll1 = await engine.poll(workflow);
		const items1 = poll1!.output('Received');
		expect(items1.map((item) => (item.payload as { id: string }).id)).toEqual([
			first.id,
			second.id,
		]);
		expect(items1[0]).toMatchObject({
			topic: 'orders/create',
			eventId: `poll:${first.id}@2026-11-10T10:00:00Z`,
			webhookId: '',
			shopDomain: emulator.url,
			apiVersion: '2026-10',
		});

		// Nothing new: no execution.
		expect(await engine.poll(workflow)).toBeUndefined();

		// An order stamped just before the high-water mark (indexed late) is inside the overlap window.
		at('2026-11-10T10:03:00Z');
		const late = emulator.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 2 }] });
		const poll3 = await engine.poll(workflow);
		expect(poll3!.output('Received').map((item) => (item.payload as { id: string }).id)).toEqual([
			late.id,
		]);

		// A change to an emitted order is a new version with its own event id.
		at('2026-11-10T11:00:00Z');
		emulator.store.touch(emulator.store.order(first.id)!);
		const poll4 = await engine.poll(workflow);
		expect(poll4!.output('Received')).toEqual([
			expect.objectContaining({
				topic: 'orders/updated',
				eventId: `poll:${first.id}@2026-11-10T11:00:00Z`,
			}),
		]);
	});

	it('puts what it found on each order’s trail as its “event in” (source: poll), findable by the order’s name', async () => {
		at('2026-11-10T10:00:00Z');
		const order = emulator.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }] });
		await engine.poll(fixture(__dirname, 'poll-trigger'));
		const ledger = await getLedger(embeddedLedgerConfig({ userFolder: engine.userFolder }));
		const [trail] = await findTrails(ledger, order.name);
		expect(trail.entity).toBe(`shopify:order:${order.id.split('/').pop()}`);
		expect(trail.events).toEqual([
			expect.objectContaining({
				event: 'poll.found',
				node: 'Shopify Poll',
				details: expect.objectContaining({
					topic: 'orders/create',
					eventId: `poll:${order.id}@2026-11-10T10:00:00Z`,
					source: 'poll',
				}),
				summary:
					'The poll fallback found orders/create (event poll:' +
					order.id +
					'@2026-11-10T10:00:00Z), changed in Shopify at 2026-11-10T10:00:00Z.',
			}),
		]);
	});

	it('polls refunds as refunds/create items', async () => {
		at('2026-11-10T10:00:00Z');
		const order = emulator.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 2 }] });
		const workflow = withParameters(fixture(__dirname, 'poll-trigger'), 'Shopify Poll', {
			resource: 'refunds',
		});
		expect(await engine.poll(workflow)).toBeUndefined();
		at('2026-11-10T12:00:00Z');
		const line = order.lineItems[0];
		const { createRefund } = await import('../../../sandbox/shopify/domain/refunds');
		const refund = createRefund(emulator.store, {
			orderId: order.id,
			refundLineItems: [{ lineItemId: line.id, quantity: 1, restockType: 'NO_RESTOCK' } as never],
		});
		const items = (await engine.poll(workflow))!.output('Received');
		expect(items).toEqual([
			expect.objectContaining({
				topic: 'refunds/create',
				eventId: `poll:${refund.id}`,
				payload: expect.objectContaining({ id: refund.id }),
			}),
		]);
		expect(await engine.poll(workflow)).toBeUndefined();
	});
});
