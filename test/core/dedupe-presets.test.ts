import { presetKey } from '../../core/dedupe/presets';
import { durationMs } from '../../core/duration';

describe('dedupe key presets', () => {
	const order = {
		id: 5531,
		admin_graphql_api_id: 'gid://shopify/Order/5531',
		updated_at: '2026-11-22T10:00:00Z',
	};
	const refund = { id: 901, admin_graphql_api_id: 'gid://shopify/Refund/901', order_id: 5531 };

	it.each([
		[
			'a trigger item',
			{ eventId: 'e-1', topic: 'orders/create', payload: order },
			{ key: 'orders/create:e-1', entity: 'shopify:event:e-1' },
		],
		[
			'a Webhook node item',
			{
				headers: { 'X-Shopify-Event-Id': 'e-2', 'x-shopify-topic': 'orders/updated' },
				body: order,
			},
			{ key: 'orders/updated:e-2', entity: 'shopify:event:e-2' },
		],
	])('event id from %s', (_label, json, expected) => {
		expect(presetKey('shopifyEventId', json)).toEqual(expected);
	});

	it.each([
		['a REST order payload', order],
		['a trigger item', { eventId: 'e', payload: order }],
		['a GraphQL order', { id: 'gid://shopify/Order/5531', name: '#1001' }],
		['a refund payload (its order)', refund],
	])('order id from %s', (_label, json) => {
		expect(presetKey('shopifyOrderId', json)).toEqual({
			key: '5531',
			entity: 'shopify:order:5531',
		});
	});

	it('refund id from a refunds/create payload', () => {
		expect(presetKey('shopifyRefundId', { payload: refund })).toEqual({
			key: '901',
			entity: 'shopify:refund:901',
		});
	});

	it('says where it looked when the key is missing', () => {
		expect(() => presetKey('shopifyEventId', { id: 1 })).toThrow(/X-Shopify-Event-Id/);
		expect(() => presetKey('shopifyRefundId', order)).toThrow(/No Shopify refund id/);
	});
});

describe('durations', () => {
	it.each([
		['P30D', 30 * 86_400_000],
		['PT15M', 900_000],
		['pt90s', 90_000],
		['15 minutes', 900_000],
		['2h', 7_200_000],
	])('%s', (text, ms) => expect(durationMs(text, 'Retention')).toBe(ms));

	it.each(['', 'soon', 'P0D', '-5 minutes'])('refuses %j', (text) => {
		expect(() => durationMs(text, 'Retention')).toThrow(/Retention .* is not a duration/);
	});
});
