import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { splitList } from '../../../core/lists';
import type { ShopifyAdminClient } from '../../../core/shopify/client';
import { toGid } from '../../../core/shopify/ids';

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

/**
 * A location parameter as a gid, or undefined when empty. A location picker holds
 * `{ mode, value }`; workflows saved before it (and expressions) hold a plain string.
 */
export function locationValue(context: OperationContext, name: string): string | undefined {
	const raw = context.fns.getNodeParameter(name, context.itemIndex, '', { extractValue: true });
	const value = isLocator(raw) ? raw.value : raw;
	const id = typeof value === 'number' ? String(value) : String(value ?? '').trim();
	return id ? toGid('Location', id) : undefined;
}

/** Several locations as gids: a list picked in the editor, or IDs in a comma-separated string. */
export function locationValues(context: OperationContext, name: string): string[] {
	const raw = context.fns.getNodeParameter(name, context.itemIndex, []);
	return splitList(raw).map((id) => toGid('Location', id));
}

function isLocator(value: unknown): value is { value?: unknown } {
	return typeof value === 'object' && value !== null && 'value' in value;
}

/** Comma- or newline-separated values, trimmed, empties dropped. */
export { splitList as list };
