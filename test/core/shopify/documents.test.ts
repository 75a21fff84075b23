import * as documents from '../../../core/shopify/documents';
import { productVariantsBulkQuery } from '../../../core/shopify/documents/variants';
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
