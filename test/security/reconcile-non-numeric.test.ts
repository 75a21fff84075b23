/**
 * Attack: amounts that are not numbers. A minor-unit amount of NaN (or 12.5) came out of the
 * money rule as the delta "N.aN"; an ERP credit memo whose amount is the text "12.50" was added
 * to the order's total as text ("012.50"); a Shopify refund or order with the amount "abc" ended
 * the whole run with an error that named neither the item nor the field. Each is now a finding
 * that names the field and the value, and the rest of the run is reconciled.
 */
import type { IDataObject } from 'n8n-workflow';

import { creditMemoFor, readShopifyRefund } from '../../core/contract/credit-memo';
import { Engine } from '../../harness';
import { createRefund } from '../../sandbox/shopify/domain/refunds';
import { restOrder, restRefund } from '../../sandbox/shopify/rest';
import { seededStore } from '../../sandbox/shopify/seed';
import { runCheck, type Reconciled } from '../nodes/ReconciliationCheck/support';

const ADDRESS = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	address1: 'Torstraße 1',
	city: 'Berlin',
	zip: '10119',
	countryCodeV2: 'DE',
};

/** Everything the run put out, as text: no "N.aN", "NaN" or "Infinity" may be among it. */
const everything = (result: Reconciled) =>
	JSON.stringify([
		result.matched,
		result.mismatched,
		result.onlyInA,
		result.onlyInB,
		result.summary,
	]);

describe('Reconciliation Check reports non-numeric amounts as findings naming the field and the value', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await Engine.start();
	});

	const shop = seededStore();
	/** A REST refund of one unit of a fresh order, and the ERP credit memo that books it. */
	const refunded = () => {
		const order = shop.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 2 }],
			shippingAddress: ADDRESS,
		});
		const refund = createRefund(shop, {
			orderId: order.id,
			refundLineItems: [
				{ lineItemId: order.lineItems[0].id, quantity: 1, restockType: 'NO_RESTOCK' },
			],
		});
		const payload = restRefund(shop, refund.id) as IDataObject & {
			refund_line_items: Array<{ subtotal_set: { shop_money: { amount: unknown } } }>;
		};
		const read = readShopifyRefund(payload);
		if (!read.ok) throw new Error(read.reasons.join('; '));
		const memo = creditMemoFor(read.refund, 'SO-1') as unknown as IDataObject & {
			total: { shop: { amount: unknown } };
		};
		return { payload, memo, orderRef: `shopify:order:${read.refund.orderId}` };
	};

	it('custom money rule: NaN and fractional minor units are not formatted as "N.aN", the note names the side and the value', async () => {
		const spec = {
			preset: 'custom',
			checkName: 'nan-minor',
			keyFieldsA: 'sku',
			keyFieldsB: 'sku',
			fields: {
				field: [
					{ pathA: 'price', pathB: 'price', rule: 'money', toleranceMinor: 0, amounts: 'decimal' },
				],
			},
		};
		const a = [
			{ sku: 'A-1', price: { minor: 1000, currency: 'EUR' } },
			{ sku: 'A-2', price: { minor: 1000, currency: 'EUR' } },
			{ sku: 'A-3', price: { minor: 1000, currency: 'EUR' } },
		];
		const b = [
			{ sku: 'A-1', price: { minor: Number.NaN, currency: 'EUR' } },
			{ sku: 'A-2', price: { minor: 12.5, currency: 'EUR' } },
			{ sku: 'A-3', price: { minor: 1001, currency: 'EUR' } },
		];
		const result = await runCheck(engine, spec, a, b);
		expect(result.execution.status).toBe('success');
		const byKey = Object.fromEntries(
			result.mismatched.map((item) => [item.key, (item.differences as IDataObject[])[0]]),
		);
		expect(byKey['A-1']).toMatchObject({
			field: 'price',
			delta: null,
			note: expect.stringMatching(/^price in B: NaN is not an amount in minor units of EUR/),
		});
		expect(byKey['A-2']).toMatchObject({
			field: 'price',
			delta: null,
			note: expect.stringMatching(/^price in B: 12\.5 is not an amount in minor units of EUR/),
		});
		expect(byKey['A-3']).toMatchObject({ field: 'price', delta: '0.01' });
		expect(everything(result)).not.toMatch(/N\.aN|\d\.\.\d/);
	});

	it('refunds preset: a credit memo amount that is text is a finding naming the memo, the field and the value, never added as text', async () => {
		const good = refunded();
		const bad = refunded();
		bad.memo.total.shop.amount = '12.50';
		const result = await runCheck(
			engine,
			{ preset: 'refunds', checkName: 'refund-text' },
			[good.payload, bad.payload],
			[good.memo, bad.memo],
		);
		expect(result.execution.status).toBe('success');
		expect(result.matched.map((item) => item.key)).toEqual([good.orderRef]);
		const problems = result.onlyInB.map((item) => (item.reconciliation as IDataObject).problem);
		expect(problems).toEqual([
			expect.stringMatching(
				/total\.shop\.amount is a text \("12\.50"\), not an amount in minor units/,
			),
		]);
		expect(problems[0]).toContain(String(bad.memo.externalRef));
		expect(everything(result)).not.toContain('012.50');
	});

	it('refunds preset: a Shopify refund amount "abc" is a finding naming the field and the value, not the end of the run', async () => {
		const good = refunded();
		const bad = refunded();
		bad.payload.refund_line_items[0].subtotal_set.shop_money.amount = 'abc';
		const result = await runCheck(
			engine,
			{ preset: 'refunds', checkName: 'refund-abc' },
			[good.payload, bad.payload],
			[good.memo],
		);
		expect(result.execution.status).toBe('success');
		expect(result.matched.map((item) => item.key)).toEqual([good.orderRef]);
		const problems = result.onlyInA.map((item) => (item.reconciliation as IDataObject).problem);
		expect(problems).toEqual([
			expect.stringMatching(
				/refund_line_items\[0\]\.subtotal_set\.shop_money\.amount.*"abc" is not a decimal amount/,
			),
		]);
	});

	it('orders preset: a Shopify order total "abc" is a finding naming the field and the value, not the end of the run', async () => {
		const order = shop.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		const payload = restOrder(shop, order) as IDataObject & {
			total_price_set: { shop_money: { amount: unknown } };
		};
		payload.total_price_set.shop_money.amount = 'abc';
		const result = await runCheck(
			engine,
			{ preset: 'orders', checkName: 'order-abc' },
			[payload],
			[],
		);
		expect(result.execution.status).toBe('success');
		const problems = result.onlyInA.map((item) => (item.reconciliation as IDataObject).problem);
		expect(problems).toEqual([expect.stringMatching(/total: "abc" is not a decimal amount/)]);
		expect(everything(result)).not.toMatch(/N\.aN/);
	});
});
