import { adminApiOrigin, graphqlEndpoint, ShopDomainError } from '../../../core/shopify/connection';

describe('adminApiOrigin: where a shop domain points', () => {
	it.each([
		['my-store.myshopify.com', 'https://my-store.myshopify.com'],
		['  my-store.myshopify.com/ ', 'https://my-store.myshopify.com'],
		['my-store', 'https://my-store.myshopify.com'],
		['https://my-store.myshopify.com/admin', 'https://my-store.myshopify.com'],
		['http://127.0.0.1:7781', 'http://127.0.0.1:7781'],
		['localhost:7781', 'https://localhost:7781'],
		['http://localhost:7781/', 'http://localhost:7781'],
	])('%j → %s', (input, origin) => {
		expect(adminApiOrigin(input)).toBe(origin);
	});

	it.each(['', '   ', 'ftp://my-store.myshopify.com', 'https://'])(
		'rejects %j with a message that names the fix',
		(input) => {
			expect(() => adminApiOrigin(input)).toThrow(ShopDomainError);
			expect(() => adminApiOrigin(input)).toThrow(/myshopify domain/);
		},
	);

	it('builds the versioned GraphQL endpoint', () => {
		expect(graphqlEndpoint('my-store', '2026-10')).toBe(
			'https://my-store.myshopify.com/admin/api/2026-10/graphql.json',
		);
	});
});
