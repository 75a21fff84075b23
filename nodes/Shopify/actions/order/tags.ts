/** Add Tags and Remove Tags: the same field, and one mutation each. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { TAGS_ADD_MUTATION, TAGS_REMOVE_MUTATION } from '../../../../core/shopify/documents/orders';
import { toGid } from '../../../../core/shopify/ids';
import { assertNoUserErrors } from '../../../../core/shopify/user-errors';
import { orderIdField } from '../common.descriptions';
import { InputError, list, text, type OperationContext } from '../operation';

export const tagsFields: INodeProperties[] = [
	orderIdField(),
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'erp-synced, wholesale',
		description: 'Comma-separated tags',
	},
];

export async function changeTags(
	context: OperationContext,
	mutation: 'tagsAdd' | 'tagsRemove',
): Promise<IDataObject> {
	const id = toGid('Order', text(context, 'orderId'));
	const tags = list(text(context, 'tags'));
	if (tags.length === 0)
		throw new InputError('No tags given', 'Enter at least one tag in Tags (comma-separated).');
	const document = mutation === 'tagsAdd' ? TAGS_ADD_MUTATION : TAGS_REMOVE_MUTATION;
	const result = await context.client.request<Record<string, Record<string, unknown>>>(document, {
		id,
		tags,
	});
	const payload = assertNoUserErrors(mutation, result[mutation]);
	return payload.node as IDataObject;
}
