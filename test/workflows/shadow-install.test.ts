/**
 * A shadow install of the order sync, run by n8n's engine against the sandbox: orders are mapped
 * and recorded as they would be booked, the ERP gets nothing and Shopify is not tagged; the same
 * template installed without --shadow books and tags. The operation lists the installer keeps
 * (it runs outside n8n) agree with the nodes'.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CONTRACT_WRITES, SHOPIFY_READS, shadowChange } from '../../cli/install/shadow';
import {
	credentialIdsOf,
	loadTemplate,
	prepareTemplate,
	availableTemplates,
} from '../../cli/install/templates';
import { defaultSqliteFile, getLedger } from '../../core/ledger';
import {
	orderRefOf,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	type TemplateRig,
} from '../../harness';
import { WRITES as ERP_WRITES } from '../../nodes/Erp/actions/router';
import { Shopify } from '../../nodes/Shopify/Shopify.node';
import { WRITES as THREE_PL_WRITES } from '../../nodes/ThreePl/actions/router';

/** The order sync as the installer would install it (credential links kept as they are). */
function installedOrderSync(shadow: boolean): string {
	const template = loadTemplate('order-sync');
	const credentials = new Map(
		template.nodes
			.flatMap((node) => Object.values(node.credentials ?? {}))
			.map((link) => [link.id, link]),
	);
	expect(credentialIdsOf(template).every((id) => credentials.has(id))).toBe(true);
	const file = path.join(
		mkdtempSync(path.join(tmpdir(), 'orderflow-shadow-install-')),
		'order-sync.json',
	);
	writeFileSync(
		file,
		JSON.stringify({ ...template, ...prepareTemplate(template, { credentials, shadow }) }),
	);
	return file;
}

describe('A shadow install (--shadow) of the order sync, run by the engine', () => {
	let rig: TemplateRig;
	afterEach(async () => await rig.close());

	it('records what it would book, books nothing in the ERP and leaves Shopify untagged; installed live, the same template books and tags', async () => {
		rig = await startTemplate(installedOrderSync(true), [
			'Report Exception',
			'Address Change Approval',
			'Report Address Decision',
		]);
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 2 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		expect(await rig.salesOrders()).toEqual([]);
		expect(rig.shopify.store.order(order.id)!.tags).not.toContain('erp-synced');
		const ledger = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: rig.engine.userFolder }),
		});
		const shadowed = await ledger.shadowWrites({ scopes: ['erp'] });
		expect(shadowed).toEqual([
			expect.objectContaining({
				method: 'POST',
				entity: orderRefOf(order),
				url: expect.stringMatching(/\/sales-orders$/),
			}),
		]);
		expect(JSON.parse(shadowed[0].body!)).toMatchObject({
			externalRef: orderRefOf(order),
			orderNumber: rig.shopify.store.order(order.id)!.name,
		});
		expect(rig.messages).toEqual([]);
		// The run ended as it does live: the order's claim confirmed (the switched-off tag returned no version).
		const key = order.id.split('/').pop()!;
		expect((await ledger.inspect('shared:shopify-orders', [key])).get(key)).toMatchObject({
			state: 'confirmed',
			ownWriteRank: null,
		});
		await rig.close();

		rig = await startTemplate(installedOrderSync(false), [
			'Report Exception',
			'Address Change Approval',
			'Report Address Decision',
		]);
		const live = rig.shopify.store.createOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 2 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		expect(await rig.salesOrders()).toEqual([
			expect.objectContaining({ externalRef: orderRefOf(live) }),
		]);
		expect(rig.shopify.store.order(live.id)!.tags).toContain('erp-synced');
	});
});

describe('What a shadow install changes', () => {
	it('knows the contract nodes’ writes and every Shopify operation as a read or a write', () => {
		expect(CONTRACT_WRITES['n8n-nodes-orderflow.erp'].sort()).toEqual([...ERP_WRITES].sort());
		expect(CONTRACT_WRITES['n8n-nodes-orderflow.threePl'].sort()).toEqual(
			[...THREE_PL_WRITES].sort(),
		);
		const shopifyOperations = new Shopify().description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				(property.displayOptions!.show!.resource as string[]).flatMap((resource) =>
					property.options!.map((option) => `${resource}:${(option as { value: string }).value}`),
				),
			);
		expect(SHOPIFY_READS.filter((operation) => !shopifyOperations.includes(operation))).toEqual([]);
		const writes = shopifyOperations.filter((operation) => !SHOPIFY_READS.includes(operation));
		expect(writes).toEqual(
			expect.arrayContaining([
				'order:addTags',
				'refund:create',
				'inventory:setQuantities',
				'fulfillmentOrder:createFulfillment',
				'graphql:execute',
			]),
		);
	});

	it('withholds every template write and switches off every Shopify write, touching nothing else', () => {
		const changes = availableTemplates()
			.flatMap((id) =>
				loadTemplate(id).nodes.map((node) => [id, node.name, shadowChange(node)] as const),
			)
			.filter(([, , change]) => change);
		expect(changes).toEqual(
			expect.arrayContaining([
				['order-sync', 'ERP Upsert Sales Order', 'withheld'],
				['order-sync', 'ERP Cancel Sales Order', 'withheld'],
				['order-sync', 'Tag Order Synced', 'switched off'],
				['refund-request', 'Refund in Shopify', 'switched off'],
				['inventory-push', 'Set Shopify Quantity', 'switched off'],
				['split-fulfillment', 'Create Fulfillment', 'switched off'],
				['split-fulfillment', 'WMS Shipment Request', 'withheld'],
			]),
		);
		expect(
			changes.filter(([, name]) =>
				/Get|Find|Calculate|Stock|Levels|Orders$|SKUs|Inventory$|Re-sync/.test(name),
			),
		).toEqual([]);
	});
});
