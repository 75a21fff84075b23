import { getOperationAST, parse } from 'graphql';

import * as documents from '../../../core/shopify/documents';
import { INVENTORY_LEVELS_BULK_QUERY } from '../../../core/shopify/documents/inventory-bulk';
import { bulkOrdersQuery } from '../../../core/shopify/documents/orders-bulk';
import { productVariantsBulkQuery } from '../../../core/shopify/documents/variants';
import { MAX_QUERY_COST, requestedQueryCost } from '../../../sandbox/shopify/cost';
import { loadAdminSchema, validateDocument } from '../../../sandbox/shopify/schema';
import { toShopifyError } from '../../../sandbox/shopify/errors';

// The versions the credential offers that Shopify's published schema package covers.
const VERSIONS = ['2026-01', '2026-04', '2026-07', '2026-10'];

describe("every GraphQL document the pack sends is valid against Shopify's official Admin schema", () => {
	const entries = [
		...Object.entries(documents),
		// Bulk inner queries are documents too: Shopify validates them when the operation starts.
		['productVariantsBulkQuery()', productVariantsBulkQuery()],
		["productVariantsBulkQuery('sku:A*')", productVariantsBulkQuery('sku:A*')],
		['INVENTORY_LEVELS_BULK_QUERY', INVENTORY_LEVELS_BULK_QUERY],
		[
			'bulkOrdersQuery(a re-sync range)',
			bulkOrdersQuery(
				"updated_at:>='2026-11-01T00:00:00.000Z' updated_at:<'2026-12-01T00:00:00.000Z' status:any",
			),
		],
	];

	it('has documents to check', () => {
		expect(entries.length).toBeGreaterThan(0);
	});

	describe.each(VERSIONS)('API version %s', (version) => {
		it.each(entries)('%s', (_name, source) => {
			const { errors } = validateDocument(loadAdminSchema(version), source);
			expect(errors.map(toShopifyError)).toEqual([]);
		});
	});
});

describe('every document stays under Shopify’s 1,000-point single-query limit with the variables the pack sends', () => {
	const schema = loadAdminSchema('2026-10');
	// Paged documents are sized from the cost of their first page; here the largest first page
	// and nested sizes the code uses.
	const variables: Record<string, Record<string, unknown>> = {
		ORDER_QUERY: { lineItemsFirst: 50 },
		ORDERS_QUERY: { first: 5, lineItemsFirst: 10 },
		ORDER_LINE_ITEMS_QUERY: { first: 60 },
		ORDER_SHIPPING_LINES_QUERY: { first: 50 },
		FULFILLMENT_ORDERS_QUERY: { first: 50 },
		FULFILLMENT_ORDER_LINES_QUERY: { first: 100 },
		INVENTORY_LEVELS_QUERY: { first: 10 },
		LOCATIONS_QUERY: { first: 50 },
		PRODUCT_VARIANTS_QUERY: { first: 50 },
		WEBHOOK_SUBSCRIPTIONS_QUERY: { first: 100 },
	};

	it.each(Object.entries(documents))('%s', (name, source) => {
		const document = parse(source);
		const cost = requestedQueryCost(
			schema,
			document,
			getOperationAST(document)!,
			variables[name] ?? {},
		);
		expect(cost).toBeLessThanOrEqual(MAX_QUERY_COST);
	});
});
