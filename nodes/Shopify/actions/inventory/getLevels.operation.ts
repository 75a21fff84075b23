import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inventoryLevels } from '../../../../core/shopify/inventory';
import { locationsField } from '../common.descriptions';
import { InputError, list, locationValues, text, type OperationContext } from '../operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['inventory'], operation: ['getLevels'] } },
	[
		{
			displayName: 'SKUs',
			name: 'skus',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'TSHIRT-RED-M, TOTE-NAT',
			description: 'Comma-separated SKUs; SKUs Shopify does not know come back with found = false',
		},
		locationsField(),
	],
);

export async function execute(context: OperationContext): Promise<IDataObject[]> {
	const skus = list(text(context, 'skus'));
	if (skus.length === 0) throw new InputError('No SKUs given', 'Enter at least one SKU.');
	const locations = locationValues(context, 'locationIds');
	return (await inventoryLevels(context.client, skus, locations)) as unknown as IDataObject[];
}
