import { defaultSqliteFile, getLedger } from '../../core/ledger';
import { startTemplate, type TemplateRig } from '../../harness';
import { BERLIN, ROTTERDAM } from '../../sandbox/shopify/seed';

describe('Inventory push template, run by n8n’s engine against the sandbox', () => {
	let rig: TemplateRig;

	beforeEach(async () => {
		rig = await startTemplate(
			'inventory-push.json',
			['Report Drift', 'Alert Low Stock', 'Report Exception'],
			{
				erpInventory: [
					{ sku: 'TSHIRT-RED-M', location: 'BER', onHand: 35, safetyStock: 5 },
					{ sku: 'TSHIRT-BLK-M', location: 'BER', onHand: 2, safetyStock: 5 },
					{ sku: 'TOTE-NAT', location: 'RTM', onHand: 80 },
					{ sku: 'SOCKS-TRAIL-42', location: 'HAM', onHand: 10 },
				],
			},
		);
	});
	afterEach(async () => await rig.close());

	const available = (sku: string, locationId: string) => {
		const variant = rig.shopify.store.variants.find((candidate) => candidate.sku === sku)!;
		return rig.shopify.store.inventoryLevel(variant.inventoryItemId, locationId)?.quantities
			.available;
	};
	const run = async () => await rig.engine.execute(rig.workflow, { startNode: 'Every Hour' });
	const texts = (node: string) => rig.sent(node).map((message) => String(message.text));

	it('sets Shopify to the ERP’s quantities, reports each drift in one message, alerts stock below safety stock and reports what it cannot set', async () => {
		const execution = await run();
		expect(execution.status).toBe('success');
		expect([
			available('TSHIRT-RED-M', BERLIN),
			available('TSHIRT-BLK-M', BERLIN),
			available('TOTE-NAT', ROTTERDAM),
		]).toEqual([35, 2, 80]);
		expect(texts('Report Drift')).toEqual([
			'2 Shopify quantities corrected to the ERP: TSHIRT-RED-M @ 1 40 → 35 (-5), TSHIRT-BLK-M @ 1 3 → 2 (-1)',
		]);
		expect(texts('Alert Low Stock')).toEqual([
			'Below safety stock: TSHIRT-BLK-M @ BER 2 (safety stock 5)',
		]);
		expect(texts('Report Exception')).toEqual([
			expect.stringMatching(/^Inventory push exception: SOCKS-TRAIL-42 @ HAM — /),
		]);

		// In step now: a second run corrects nothing.
		rig.messages.length = 0;
		await run();
		expect(texts('Report Drift')).toEqual([]);
		expect([available('TSHIRT-RED-M', BERLIN), available('TSHIRT-BLK-M', BERLIN)]).toEqual([35, 2]);
	});

	it('a drift report that cannot be sent (its URL still the placeholder) opens an exception holding what it was to say; the run still succeeds', async () => {
		const placeholder = await startTemplate(
			'inventory-push.json',
			['Alert Low Stock', 'Report Exception'],
			{ erpInventory: [{ sku: 'TSHIRT-RED-M', location: 'BER', onHand: 35, safetyStock: 5 }] },
		);
		try {
			const execution = await placeholder.engine.execute(placeholder.workflow, {
				startNode: 'Every Hour',
			});
			expect(execution.status).toBe('success');
			const ledger = await getLedger({
				backend: 'sqlite',
				file: defaultSqliteFile({ userFolder: placeholder.engine.userFolder }),
			});
			const opened = (await ledger.listExceptions({})).find(
				(exception) => exception.node === 'Report Drift',
			)!;
			expect(opened).toMatchObject({
				kind: 'failed',
				entity: `workflow:${placeholder.workflow.id}`,
				node: 'Report Drift',
				reason: expect.stringMatching(/^The alert could not be sent: /),
				action: expect.stringMatching(/Fix the URL or credential of "Report Drift"/),
			});
			expect(opened.item).toMatchObject({
				drifts: [expect.objectContaining({ sku: 'TSHIRT-RED-M', quantity: 35 })],
			});
			expect(execution.output('Alert Not Sent')).toEqual([
				expect.objectContaining({
					alert: expect.objectContaining({
						sent: false,
						node: 'Report Drift',
						exception: `E-${opened.id}`,
						opened: true,
					}),
				}),
			]);
		} finally {
			await placeholder.close();
		}
	});

	it('after a sale in Shopify the next push sets the ERP’s quantity again and reports the drift the sale caused', async () => {
		await run();
		rig.messages.length = 0;
		rig.shopify.store.createOrder({ lines: [{ sku: 'TOTE-NAT', quantity: 3 }] });
		await rig.settle();
		expect(available('TOTE-NAT', ROTTERDAM)).toBe(77);
		await run();
		expect(available('TOTE-NAT', ROTTERDAM)).toBe(80);
		expect(texts('Report Drift')).toEqual([
			'1 Shopify quantities corrected to the ERP: TOTE-NAT @ 2 77 → 80 (+3)',
		]);
	});
});
