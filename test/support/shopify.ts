import type { ShopifyEmulator } from '../../sandbox/shopify/server';

export interface AdminReply<T> {
	status: number;
	data?: T;
	errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
	cost?: {
		requestedQueryCost: number;
		actualQueryCost: number | null;
		throttleStatus: { currentlyAvailable: number };
	};
}

/** Posts a GraphQL document to the emulator as a Shopify app would. */
export async function adminGraphql<T>(
	emulator: ShopifyEmulator,
	query: string,
	variables?: Record<string, unknown>,
	token = [...emulator.accessTokens][0],
): Promise<AdminReply<T>> {
	const response = await fetch(`${emulator.url}/admin/api/2026-10/graphql.json`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
		body: JSON.stringify({ query, variables }),
	});
	const json = (await response.json()) as {
		data?: T;
		errors?: AdminReply<T>['errors'];
		extensions?: { cost: AdminReply<T>['cost'] };
	};
	return {
		status: response.status,
		data: json.data,
		errors: json.errors,
		cost: json.extensions?.cost,
	};
}
