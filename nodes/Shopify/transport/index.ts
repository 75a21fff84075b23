import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IHookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BulkOperationError } from '../../../core/shopify/bulk';
import { ShopifyAdminClient, ShopifyRequestError } from '../../../core/shopify/client';
import { DEFAULT_API_VERSION } from '../../../core/shopify/connection';
import { shopifyAuth } from '../../../core/shopify/credential-data';
import { ShopifyIdError } from '../../../core/shopify/ids';
import { InventoryInputError } from '../../../core/shopify/inventory';
import { LineSpecError } from '../../../core/shopify/line-spec';
import { ResyncInputError } from '../../../core/shopify/resync';
import { ShopifyUserError } from '../../../core/shopify/user-errors';
import { InputError } from '../actions/operation';

/** Input mistakes the core reports, with what to change. */
function inputFix(error: unknown): string | undefined {
	if (error instanceof InputError) return error.description;
	if (error instanceof ShopifyIdError)
		return `Enter the ${error.resource} ID as a number or a gid://shopify/${error.resource}/… global ID.`;
	if (error instanceof LineSpecError)
		return 'Fix the Lines field (SKU or line ID = quantity, comma-separated) or the ID it refers to.';
	if (error instanceof InventoryInputError) return 'Fix the SKU, location or quantity fields.';
	if (error instanceof BulkOperationError)
		return 'Check the bulk query, or raise Max Wait when the store is large.';
	if (error instanceof ResyncInputError) return error.fix;
	return undefined;
}

export const SHOPIFY_CREDENTIAL = 'shopifyAdminApi';

type ShopifyFunctions = IExecuteFunctions | IPollFunctions | IHookFunctions | ILoadOptionsFunctions;

/** One client per execution: the credential is read once, not per item. */
export async function shopifyClient(this: ShopifyFunctions): Promise<ShopifyAdminClient> {
	const credentials = await this.getCredentials(SHOPIFY_CREDENTIAL);
	try {
		return new ShopifyAdminClient({
			shopDomain: String(credentials.shopDomain ?? ''),
			// A credential made through n8n's API or an import may lack the field the editor fills in.
			apiVersion: String(credentials.apiVersion || DEFAULT_API_VERSION),
			auth: shopifyAuth(credentials),
		});
	} catch (error) {
		throw new NodeOperationError(this.getNode(), error as Error, {
			description:
				'Fix the Shop Domain and the access token or client credentials in the Shopify Admin API credential.',
		});
	}
}

/** Turns a core error into the n8n error a user can act on. */
export function toNodeError(this: ShopifyFunctions, error: unknown, itemIndex?: number): Error {
	const fix = inputFix(error);
	if (fix)
		return new NodeOperationError(this.getNode(), (error as Error).message, {
			itemIndex,
			description: fix,
		});
	if (error instanceof ShopifyUserError) {
		return new NodeOperationError(this.getNode(), error.message, {
			itemIndex,
			description: `Shopify refused ${error.mutation}: ${error.describe()}. Fix the input named in "field" and run again; nothing was changed.`,
		});
	}
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
						? 'Shopify rejected the credential: check the access token or client ID and secret in the Shopify Admin API credential.'
						: 'Shopify did not accept the request; the details list what it reported.',
			},
		);
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}
