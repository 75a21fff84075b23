import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { METAFIELDS_SET_MUTATION } from '../../../../core/shopify/documents/orders';
import { toGid } from '../../../../core/shopify/ids';
import { assertNoUserErrors } from '../../../../core/shopify/user-errors';
import { orderIdField } from '../common.descriptions';
import { InputError, text, type OperationContext } from '../operation';

const properties: INodeProperties[] = [
	orderIdField(),
	{
		displayName: 'Namespace',
		name: 'namespace',
		description: 'The metafield’s namespace, e.g. custom or erp',
		type: 'string',
		required: true,
		default: 'orderflow',
	},
	{
		displayName: 'Key',
		name: 'key',
		description: 'The metafield’s key within its namespace',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'erp_document',
	},
	{
		displayName: 'Type',
		name: 'type',
		description: 'The metafield’s type, which decides how Shopify reads the value',
		type: 'options',
		options: [
			{ name: 'Boolean', value: 'boolean' },
			{ name: 'Date and Time', value: 'date_time' },
			{ name: 'Integer', value: 'number_integer' },
			{ name: 'JSON', value: 'json' },
			{ name: 'Multi-Line Text', value: 'multi_line_text_field' },
			{ name: 'Single-Line Text', value: 'single_line_text_field' },
			{ name: 'URL', value: 'url' },
		],
		default: 'single_line_text_field',
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		required: true,
		default: '',
		description: 'The value as Shopify stores it (JSON text for the JSON type)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['setMetafield'] } },
	properties,
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	const ownerId = toGid('Order', text(context, 'orderId'));
	const key = text(context, 'key');
	if (!key) throw new InputError('The metafield key is empty', 'Enter a Key, e.g. erp_document.');
	const result = await context.client.request<{ metafieldsSet: Record<string, unknown> }>(
		METAFIELDS_SET_MUTATION,
		{
			metafields: [
				{
					ownerId,
					namespace: text(context, 'namespace'),
					key,
					type: text(context, 'type'),
					value: String(context.fns.getNodeParameter('value', context.itemIndex)),
				},
			],
		},
	);
	const [metafield] = assertNoUserErrors('metafieldsSet', result.metafieldsSet)
		.metafields as IDataObject[];
	return metafield;
}
