import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ShopifyAdminClient } from '../../../core/shopify/client';

export interface OperationContext {
	fns: IExecuteFunctions;
	client: ShopifyAdminClient;
	itemIndex: number;
}

/** One operation of the Shopify node: runs for one input item, returns its output item(s). */
export type OperationExecute = (context: OperationContext) => Promise<IDataObject | IDataObject[]>;
