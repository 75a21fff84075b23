/**
 * Trails through the order sync template and Orderflow Ops, run by n8n's engine: found by what
 * support has in hand, read as sentences that answer what came in, what was decided, what the
 * ERP said and what was done next.
 */
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import {
	orderRefOf,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	type TemplateRig,
} from '../../harness';
import type { OrderRecord } from '../../sandbox/shopify/store';
import { fixture, withParameters } from '../support/workflows';

const OPS = fixture(path.join(__dirname, '..', 'nodes', 'OrderflowOps'), 'ops');

describe('order sync: trails support can read', () => {
	let rig: TemplateRig;
	beforeEach(async () => {
		rig = await startTemplate('order-sync.json', [
			'Report Exception',
			'Address Change Approval',
			'Report Address Decision',
		]);
	});
	afterEach(async () => await rig.close());

	const trail = async (handle: string, output = 'events'): Promise<IDataObject[]> =>
		(
			await rig.engine.execute(
				withParameters(OPS, 'Orderflow Ops', {
					resource: 'trail',
					operation: 'get',
					handle,
					output,
				}),
			)
		).output('Orderflow Ops');
	const booked = async (): Promise<OrderRecord> => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 2 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		return order;
	};
	const numericId = (order: OrderRecord) => order.id.split('/').pop()!;

	it('by order name: the four parts, in order, each a sentence with workflow, node and execution', async () => {
		const order = await booked();
		const events = await trail(order.name);
		expect(new Set(events.map((event) => event.entity))).toEqual(new Set([orderRefOf(order)]));
		expect(events.map((event) => event.part)).toEqual(
			expect.arrayContaining(['event in', 'mapped to', 'downstream said', 'what we did next']),
		);
		expect(events.map((event) => event.summary)).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					/^Shopify sent orders\/create \(event .+\) by webhook; recorded before answering Shopify\.$/,
				),
				'Let through once and held until it is booked (claim held).',
				expect.stringMatching(
					new RegExp(
						`^Mapped to a sales order for ${order.name}: 1 line\\(s\\), EUR \\d+\\.\\d{2}, entity DE01\\.$`,
					),
				),
				`The ERP accepted ${orderRefOf(order)}:create (HTTP 201).`,
				'Marked done: later deliveries of it are skipped.',
			]),
		);
		for (const event of events) {
			expect(event.summary).toMatch(/\w.*\.$/);
			expect(event.workflowId).toBe(rig.workflow.id);
			expect(event.node).toBeTruthy();
		}
		expect(
			events
				// What the trigger records is written before any execution exists.
				.filter((event) => !['inbox.accepted', 'webhook.processed'].includes(String(event.event)))
				.every((event) => event.executionId),
		).toBe(true);
	});

	it('by numeric order id, by gid and by entity: the same trail', async () => {
		const order = await booked();
		const byName = (await trail(order.name)).map((event) => event.summary);
		expect((await trail(numericId(order))).map((event) => event.summary)).toEqual(byName);
		expect((await trail(order.id)).map((event) => event.summary)).toEqual(byName);
		expect((await trail(orderRefOf(order))).map((event) => event.summary)).toEqual(byName);
	});

	it('by the ERP’s reference for the sales order', async () => {
		const order = await booked();
		const [salesOrder] = await rig.salesOrders();
		const events = await trail(String(salesOrder.id));
		expect(events.length).toBeGreaterThan(0);
		expect(new Set(events.map((event) => event.entity))).toEqual(new Set([orderRefOf(order)]));
	});

	it('by a SKU on its lines: the orders carrying it, newest first (an unknown SKU support was told about finds the stuck order)', async () => {
		const first = await booked();
		const stuck = rig.shopify.store.createOrder({
			lines: [
				{ sku: 'TOTE-NAT', quantity: 1 },
				{ sku: 'TSHIRT-RED-M', quantity: 1 },
			],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		expect([...new Set((await trail('TOTE-NAT')).map((event) => event.entity))]).toEqual([
			orderRefOf(stuck),
		]);
		expect([...new Set((await trail('tshirt-red-m')).map((event) => event.entity))]).toEqual([
			orderRefOf(stuck),
			orderRefOf(first),
		]);
	});

	it('a name typed with other spacing or case still finds it', async () => {
		const order = await booked();
		expect((await trail(`  ${order.name} `)).length).toBeGreaterThan(0);
	});

	it('duplicate deliveries show as skipped, saying why', async () => {
		rig.shopify.webhooks.faults = { duplicates: 2 };
		// Held still, the tag's update carries the booked version (a second boundary between the
		// order and its tag would make it newer, and nothing a duplicate at the gate).
		const placedAt = new Date();
		rig.shopify.store.now = () => placedAt;
		const order = await booked();
		// The trigger knows the booked version: the tag's update is answered without a run.
		const answered = (await trail(order.name)).filter(
			(event) => event.event === 'webhook.processed',
		);
		expect(answered.length).toBeGreaterThanOrEqual(1);
		expect(answered[0].summary).toMatch(
			/^Shopify sent orders\/updated \(event .+\); answered without running the workflow: this version \(\d+\) was already processed\.$/,
		);
		// With the trigger's check off, the gate skips it and says why.
		const trigger = rig.workflow.nodes.find((node) => node.name === 'Shopify Orders')!;
		trigger.parameters = { ...trigger.parameters, skipProcessedVersions: false };
		const second = await booked();
		const skipped = (await trail(second.name)).filter(
			(event) => event.event === 'dedupe.duplicate',
		);
		expect(skipped.length).toBeGreaterThanOrEqual(1);
		expect(skipped[0].summary).toMatch(
			/^Skipped as a duplicate: (its version \(\d+\) is not newer than one already processed|another execution is processing it right now)\.$/,
		);
	});

	it('an order the ERP cannot book: the refusal and its exception are on the trail, then its resolution', async () => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		await rig.erpCall('POST', '/_control/skus', { sku: 'TOTE-NAT', description: 'Tote bag' });
		await rig.engine.poll(rig.workflow, 'Poll Fallback');
		await rig.settle();
		const summaries = (await trail(order.name)).map((event) => String(event.summary));
		const opened = summaries.findIndex((summary) =>
			/^Reported as exception E-\d+ \(failed\): The order cannot be booked: unknown SKU TOTE-NAT/.test(
				summary,
			),
		);
		const resolved = summaries.findIndex((summary) =>
			/^Exception E-\d+ resolved by itself: execution \d+ at ERP Upsert Sales Order succeeded for it\.$/.test(
				summary,
			),
		);
		expect(opened).toBeGreaterThanOrEqual(0);
		expect(resolved).toBeGreaterThan(opened);
		expect(summaries).toContain('Given back: the next delivery or the poll tries again.');
		// What it could not be mapped to, in the ERP's own terms, before the exception.
		expect(
			summaries.findIndex((summary) => /^Not sent to the ERP: unknown SKU TOTE-NAT/.test(summary)),
		).toBeLessThan(opened);
	});

	it('as HTML: one section per entity, every line a sentence, markup in data escaped', async () => {
		const order = await booked();
		const [page] = await trail(order.name, 'html');
		expect(page.entities).toEqual([orderRefOf(order)]);
		const html = String(page.html);
		expect(html).toContain(`<h2>${orderRefOf(order)}</h2>`);
		expect(html).toContain('Marked done: later deliveries of it are skipped.');
		expect(html).toMatch(/<li data-part="event in"><time>/);
		const [missing] = await trail('<img src=x onerror=alert(1)>', 'html');
		expect(missing.html).toBe(
			'<section class="orderflow-trail"><p>Nothing on record for <b>&lt;img src=x onerror=alert(1)&gt;</b>.</p></section>',
		);
	});

	it('a handle nothing is known by returns no events', async () => {
		await booked();
		expect(await trail('#99999')).toEqual([]);
		expect(await trail('999999999')).toEqual([]);
	});
});
