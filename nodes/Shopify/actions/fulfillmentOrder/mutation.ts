/** What the operations that change one fulfillment order share: its ID, and the mutation call. */
import type { IDataObject } from 'n8n-workflow';

import { toGid } from '../../../../core/shopify/ids';
import { assertNoUserErrors } from '../../../../core/shopify/user-errors';
import { text, type OperationContext } from '../operation';

export const fulfillmentOrderGid = (context: OperationContext) =>
	toGid('FulfillmentOrder', text(context, 'fulfillmentOrderId'));

/** Runs a fulfillment order mutation; Shopify's user errors become a ShopifyUserError. */
export async function mutate(
	context: OperationContext,
	document: string,
	name: string,
	variables: IDataObject,
): Promise<IDataObject> {
	const result = await context.client.request<Record<string, Record<string, unknown>>>(
		document,
		variables,
	);
	return assertNoUserErrors(name, result[name]) as IDataObject;
}
