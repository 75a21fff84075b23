import type { IDataObject } from 'n8n-workflow';

import { creditMemoFor, readShopifyRefund } from '../../../core/contract/credit-memo';
import { mapShopifyOrder } from '../../../core/contract/sales-order';
import { ShopifyAdminClient } from '../../../core/shopify/client';
import { ORDER_REFUNDS_QUERY } from '../../../core/shopify/documents/refunds';
import { fetchOrder } from '../../../core/shopify/orders';
import { Engine } from '../../../harness';
import { createRefund } from '../../../sandbox/shopify/domain/refunds';
import { BERLIN, ROTTERDAM, seededStore } from '../../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../../sandbox/shopify/server';
import { runCheck } from './support';

describe('Reconciliation Check presets, through the engine, on data from the Shopify emulator and the contract mapping', () => {
	let emulator: ShopifyEmulator;
	let client: ShopifyAdminClient;
	let engine: Engine;

	beforeAll(async () => {
		emulator = await ShopifyEmulator.start({ store: seededStore(), accessTokens: ['shpat_rec'] });
		client = new ShopifyAdminClient({
			shopDomain: emulator.url,
			auth: { kind: 'accessToken', accessToken: 'shpat_rec' },
		});
		engine = await Engine.start();
	});
	afterAll(async () => await emulator.close());

	const shipTo = {
		firstName: 'Ada',
		lastName: 'Lovelace',
		address1: 'Torstraße 1',
		city: 'Berlin',
		zip: '10119',
		countryCodeV2: 'DE',
	};
	const shopifyOrder = async (input: Parameters<typeof emulator.store.createOrder>[0]) =>
		(await fetchOrder(
			client,
			emulator.store.createOrder({ shippingAddress: shipTo, ...input }).id,
		)) as IDataObject;
	const salesOrder = (order: IDataObject) => {
		const mapped = mapShopifyOrder(order, { defaultEntity: 'DE01' });
		if (!mapped.ok) throw new Error(mapped.reasons.join('; '));
		return {
			...mapped.salesOrder,
			id: `SO-${String(order.name)}`,
			status: 'open',
			createdAt: '2026-11-10T00:00:00Z',
			updatedAt: '2026-11-10T00:00:00Z',
		} as unknown as IDataObject;
	};

	it('Orders: matched (incl. multi-currency), a one-cent difference outside and inside tolerance, line quantity, only in A / B', async () => {
		const plain = await shopifyOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 2 }] });
		const usd = await shopifyOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
			presentmentCurrency: 'USD',
			exchangeRate: 1.0753,
		});
		const cent = await shopifyOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }] });
		const quantity = await shopifyOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 3 }] });
		const missing = await shopifyOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }] });

		const offByOneCent = salesOrder(cent) as { totals: { total: { shop: { amount: number } } } };
		offByOneCent.totals.total.shop.amount += 1;
		const wrongQuantity = salesOrder(quantity) as { lines: Array<{ quantity: number }> };
		wrongQuantity.lines[0].quantity = 2;
		const extra = {
			...salesOrder(plain),
			externalRef: 'shopify:order:999999',
			orderNumber: '#9999',
		};
		const a = [plain, usd, cent, quantity, missing];
		const b = [
			salesOrder(plain),
			salesOrder(usd),
			offByOneCent as IDataObject,
			wrongQuantity as IDataObject,
			extra,
		];

		const strict = await runCheck(engine, { preset: 'orders', checkName: 'orders-strict' }, a, b);
		expect(strict.execution.status).toBe('success');
		expect(strict.matched.map((item) => item.key)).toEqual([
			`shopify:order:${String(plain.legacyResourceId)}`,
			`shopify:order:${String(usd.legacyResourceId)}`,
		]);
		const byKey = Object.fromEntries(strict.mismatched.map((item) => [item.key, item.differences]));
		expect(byKey[`shopify:order:${String(cent.legacyResourceId)}`]).toEqual([
			expect.objectContaining({ field: 'total', delta: '0.01' }),
		]);
		expect(byKey[`shopify:order:${String(quantity.legacyResourceId)}`]).toEqual([
			expect.objectContaining({
				field: 'lines',
				note: 'only in A: SOCKS-TRAIL-42×3; only in B: SOCKS-TRAIL-42×2',
			}),
		]);
		expect(strict.onlyInA).toEqual([
			expect.objectContaining({
				name: missing.name,
				reconciliation: expect.objectContaining({ status: 'onlyInA' }),
			}),
		]);
		expect(strict.onlyInB).toEqual([
			expect.objectContaining({ externalRef: 'shopify:order:999999' }),
		]);
		expect(strict.summary).toMatchObject({
			check: 'orders-strict',
			counts: { matched: 2, mismatched: 2, onlyInA: 1, onlyInB: 1 },
			exceptions: 4,
			exceptionRatePercent: 66.67,
			threshold: { verdict: 'pass' },
		});

		const tolerant = await runCheck(
			engine,
			{ preset: 'orders', checkName: 'orders-tolerant', moneyToleranceMinor: 1 },
			a,
			b,
		);
		expect(tolerant.matched.map((item) => item.key)).toContain(
			`shopify:order:${String(cent.legacyResourceId)}`,
		);
		const presentmentOff = salesOrder(usd) as {
			totals: { total: { presentment: { amount: number } } };
		};
		presentmentOff.totals.total.presentment.amount += 2;
		const fx = await runCheck(
			engine,
			{ preset: 'orders', checkName: 'orders-fx', moneyToleranceMinor: 1 },
			[usd],
			[presentmentOff as IDataObject],
		);
		expect(fx.mismatched[0].differences).toEqual([
			expect.objectContaining({ field: 'presentmentTotal', delta: '0.02' }),
		]);
	});

	it('Inventory: by SKU and mapped location, quantity tolerance, below safety stock flagged', async () => {
		const a = [
			{ sku: 'TSHIRT-RED-M', locationId: BERLIN, quantities: { available: 40, safety_stock: 5 } },
			{ sku: 'TSHIRT-BLK-M', locationId: BERLIN, quantities: { available: 3, safety_stock: 5 } },
			{ sku: 'TOTE-NAT', locationId: ROTTERDAM, quantities: { available: 80 } },
		];
		const b = [
			{ sku: 'tshirt-red-m', location: 'BER', available: 41, safetyStock: 5 },
			{ sku: 'TSHIRT-BLK-M', location: 'BER', available: 3, safetyStock: 5 },
			{ sku: 'TOTE-NAT', location: 'RTM', available: 70 },
		];
		const result = await runCheck(
			engine,
			{
				preset: 'inventory',
				checkName: 'stock',
				quantityTolerance: 1,
				locationMap: `${BERLIN}=BER, ${ROTTERDAM}=RTM`,
			},
			a,
			b,
		);
		expect(result.matched.map((item) => item.key)).toEqual([
			'TSHIRT-RED-M / BER',
			'TSHIRT-BLK-M / BER',
		]);
		expect(result.matched[1].flags).toEqual({ belowSafetyStock: true });
		expect(result.mismatched).toEqual([
			expect.objectContaining({
				key: 'TOTE-NAT / RTM',
				differences: [expect.objectContaining({ field: 'available', a: 80, b: 70, delta: -10 })],
			}),
		]);
		expect(result.summary.flags).toEqual({ belowSafetyStock: 1 });
	});

	it('Refunds: Shopify refunds vs ERP credit memos summed per order; a refund that never reached the ERP is found', async () => {
		const order = emulator.store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 3 }] });
		const complete = emulator.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }] });
		for (const [target, quantity] of [
			[order, 1],
			[order, 1],
			[complete, 1],
		] as const) {
			createRefund(emulator.store, {
				orderId: target.id,
				refundLineItems: [
					{ lineItemId: target.lineItems[0].id, quantity, restockType: 'NO_RESTOCK' },
				],
			});
		}
		const refundsOf = async (id: string) =>
			(await client.request<{ order: { refunds: IDataObject[] } }>(ORDER_REFUNDS_QUERY, { id }))
				.order.refunds;
		const a = [...(await refundsOf(order.id)), ...(await refundsOf(complete.id))];
		const memos = a.map((refund) => {
			const read = readShopifyRefund(refund);
			if (!read.ok) throw new Error(read.reasons.join('; '));
			return creditMemoFor(read.refund, 'SO-1') as unknown as IDataObject;
		});
		const b = [memos[0], memos[2]];
		const result = await runCheck(engine, { preset: 'refunds', checkName: 'refunds' }, a, b);
		expect(result.matched.map((item) => item.key)).toEqual([
			`shopify:order:${complete.id.split('/').pop()}`,
		]);
		expect(result.mismatched).toHaveLength(1);
		expect(result.mismatched[0].key).toBe(`shopify:order:${order.id.split('/').pop()}`);
		expect(
			(result.mismatched[0].differences as IDataObject[]).map((difference) => difference.field),
		).toEqual(['refunded', 'count', 'refunds']);
		expect((result.mismatched[0].differences as IDataObject[])[0]).toMatchObject({
			delta: '-12.50',
		});
	});

	it('SKU master: missing on either side, a SKU typed differently, duplicates within a side reported, never collapsed', async () => {
		const a = [
			{ sku: 'TSHIRT-RED-M', barcode: '400001', product: { status: 'ACTIVE' } },
			{ sku: 'TOTE-NAT', barcode: '400002', product: { status: 'ACTIVE' } },
			{ sku: 'GIFT-50', barcode: null, product: { status: 'ACTIVE' } },
		];
		const b = [
			{ sku: 'TSHIRT-RED-M', barcode: '400001', active: true },
			{ sku: 'tote-nat ', barcode: '400002', active: true },
			{ sku: 'SOCKS-TRAIL-42', barcode: '400003', active: true },
			{ sku: 'SOCKS-TRAIL-42', barcode: '400004', active: false },
		];
		const result = await runCheck(engine, { preset: 'skuMaster', checkName: 'skus' }, a, b);
		expect(result.matched.map((item) => item.key)).toEqual(['TSHIRT-RED-M']);
		expect(result.mismatched.find((item) => item.key === 'TOTE-NAT')?.differences).toEqual([
			expect.objectContaining({ field: 'sku', a: 'TOTE-NAT', b: 'tote-nat ' }),
		]);
		const duplicate = result.mismatched.find((item) => item.status === 'duplicateKey')!;
		expect(duplicate).toMatchObject({
			key: 'SOCKS-TRAIL-42',
			differences: [expect.objectContaining({ a: 0, b: 2 })],
		});
		expect(duplicate.b).toHaveLength(2);
		expect(result.onlyInA.map((item) => item.sku)).toEqual(['GIFT-50']);
		expect(result.summary.counts).toMatchObject({ duplicateKeys: 1, duplicateRows: 2 });
	});
});
