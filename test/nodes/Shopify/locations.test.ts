/**
 * Location fields pick from the shop: the editor's list search runs as n8n's server runs it (a
 * LoadOptionsContext over the node loaded from the package), and every form a location value
 * takes — picked from the list, typed ID, admin URL, a plain string saved before the picker —
 * runs through the engine.
 */
import type {
	ILoadOptionsFunctions,
	INode,
	INodeListSearchResult,
	INodePropertyOptions,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from '../../../harness/credentials';
import { BERLIN, ROTTERDAM } from '../../../sandbox/shopify/seed';
import { startShopifyFixture, type ShopifyNodeFixture } from './support';

type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;
type LoadOptions = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

describe('Shopify node, location fields fed by the shop (emulator)', () => {
	let shop: ShopifyNodeFixture;

	beforeAll(async () => {
		shop = await startShopifyFixture();
	});
	afterAll(async () => await shop.close());

	/** The context n8n's server builds for a look-up of the node as the editor holds it. */
	async function lookUpContext(parameters: INode['parameters']): Promise<ILoadOptionsFunctions> {
		const { LoadOptionsContext } = await import('n8n-core');
		const { Workflow } = await import('n8n-workflow');
		const node: INode = {
			id: 'location-lookup',
			name: 'Shopify',
			type: 'n8n-nodes-orderflow.shopify',
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { shopifyAdminApi: { id: '1', name: 'Shop' } },
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: shop.engine.nodeTypes,
		});
		const additionalData = {
			credentialsHelper: new HarnessCredentialsHelper(
				shop.engine.nodeTypes,
				shop.engine.credentials,
			),
			currentNodeParameters: parameters,
		} as unknown as IWorkflowExecuteAdditionalData;
		return new LoadOptionsContext(workflow, node, additionalData, 'parameters.locationId');
	}

	const methods = () =>
		shop.engine.nodeTypes.getByNameAndVersion('n8n-nodes-orderflow.shopify', 1).methods!;
	const inventorySet = { resource: 'inventory', operation: 'setQuantities' };

	it('lists the shop’s locations by name, with their admin page, and searches any part of the name', async () => {
		const context = await lookUpContext(inventorySet);
		const search = methods().listSearch!.searchLocations as ListSearch;
		const all = await search.call(context);
		expect(all.results).toEqual([
			expect.objectContaining({ name: 'Berlin Warehouse', value: BERLIN }),
			expect.objectContaining({ name: 'Rotterdam 3PL', value: ROTTERDAM }),
		]);
		expect(all.results[0].url).toMatch(/\/admin\/settings\/locations\/1$/);
		expect(all.paginationToken).toBeUndefined();

		const found = await search.call(context, 'rOTTER');
		expect(found.results.map((result) => result.name)).toEqual(['Rotterdam 3PL']);
		expect((await search.call(context, '1')).results.map((result) => result.value)).toEqual([
			BERLIN,
		]);
	});

	it('offers every location for the fields that take several', async () => {
		const context = await lookUpContext({ resource: 'inventory', operation: 'getLevels' });
		const options = await (methods().loadOptions!.getLocations as LoadOptions).call(context);
		expect(options).toEqual([
			{ name: 'Berlin Warehouse', value: BERLIN },
			{ name: 'Rotterdam 3PL', value: ROTTERDAM },
		]);
	});

	const available = (sku: string, location: string) =>
		shop.emulator.store.inventoryLevel(
			shop.emulator.store.variantBySku(sku)!.inventoryItemId,
			location,
		)!.quantities.available;

	let nextQuantity = 20;
	it.each([
		['picked from the list', { __rl: true, mode: 'list', value: ROTTERDAM }],
		['typed as a number', { __rl: true, mode: 'id', value: '2' }],
		['typed as a gid', { __rl: true, mode: 'id', value: ROTTERDAM }],
		[
			'pasted as its admin URL',
			{ __rl: true, mode: 'url', value: 'https://admin.shopify.com/store/x/settings/locations/2' },
		],
		['saved as a plain string before the picker', '2'],
		['given by an expression', '={{ "gid://shopify/Location/" + 2 }}'],
	])('sets a quantity at a location %s', async (_form, locationId) => {
		const quantity = nextQuantity++;
		const [set] = await shop.output({
			...inventorySet,
			sku: 'TOTE-NAT',
			locationId,
			quantity,
			quantityName: 'available',
		});
		expect(set).toMatchObject({ locationId: ROTTERDAM, quantity });
		expect(available('TOTE-NAT', ROTTERDAM)).toBe(quantity);
	});

	it('refuses a location that comes out empty, saying what to choose (n8n itself refuses an empty field)', async () => {
		await expect(
			shop.run({
				...inventorySet,
				sku: 'TOTE-NAT',
				locationId: { __rl: true, mode: 'list', value: '' },
				quantity: 1,
			}),
		).rejects.toThrow(/Parameter "Location" is required/);
		const execution = await shop.run({
			...inventorySet,
			sku: 'TOTE-NAT',
			locationId: { __rl: true, mode: 'id', value: '={{ $json.missing ?? "" }}' },
			quantity: 1,
		});
		const error = execution.nodeError('Shopify') as Error & { description?: string };
		expect(error.message).toBe('No location given');
		expect(error.description).toMatch(/Choose the Shopify location/);
	});

	it('moves a fulfillment order to a location picked from the list', async () => {
		const order = shop.emulator.store.createOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
		});
		const fulfillmentOrder = shop.emulator.store.fulfillmentOrders.find(
			(candidate) => candidate.orderId === order.id,
		)!;
		expect(fulfillmentOrder.assignedLocationId).toBe(BERLIN);
		const [moved] = await shop.output({
			resource: 'fulfillmentOrder',
			operation: 'move',
			fulfillmentOrderId: fulfillmentOrder.id,
			newLocationId: {
				__rl: true,
				mode: 'list',
				value: ROTTERDAM,
				cachedResultName: 'Rotterdam 3PL',
			},
		});
		expect((moved.assignedLocation as { location: { id: string } }).location.id).toBe(ROTTERDAM);
	});

	it('reads levels at the locations picked (a list), or named in a comma-separated string', async () => {
		for (const locationIds of [[ROTTERDAM], '2', ` ${ROTTERDAM} `]) {
			const rows = await shop.output({
				resource: 'inventory',
				operation: 'getLevels',
				skus: 'TSHIRT-RED-M',
				locationIds,
			});
			expect(rows.map((row) => row.locationId)).toEqual([ROTTERDAM]);
		}
	});
});
