import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ShopifyAdminClient, ShopifyRequestError } from '../../../core/shopify/client';

export const SHOPIFY_CREDENTIAL = 'shopifyAdminApi';

/** One client per execution: the credential is read once, not per item. */
export async function shopifyClient(this: IExecuteFunctions): Promise<ShopifyAdminClient> {
	const credentials = await this.getCredentials(SHOPIFY_CREDENTIAL);
	try {
		return new ShopifyAdminClient({
			shopDomain: String(credentials.shopDomain ?? ''),
			accessToken: String(credentials.accessToken ?? ''),
			apiVersion: String(credentials.apiVersion ?? ''),
		});
	} catch (error) {
		throw new NodeOperationError(this.getNode(), error as Error, {
			description: 'Fix the Shop Domain or the access token in the Shopify Admin API credential.',
		});
	}
}

/** Turns a core error into the n8n error a user can act on. */
export function toNodeError(this: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof ShopifyRequestError) {
		const httpCode = error.httpStatus === undefined ? undefined : String(error.httpStatus);
		return new NodeApiError(
			this.getNode(),
			{ message: error.message, graphqlErrors: error.graphqlErrors } as unknown as JsonObject,
			{
				message: error.message,
				httpCode,
				itemIndex,
				description:
					error.httpStatus === 401
						? 'Shopify rejected the access token: check the Shopify Admin API credential.'
						: 'Shopify did not accept the request; the details list what it reported.',
			},
		);
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}
