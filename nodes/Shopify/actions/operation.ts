import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ShopifyAdminClient } from '../../../core/shopify/client';

export interface OperationContext {
	fns: IExecuteFunctions;
	client: ShopifyAdminClient;
	itemIndex: number;
}

/** One operation of the Shopify node: runs for one input item, returns its output item(s). */
export type OperationExecute = (context: OperationContext) => Promise<IDataObject | IDataObject[]>;

/** Input the user must fix: becomes a NodeOperationError with this description. */
export class InputError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

/** A string parameter of the item, trimmed. */
export function text(context: OperationContext, name: string, fallback = ''): string {
	return String(context.fns.getNodeParameter(name, context.itemIndex, fallback) ?? '').trim();
}

export function flag(context: OperationContext, name: string, fallback = false): boolean {
	return Boolean(context.fns.getNodeParameter(name, context.itemIndex, fallback));
}

export function options(context: OperationContext, name = 'options'): IDataObject {
	return context.fns.getNodeParameter(name, context.itemIndex, {}) as IDataObject;
}

/** Comma- or newline-separated values, trimmed, empties dropped. */
export { splitList as list } from '../../../core/lists';
