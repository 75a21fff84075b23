import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { setQuantity } from '../../../../core/shopify/inventory';
import { InputError, text, type OperationContext } from '../operation';
import { quantityChange, quantityChangeFields } from './quantityChange';

export const description = updateDisplayOptions(
	{ show: { resource: ['inventory'], operation: ['setQuantities'] } },
	quantityChangeFields(
		{
			displayName: 'Quantity',
			name: 'quantity',
			type: 'number',
			required: true,
			default: 0,
			description: 'The quantity to set',
		},
		{
			description:
				'Shopify applies a change at most once per key; empty derives one from the change (SKU, location, quantity and what it was)',
		},
	),
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	const name = text(context, 'quantityName', 'available');
	if (name !== 'available' && name !== 'on_hand') {
		throw new InputError(
			`Set cannot change "${name}"`,
			'Choose Available or On Hand, or use Adjust for the other quantities.',
		);
	}
	const quantity = Number(context.fns.getNodeParameter('quantity', context.itemIndex));
	return (await setQuantity(context.client, {
		...quantityChange(context),
		quantity,
		name,
	})) as IDataObject;
}
