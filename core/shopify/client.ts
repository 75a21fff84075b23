import { createAdminApiClient } from '@shopify/admin-api-client';

import { adminApiOrigin, DEFAULT_API_VERSION } from './connection';

export interface ShopifyConnection {
	shopDomain: string;
	accessToken: string;
	apiVersion?: string;
}

export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

export interface ShopifyGraphqlErrorDetail {
	message: string;
	extensions?: Record<string, unknown>;
	path?: ReadonlyArray<string | number>;
}

/** A request Shopify answered with a non-2xx status or with top-level GraphQL errors. */
export class ShopifyRequestError extends Error {
	constructor(
		message: string,
		readonly httpStatus: number | undefined,
		readonly graphqlErrors: ShopifyGraphqlErrorDetail[] = [],
	) {
		super(message);
		this.name = 'ShopifyRequestError';
	}
}

const CLIENT_HOST = 'orderflow.invalid';

/**
 * A GraphQL Admin API client for one shop.
 * `@shopify/admin-api-client` always speaks https to the store domain; we hand it a fixed
 * placeholder host and route every request to the real origin in `customFetchApi`, which
 * is also how the plain-http sandbox is reached.
 */
export class ShopifyAdminClient {
	private readonly client: ReturnType<typeof createAdminApiClient>;

	constructor(connection: ShopifyConnection, fetchFn: FetchFn = fetch) {
		const origin = adminApiOrigin(connection.shopDomain);
		if (!connection.accessToken) {
			throw new ShopifyRequestError('The Shopify credential has no access token', undefined);
		}
		this.client = createAdminApiClient({
			storeDomain: CLIENT_HOST,
			apiVersion: connection.apiVersion || DEFAULT_API_VERSION,
			accessToken: connection.accessToken,
			userAgentPrefix: 'n8n-nodes-orderflow',
			customFetchApi: async (url, init) =>
				await fetchFn(String(url).replace(`https://${CLIENT_HOST}`, origin), init as RequestInit),
		});
	}

	async request<T>(document: string, variables?: Record<string, unknown>): Promise<T> {
		const response = await this.client.request<T>(document, { variables });
		const errors = response.errors;
		if (errors) {
			const details = (errors.graphQLErrors ?? []).map((error) => ({
				message: error.message,
				extensions: error.extensions as Record<string, unknown> | undefined,
				path: error.path,
			}));
			const message = details.length ? details.map((d) => d.message).join('; ') : errors.message;
			throw new ShopifyRequestError(message ?? 'Shopify request failed', errors.networkStatusCode, details);
		}
		if (response.data === undefined) {
			throw new ShopifyRequestError('Shopify answered without data', undefined);
		}
		return response.data as T;
	}
}
