import { BERLIN, ROTTERDAM } from '../../../sandbox/shopify/seed';
import { startShopifyFixture, type ShopifyNodeFixture } from './support';

describe('Shopify node, Inventory, Product Variant, Bulk Operation and GraphQL through the engine against the emulator', () => {
	let shop: ShopifyNodeFixture;

	beforeAll(async () => {
		shop = await startShopifyFixture({ bulkDurationMs: 50 });
	});
	afterAll(async () => await shop.close());

	const available = (sku: string, location: string) =>
		shop.emulator.store.inventoryLevel(
			shop.emulator.store.variantBySku(sku)!.inventoryItemId,
			location,
		)!.quantities.available;

	it('Get Levels by SKUs and location, reporting unknown SKUs instead of skipping them', async () => {
		const rows = await shop.output({
			resource: 'inventory',
			operation: 'getLevels',
			skus: 'TSHIRT-RED-M, NOPE-1',
			locationIds: '2',
		});
		expect(rows).toEqual([
			expect.objectContaining({
				sku: 'TSHIRT-RED-M',
				found: true,
				locationId: ROTTERDAM,
				quantities: expect.objectContaining({ available: 12 }),
			}),
			expect.objectContaining({ sku: 'NOPE-1', found: false }),
		]);
	});

	it('Set Quantities compares and sets, reports the drift, and refuses when stock moved since it was read', async () => {
		const [set] = await shop.output({
			resource: 'inventory',
			operation: 'setQuantities',
			sku: 'TSHIRT-BLK-M',
			locationId: BERLIN,
			quantity: 10,
			quantityName: 'available',
		});
		expect(set).toMatchObject({ previousQuantity: 3, quantity: 10, drift: 7 });
		expect(available('TSHIRT-BLK-M', BERLIN)).toBe(10);

		const stale = await shop.run({
			resource: 'inventory',
			operation: 'setQuantities',
			sku: 'TSHIRT-BLK-M',
			locationId: BERLIN,
			quantity: 12,
			quantityName: 'available',
			options: { expectedQuantity: 3 },
		});
		const error = stale.nodeError('Shopify') as Error & { description?: string };
		expect(error.description).toMatch(/CHANGE_FROM_QUANTITY_STALE/);
		expect(available('TSHIRT-BLK-M', BERLIN)).toBe(10);
	});

	it('Adjust applies a delta once per idempotency key and refuses without a key', async () => {
		const before = available('SOCKS-TRAIL-42', BERLIN);
		const parameters = {
			resource: 'inventory',
			operation: 'adjust',
			sku: 'SOCKS-TRAIL-42',
			locationId: BERLIN,
			delta: 5,
			quantityName: 'available',
			idempotencyKey: 'movement-77',
		};
		await shop.output(parameters);
		await shop.output(parameters);
		expect(available('SOCKS-TRAIL-42', BERLIN)).toBe(before + 5);
		const unkeyed = await shop.run({ ...parameters, idempotencyKey: '' });
		expect(unkeyed.nodeError('Shopify')?.message).toMatch(/needs an idempotency key/);
	});

	it('Product Variant Get Many pages the SKU master; the bulk path returns the same rows', async () => {
		const paged = await shop.output({
			resource: 'productVariant',
			operation: 'getMany',
			simplify: true,
		});
		const bulk = await shop.output({
			resource: 'productVariant',
			operation: 'getMany',
			useBulk: true,
			simplify: true,
		});
		const skus = (rows: Array<Record<string, unknown>>) => rows.map((row) => row.sku).sort();
		expect(skus(paged)).toEqual(
			skus(shop.emulator.store.variants as unknown as Array<Record<string, unknown>>),
		);
		expect(skus(bulk)).toEqual(skus(paged));
		expect(paged[0]).toEqual(
			expect.objectContaining({
				id: expect.stringMatching(/^\d+$/),
				gid: expect.stringMatching(/ProductVariant/),
				inventoryItem: expect.objectContaining({ tracked: expect.any(Boolean) }),
			}),
		);
	});

	it('Bulk Operation runs a query and nests child rows under their parent', async () => {
		const products = await shop.output({
			resource: 'bulkOperation',
			operation: 'run',
			bulkQuery:
				'{ products { edges { node { id title variants { edges { node { id sku } } } } } } }',
			nestChildren: true,
		});
		expect(products.length).toBe(shop.emulator.store.products.length);
		const tshirt = products.find(
			(product) =>
				String(product.title).includes('T-Shirt') ||
				(product.children as { ProductVariant?: unknown[] } | undefined)?.ProductVariant?.length ===
					3,
		);
		expect(
			(tshirt!.children as { ProductVariant: Array<{ sku: string }> }).ProductVariant.map(
				(variant) => variant.sku,
			),
		).toEqual(expect.arrayContaining(['TSHIRT-RED-M']));
	});

	it('GraphQL sends a query of your own; an invalid one fails with Shopify’s message', async () => {
		const [data] = await shop.output({
			resource: 'graphql',
			operation: 'execute',
			graphqlQuery: 'query Name { shop { name currencyCode } }',
			variables: '{}',
		});
		expect(data).toEqual({ shop: { name: shop.emulator.store.shop.name, currencyCode: 'EUR' } });
		const invalid = await shop.run({
			resource: 'graphql',
			operation: 'execute',
			graphqlQuery: 'query Bad { shop { bogus } }',
			variables: '{}',
		});
		expect(invalid.nodeError('Shopify')?.message).toBe(
			"Field 'bogus' doesn't exist on type 'Shop'",
		);
		const badJson = await shop.run({
			resource: 'graphql',
			operation: 'execute',
			graphqlQuery: 'query Name { shop { name } }',
			variables: '{nope',
		});
		expect((badJson.nodeError('Shopify') as Error & { description?: string }).description).toMatch(
			/JSON object/,
		);
	});
});
