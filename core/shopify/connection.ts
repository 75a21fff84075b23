/**
 * Where a shop's Admin API lives and which API versions we offer.
 * Plain TypeScript: shared by the credential, the node glue and the sandbox.
 */

export const DEFAULT_API_VERSION = '2026-10';

/** Supported stable versions plus the release candidate and `unstable` (as of 2026-11). */
export const API_VERSIONS = [
	'2026-01',
	'2026-04',
	'2026-07',
	'2026-10',
	'2027-01',
	'unstable',
] as const;

export type ApiVersion = (typeof API_VERSIONS)[number];

export class ShopDomainError extends Error {
	constructor(readonly input: string) {
		super(
			`"${input}" is not a shop domain. Use the shop's myshopify domain (my-store.myshopify.com), ` +
				'or a full http(s) URL for a sandbox (http://127.0.0.1:7781).',
		);
		this.name = 'ShopDomainError';
	}
}

/**
 * The origin the Admin API is reached at.
 * `my-store` → https://my-store.myshopify.com; `my-store.myshopify.com` → https://…;
 * a full URL is kept as given (the sandbox speaks plain http on loopback).
 */
export function adminApiOrigin(shopDomain: string): string {
	const input = shopDomain.trim();
	if (input === '') throw new ShopDomainError(shopDomain);
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		throw new ShopDomainError(shopDomain);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ShopDomainError(shopDomain);
	if (!url.hostname.includes('.') && url.hostname !== 'localhost' && !url.port) {
		url.hostname = `${url.hostname}.myshopify.com`;
	}
	return url.origin;
}

export function graphqlEndpoint(shopDomain: string, apiVersion: string): string {
	return `${adminApiOrigin(shopDomain)}/admin/api/${apiVersion}/graphql.json`;
}
