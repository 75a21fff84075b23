/**
 * Attack: Shopify items whose lists are not lists. An order whose line_items an expression turned
 * into text, a refund whose refund_line_items is an object, a fulfillment order with a null line:
 * each ended the ERP or 3PL node with a bare TypeError ("….map is not a function") naming neither
 * the item nor the field, or — worse — was read as having no lines at all, so a cancellation of
 * unshipped units was silently skipped. Each is now an error naming the item index and the field,
 * saying what to fix; with "On Error: Continue" only that item goes to Failed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { Engine, type WorkflowJson } from '../../harness';
import type { ContractServer } from '../../sandbox/contract/server';
import { startErpServer } from '../../sandbox/erp/server';
import { restOrder } from '../../sandbox/shopify/rest';
import { seededStore } from '../../sandbox/shopify/seed';
import { startThreePlServer } from '../../sandbox/three-pl/server';
import { fixture, withParameters } from '../support/workflows';

const ADDRESS = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	address1: 'Unter den Linden 1',
	city: 'Berlin',
	zip: '10117',
	countryCodeV2: 'DE',
};
const erpFixture = (name: string) => fixture(path.join(__dirname, '..', 'nodes', 'Erp'), name);
const threePlFixture = (operation: string, resource = 'shipmentRequest') =>
	withParameters(fixture(path.join(__dirname, '..', 'nodes', 'ThreePl'), 'create'), '3PL', {
		resource,
		operation,
	});

type Run = Awaited<ReturnType<Engine['execute']>>;
const failure = (run: Run, node: string) =>
	run.nodeError(node) as (Error & { description?: string }) | undefined;
const continuing = (workflow: WorkflowJson, node: string) => {
	workflow.nodes.find((candidate) => candidate.name === node)!.onError = 'continueRegularOutput';
	return workflow;
};

describe('ERP and 3PL nodes refuse malformed Shopify lists with an error naming the item and the field', () => {
	let erp: ContractServer;
	let threePl: ContractServer;
	let engine: Engine;
	const shop = seededStore();
	const order = () =>
		restOrder(
			shop,
			shop.createOrder({ lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }], shippingAddress: ADDRESS }),
		) as IDataObject;

	beforeAll(async () => {
		erp = await startErpServer({
			seed: {
				skus: shop.variants.map((variant) => ({ sku: variant.sku, description: variant.title })),
				inventory: [],
			},
		});
		threePl = await startThreePlServer();
		engine = await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-shapes-')),
			credentials: {
				ERP: {
					type: 'orderflowErpApi',
					data: {
						baseUrl: erp.url,
						authentication: 'bearer',
						token: 'erp-sandbox-token',
						idempotencyHeader: 'Idempotency-Key',
					},
				},
				'3PL': {
					type: 'orderflowThreePlApi',
					data: {
						baseUrl: threePl.url,
						authentication: 'bearer',
						token: '3pl-sandbox-token',
						idempotencyHeader: 'Idempotency-Key',
					},
				},
			},
		});
	});
	afterAll(async () => {
		await erp.close();
		await threePl.close();
	});

	it('Upsert Sales Order: line_items as text is an error naming item 1 and line_items', async () => {
		const run = await engine.execute(erpFixture('upsert'), {
			items: [{ note: 'not an order' }, { ...order(), line_items: '1 × TSHIRT-RED-M' }],
		});
		expect(run.status).toBe('error');
		const error = failure(run, 'ERP')!;
		expect(error.message).toMatch(
			/^Item 1 cannot be read: line_items is a text \("1 × TSHIRT-RED-M"\), not a list/,
		);
		expect(error.description).toMatch(/line_items must be a list of objects/);
		expect(error.message).not.toMatch(/is not a function/);
	});

	it('Upsert Sales Order: a line that is null and a quantity that is not a number name their place in line_items', async () => {
		const nullLine = { ...order(), line_items: [null] };
		expect(
			failure(await engine.execute(erpFixture('upsert'), { items: [nullLine] }), 'ERP')?.message,
		).toMatch(/^Item 0 cannot be read: line_items\[0\] is null, not an object/);
		const good = order();
		const twoUnits = {
			...good,
			line_items: [{ ...(good.line_items as IDataObject[])[0], quantity: 'two' }],
		};
		expect(
			failure(await engine.execute(erpFixture('upsert'), { items: [twoUnits] }), 'ERP')?.message,
		).toMatch(
			/^Item 0 cannot be read: line_items\[0\]\.quantity is a text \("two"\), not a whole number/,
		);
	});

	it('Upsert Sales Order with "On Error: Continue": the good order is booked and reported Done, only the malformed one goes to Failed', async () => {
		const good = order();
		const run = await engine.execute(continuing(erpFixture('upsert'), 'ERP'), {
			items: [good, { ...order(), line_items: { count: 1 } }],
		});
		expect(run.status).toBe('success');
		expect(run.output('Done').map((item) => (item.erp as IDataObject).outcome)).toEqual(['done']);
		expect(run.output('Failed')).toEqual([
			expect.objectContaining({
				erp: expect.objectContaining({
					outcome: 'failed',
					error: expect.stringMatching(
						/^Item 1 cannot be read: line_items is an object, not a list/,
					),
				}),
			}),
		]);
	});

	it('Create Credit Memo: refund_line_items as an object is an error naming the item and the field', async () => {
		const refund = {
			id: 901,
			order_id: 5531,
			created_at: '2026-11-20T10:00:00Z',
			refund_line_items: { line_item_id: 1, quantity: 1 },
		};
		const run = await engine.execute(erpFixture('credit-memo'), { items: [refund] });
		expect(run.status).toBe('error');
		const error = failure(run, 'ERP')!;
		expect(error.message).toMatch(
			/^Item 0 cannot be read: refund_line_items is an object, not a list/,
		);
		expect(error.description).toMatch(/refund_line_items must be a list of objects/);
	});

	it('Create Shipment Request: a fulfillment order line that is null, or lineItems as text, names the field', async () => {
		const fulfillmentOrder = (lineItems: IDataObject | string): IDataObject => ({
			id: 'gid://shopify/FulfillmentOrder/77',
			orderId: 'gid://shopify/Order/5531',
			destination: {
				firstName: 'Ada',
				lastName: 'Lovelace',
				address1: 'Unter den Linden 1',
				city: 'Berlin',
				zip: '10117',
				countryCode: 'DE',
			},
			lineItems,
		});
		const nullLine = await engine.execute(threePlFixture('create'), {
			items: [fulfillmentOrder({ nodes: [null] })],
		});
		expect(failure(nullLine, '3PL')?.message).toMatch(
			/^Item 0 cannot be read: lineItems\.nodes\[0\] is null, not an object/,
		);
		const text = await engine.execute(threePlFixture('create'), {
			items: [fulfillmentOrder('TOTE-NAT × 2')],
		});
		expect(text.status).toBe('error');
		expect(failure(text, '3PL')?.message).toMatch(
			/^Item 0 cannot be read: lineItems is a text \("TOTE-NAT × 2"\), not a list/,
		);
		const availability = await engine.execute(threePlFixture('checkAvailability', 'stock'), {
			items: [
				fulfillmentOrder({
					nodes: [
						{
							id: 'gid://shopify/FulfillmentOrderLineItem/1',
							sku: 'TOTE-NAT',
							remainingQuantity: 'lots',
						},
					],
				}),
			],
		});
		expect(failure(availability, '3PL')?.message).toMatch(
			/^Item 0 cannot be read: lineItems\.nodes\[0\]\.remainingQuantity is a text \("lots"\), not a whole number/,
		);
	});

	it('Cancel Unshipped Units: refund_line_items as text, or a quantity that is not a number, is an error — never "cancelled no unshipped units"', async () => {
		const text = await engine.execute(threePlFixture('cancelUnshipped'), {
			items: [{ id: 901, order_id: 5531, refund_line_items: 'TOTE-NAT' }],
		});
		expect(text.status).toBe('error');
		expect(failure(text, '3PL')?.message).toMatch(
			/^Item 0 cannot be read: refund_line_items is a text \("TOTE-NAT"\), not a list/,
		);
		const refund = {
			id: 902,
			order_id: 5531,
			refund_line_items: [
				{ quantity: 'one', restock_type: 'cancel', line_item: { sku: 'TOTE-NAT' } },
			],
		};
		const quantity = await engine.execute(threePlFixture('cancelUnshipped'), { items: [refund] });
		expect(quantity.status).toBe('error');
		expect(failure(quantity, '3PL')?.message).toMatch(
			/^Item 0 cannot be read: refund_line_items\[0\]\.quantity is a text \("one"\), not a whole number/,
		);
	});
});
