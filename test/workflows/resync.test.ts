/**
 * The order sync template's re-sync (backfill) entry, run by hand through n8n's engine: orders that
 * never reached the flow (it was switched off) and ones already booked go through the same path;
 * its Re-sync Summary (read from the ledger) agrees with what reached Synced, Already Processed and
 * Report Exception; a second run books nothing twice.
 */
import {
	orderRefOf,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	type TemplateRig,
} from '../../harness';
import { withParameters } from '../support/workflows';

describe('order sync: Re-sync (Backfill)', () => {
	let rig: TemplateRig;
	beforeEach(async () => {
		rig = await startTemplate('order-sync.json', ['Report Exception']);
		// One second for the whole test: the erp-synced tag a run adds must not make a newer version of the order by the clock.
		const frozen = new Date();
		rig.shopify.store.now = () => frozen;
	});
	afterEach(async () => await rig.close());

	const place = async (sku: string) => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku, quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		return order;
	};

	it('books what the flow missed, skips what it has, reports what it cannot book, and books nothing twice when run again', async () => {
		const booked = [await place('TSHIRT-RED-M'), await place('SOCKS-TRAIL-42')];
		await rig.engine.deactivate(rig.workflow);
		const missed = [await place('SOCKS-TRAIL-42'), await place('TSHIRT-RED-M')];
		const unbookable = await place('TOTE-NAT');
		expect(await rig.salesOrders()).toHaveLength(2);

		const resync = withParameters(rig.workflow, 'Re-sync Orders', {
			resyncBy: 'orders',
			orders: [...booked, ...missed, unbookable].map((order) => order.name).join(', '),
		});
		const counts = async () => {
			const run = await rig.engine.execute(resync, { startNode: 'Re-sync (Backfill)' });
			await rig.settle();
			const [summary] = run.output('Re-sync Summary');
			const counted = {
				processed: run.output('Re-sync Orders').length,
				booked: run.output('Synced').length,
				alreadyThere: run.output('Already Processed').length,
				failed: run.output('Report Exception').length,
			};
			// The summary node runs after the re-sync branch and reads the same outcomes from the ledger.
			expect(summary).toMatchObject({ ...counted, inDoubt: 0 });
			return {
				...counted,
				summary: summary.summary,
				failedOrders: (summary.orders as { failed: string[] }).failed,
			};
		};
		expect(await counts()).toEqual({
			processed: 5,
			booked: 2,
			alreadyThere: 2,
			failed: 1,
			summary: '5 orders: 2 booked, 2 already there, 1 failed',
			failedOrders: [orderRefOf(unbookable)],
		});
		expect((await rig.salesOrders()).map((salesOrder) => salesOrder.externalRef).sort()).toEqual(
			[...booked, ...missed].map(orderRefOf).sort(),
		);
		// Run again: everything booked is already there; the order the ERP cannot book fails again, once.
		expect(await counts()).toEqual({
			processed: 5,
			booked: 0,
			alreadyThere: 4,
			failed: 1,
			summary: '5 orders: 4 already there, 1 failed',
			failedOrders: [orderRefOf(unbookable)],
		});
		expect(await rig.salesOrders()).toHaveLength(4);
		expect(
			missed.every((order) => rig.shopify.store.order(order.id)!.tags.includes('erp-synced')),
		).toBe(true);
	});
});
