import { createHmac } from 'node:crypto';

import { nestBulkRows, parseJsonl } from '../../../core/shopify/bulk';
import { toGid } from '../../../core/shopify/ids';
import { parseLineSpec, resolveLines } from '../../../core/shopify/line-spec';
import { nextPageSize } from '../../../core/shopify/pagination';
import { pollSince } from '../../../core/shopify/poll';
import { simplify } from '../../../core/shopify/simplify';
import {
	parseHmacHeader,
	topicEnum,
	topicPath,
	verifyWebhookHmac,
	webhookDelivery,
} from '../../../core/shopify/webhooks';

describe('Shopify core helpers', () => {
	it('verifies the HMAC over the exact raw bytes with the app secret', () => {
		const body = Buffer.from('{"id":1}');
		const good = createHmac('sha256', 's3cret').update(body).digest('base64');
		expect(verifyWebhookHmac(body, good, 's3cret')).toBe(true);
		expect(verifyWebhookHmac(Buffer.from('{"id": 1}'), good, 's3cret')).toBe(false);
		expect(verifyWebhookHmac(body, good, 'other')).toBe(false);
		expect(verifyWebhookHmac(body, undefined, 's3cret')).toBe(false);
		expect(verifyWebhookHmac(body, 'short', 's3cret')).toBe(false);
		expect(verifyWebhookHmac(body, good, '')).toBe(false);
	});

	it('reads the HMAC header only as one canonical base64 SHA-256 digest', () => {
		const digest = createHmac('sha256', 's3cret').update('{"id":1}').digest();
		const good = digest.toString('base64');
		// The last character's two padding bits set: the same bytes, not the spelling Shopify sends.
		const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
		expect(parseHmacHeader(good)).toEqual(digest);
		for (const bad of [
			undefined,
			[good],
			`${good},${good}`,
			` ${good}`,
			good.slice(0, -1),
			`${good.slice(0, 42)}${BASE64[BASE64.indexOf(good[42]) ^ 1]}=`,
			Buffer.alloc(33).toString('base64'),
		]) {
			expect(parseHmacHeader(bad)).toBeUndefined();
		}
	});

	it('maps topics both ways and reads delivery headers (event id falls back to the webhook id)', () => {
		expect(topicEnum('fulfillment_orders/split')).toBe('FULFILLMENT_ORDERS_SPLIT');
		expect(topicPath('INVENTORY_LEVELS_UPDATE')).toBe('inventory_levels/update');
		expect(
			webhookDelivery({ 'x-shopify-topic': 'orders/paid', 'x-shopify-webhook-id': 'w1' }, {}),
		).toMatchObject({ topic: 'orders/paid', eventId: 'w1', webhookId: 'w1' });
	});

	it('parses and resolves line specs by SKU (case-insensitive), numeric id or gid; refuses unknown, ambiguous and too many', () => {
		const lines = [
			{ id: 'gid://shopify/FulfillmentOrderLineItem/11', sku: 'TSHIRT-RED-M', available: 3 },
			{ id: 'gid://shopify/FulfillmentOrderLineItem/12', sku: 'TOTE-NAT', available: 1 },
		];
		expect(parseLineSpec(' tshirt-red-m=2,\n12 ')).toEqual([
			{ ref: 'tshirt-red-m', quantity: 2 },
			{ ref: '12', quantity: undefined },
		]);
		expect(resolveLines(parseLineSpec('tshirt-red-m=2, 12'), lines, 'FO 1')).toEqual([
			{ id: 'gid://shopify/FulfillmentOrderLineItem/11', quantity: 2 },
			{ id: 'gid://shopify/FulfillmentOrderLineItem/12', quantity: 1 },
		]);
		expect(() => resolveLines(parseLineSpec('SOCKS=1'), lines, 'FO 1')).toThrow(
			'FO 1 has no line "SOCKS" (its lines: TSHIRT-RED-M, TOTE-NAT)',
		);
		expect(() => resolveLines(parseLineSpec('TOTE-NAT=2'), lines, 'FO 1')).toThrow(
			'"TOTE-NAT" has 1 left, 2 were asked for',
		);
		expect(() =>
			resolveLines(
				parseLineSpec('X=1'),
				[...lines, { id: 'a/1', sku: 'X', available: 1 }, { id: 'a/2', sku: 'X', available: 1 }],
				'FO 1',
			),
		).toThrow(/matches 2 lines/);
		expect(() => parseLineSpec('A=0')).toThrow(/at least 1/);
	});

	it('turns ids into gids and refuses ids of another resource', () => {
		expect(toGid('Order', '1001')).toBe('gid://shopify/Order/1001');
		expect(toGid('Order', 1001)).toBe('gid://shopify/Order/1001');
		expect(() => toGid('Order', 'gid://shopify/Refund/1')).toThrow(/not a Order ID/);
		expect(() => toGid('Order', '#1001')).toThrow();
	});

	it('sizes the next page from the cost of the last one, within 1..250', () => {
		expect(nextPageSize(5, 2 + 5 * 180)).toBe(5);
		expect(nextPageSize(10, 2 + 10 * 3)).toBe(250);
		expect(nextPageSize(5, 2 + 5 * 2000)).toBe(1);
		expect(nextPageSize(5, undefined)).toBe(5);
	});

	it('nests bulk rows under their parents by type and refuses an orphan', () => {
		const rows = parseJsonl(
			'{"id":"gid://shopify/Order/1"}\n{"id":"gid://shopify/LineItem/7","sku":"A","__parentId":"gid://shopify/Order/1"}\n\n{"id":"gid://shopify/Order/2"}\n',
		);
		expect(nestBulkRows(rows)).toEqual([
			{
				id: 'gid://shopify/Order/1',
				children: { LineItem: [{ id: 'gid://shopify/LineItem/7', sku: 'A' }] },
			},
			{ id: 'gid://shopify/Order/2' },
		]);
		expect(() =>
			nestBulkRows([{ id: 'gid://shopify/LineItem/1', __parentId: 'gid://shopify/Order/9' }]),
		).toThrow(/not in the file before it/);
		expect(() => parseJsonl('{"a":1}\nnot json')).toThrow(/Line 2/);
	});

	it('simplifies: numeric id + gid, connections to lists, MoneyBags with minor units in each currency exponent', () => {
		expect(
			simplify({
				id: 'gid://shopify/Order/5',
				legacyResourceId: '5',
				totalPriceSet: {
					shopMoney: { amount: '1500', currencyCode: 'JPY' },
					presentmentMoney: { amount: '10.125', currencyCode: 'KWD' },
				},
				lineItems: {
					pageInfo: { hasNextPage: false, endCursor: null },
					nodes: [{ id: 'gid://shopify/LineItem/9', quantity: 2 }],
				},
				price: { amount: '19.9', currencyCode: 'EUR' },
			}),
		).toEqual({
			id: '5',
			gid: 'gid://shopify/Order/5',
			totalPrice: {
				shop: { amount: '1500', currencyCode: 'JPY', minorUnits: 1500 },
				presentment: { amount: '10.125', currencyCode: 'KWD', minorUnits: 10125 },
			},
			lineItems: [{ id: '9', gid: 'gid://shopify/LineItem/9', quantity: 2 }],
			price: { amount: '19.9', currencyCode: 'EUR', minorUnits: 1990 },
		});
	});

	it('polls from the high-water mark minus the overlap, or from the start', () => {
		expect(pollSince({}, { overlapMs: 300_000, startAt: '2026-11-10T10:00:00Z' })).toBe(
			'2026-11-10T09:55:00.000Z',
		);
		expect(
			pollSince(
				{ highWaterMark: '2026-11-10T12:00:00.000Z' },
				{ overlapMs: 0, startAt: '2026-11-10T10:00:00Z' },
			),
		).toBe('2026-11-10T12:00:00.000Z');
	});
});
