import type { IDataObject } from 'n8n-workflow';

import {
	orderRefOf,
	reconciliationOver,
	startTemplate,
	SHIP_TO_BERLIN,
	type TemplateRig,
} from '../../harness';
import { createRefund } from '../../sandbox/shopify/domain/refunds';
import { BERLIN } from '../../sandbox/shopify/seed';

const CHECKS = ['Orders Check', 'Refunds Check', 'SKU Master Check', 'Inventory Check'];

describe('Nightly reconciliation template, run by n8n’s engine after the order sync and refund propagation templates', () => {
	let rig: TemplateRig;

	beforeEach(async () => {
		rig = await startTemplate(
			[
				'nightly-reconciliation.json',
				'order-sync.json',
				'refund-propagation.json',
				'inventory-push.json',
			],
			[
				'Alert',
				'Report Exception',
				'Report Rejection',
				'Approval Checkpoint',
				'Report Drift',
				'Alert Low Stock',
			],
			{
				erpInventory: 'inStepWithShopify',
			},
		);
		// The ERP team has added the tote to its SKU master (the sandbox starts without it).
		await rig.erpCall('POST', '/_control/skus', {
			sku: 'TOTE-NAT',
			description: 'Tote bag',
			barcode: '4006381333962',
		});
	});
	afterEach(async () => await rig.close());

	/** Tonight's run over a window around now (the template's own window is yesterday), after the hourly inventory push. */
	const runTonight = async (afterPush?: () => void) => {
		const push = rig.workflows.find((workflow) => workflow.name?.includes('Inventory push'))!;
		expect((await rig.engine.execute(push, { startNode: 'Every Hour' })).status).toBe('success');
		afterPush?.();
		const workflow = reconciliationOver(
			rig.workflow,
			new Date(Date.now() - 3_600_000),
			new Date(Date.now() + 3_600_000),
		);
		const execution = await rig.engine.execute(workflow, { startNode: 'Every Night' });
		expect(execution.status).toBe('success');
		const summaries = Object.fromEntries(
			CHECKS.map((check) => [
				check,
				execution.output(check, 4)[0] as IDataObject & {
					counts: IDataObject;
					exceptions: number;
					examples?: string[];
				},
			]),
		);
		return {
			execution,
			summaries,
			alerts: rig.sent('Alert').map((message) => String(message.text)),
		};
	};
	const order = async (lines: Array<{ sku: string; quantity: number }>) => {
		const placed = rig.shopify.store.createOrder({
			lines,
			shippingAddress: SHIP_TO_BERLIN,
			customer: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
		});
		await rig.settle();
		return placed;
	};

	it('finds orders, refunds, SKU master and stock in step after the templates booked them, and alerts nothing', async () => {
		const first = await order([{ sku: 'TSHIRT-RED-M', quantity: 2 }]);
		await order([{ sku: 'SOCKS-TRAIL-42', quantity: 1 }]);
		createRefund(rig.shopify.store, {
			orderId: first.id,
			refundLineItems: [
				{
					lineItemId: first.lineItems[0].id,
					quantity: 1,
					restockType: 'RETURN',
					locationId: BERLIN,
				},
			],
		});
		await rig.settle();
		const { summaries, alerts } = await runTonight();
		expect(alerts).toEqual([]);
		expect(summaries['Orders Check']).toMatchObject({
			exceptions: 0,
			counts: expect.objectContaining({ matched: 2 }),
		});
		expect(summaries['Refunds Check']).toMatchObject({
			exceptions: 0,
			counts: expect.objectContaining({ matched: 1 }),
		});
		expect(summaries['SKU Master Check']).toMatchObject({
			exceptions: 0,
			counts: expect.objectContaining({ matched: rig.shopify.store.variants.length }),
		});
		expect(summaries['Inventory Check']).toMatchObject({ exceptions: 0 });
	});

	it('alerts, per check, what drifted: an order the ERP never booked, a quantity changed in Shopify', async () => {
		await order([{ sku: 'TSHIRT-RED-L', quantity: 1 }]);
		await rig.erpCall('PUT', '/_control/faults', [
			{ method: 'POST', path: '/sales-orders', kind: 'status', status: 422, times: 10 },
		]);
		const unbooked = await order([{ sku: 'TSHIRT-RED-L', quantity: 1 }]);
		await rig.erpCall('DELETE', '/_control/faults');
		const variant = rig.shopify.store.variants.find(
			(candidate) => candidate.sku === 'TSHIRT-RED-L',
		)!;
		const { summaries, alerts } = await runTonight(() => {
			// Someone counted the shelf by hand in Shopify after the push.
			rig.shopify.store.inventoryLevel(variant.inventoryItemId, BERLIN)!.quantities.available = 17;
		});
		const ref = orderRefOf(unbooked);
		expect(summaries['Orders Check']).toMatchObject({
			exceptions: 1,
			examples: [`${ref}: only in A`],
		});
		expect(summaries['Inventory Check']).toMatchObject({
			examples: ['TSHIRT-RED-L / BER: available differs'],
		});
		expect(alerts).toEqual([
			expect.stringMatching(
				new RegExp(
					`^Nightly reconciliation nightly-orders: 1 exception, more than the 0 allowed — 1 matched, 0 mismatched, 1 only in Shopify, 0 only in the ERP\\. ${ref}: only in A$`,
				),
			),
			expect.stringMatching(
				/^Nightly reconciliation nightly-inventory: .*TSHIRT-RED-L \/ BER: available differs$/,
			),
		]);
	});

	it('reports a read that fails, by name, next to the alert of the check that lacked its data', async () => {
		await order([{ sku: 'TSHIRT-RED-L', quantity: 1 }]);
		await rig.erpCall('PUT', '/_control/faults', [
			{ method: 'GET', path: '/sales-orders', kind: 'status', status: 500, times: 10 },
		]);
		const { alerts } = await runTonight();
		expect(alerts).toEqual([
			expect.stringMatching(
				/^Nightly reconciliation nightly-orders: .* 0 matched, 0 mismatched, 1 only in Shopify/,
			),
		]);
		expect(rig.sent('Report Exception').map((message) => String(message.text))).toEqual([
			expect.stringMatching(/^Nightly reconciliation could not read its data: .*500/),
		]);
	});
});
