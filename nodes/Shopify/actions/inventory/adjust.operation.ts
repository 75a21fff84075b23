import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adjustQuantity } from '../../../../core/shopify/inventory';
import { text, type OperationContext } from '../operation';
import { quantityChange, quantityChangeFields } from './quantityChange';

export const description = updateDisplayOptions(
	{ show: { resource: ['inventory'], operation: ['adjust'] } },
	quantityChangeFields(
		{
			displayName: 'Change',
			name: 'delta',
			type: 'number',
			required: true,
			default: 0,
			description: 'How much to add (negative to remove)',
		},
		{
			description:
				'Shopify applies a change at most once per key. Required for Adjust, e.g. the ERP movement number.',
		},
	),
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	return (await adjustQuantity(context.client, {
		...quantityChange(context),
		delta: Number(context.fns.getNodeParameter('delta', context.itemIndex)),
		name: text(context, 'quantityName', 'available'),
	})) as IDataObject;
}
