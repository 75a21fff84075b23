/** What Set Quantities and Adjust share: the fields naming the quantity, and reading them. */
import type { INodeProperties } from 'n8n-workflow';

import { idempotencyKeyField, locationField } from '../common.descriptions';
import { InputError, locationValue, options, text, type OperationContext } from '../operation';

const sku: INodeProperties = {
	displayName: 'SKU',
	name: 'sku',
	description: 'The variant’s SKU, as in Shopify',
	type: 'string',
	required: true,
	default: '',
};

const quantityName: INodeProperties = {
	displayName: 'Quantity Name',
	name: 'quantityName',
	type: 'options',
	options: [
		{ name: 'Available', value: 'available' },
		{ name: 'Damaged', value: 'damaged' },
		{ name: 'On Hand', value: 'on_hand' },
		{ name: 'Quality Control', value: 'quality_control' },
		{ name: 'Reserved', value: 'reserved' },
		{ name: 'Safety Stock', value: 'safety_stock' },
	],
	default: 'available',
	description: 'Set supports Available and On Hand',
};

const changeOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Expected Current Quantity',
			name: 'expectedQuantity',
			type: 'number',
			default: 0,
			description:
				'The quantity you last read: Shopify refuses the set when stock moved since (empty: read it just before setting)',
		},
		{
			displayName: 'Reason',
			name: 'reason',
			description: 'The reason Shopify records',
			type: 'options',
			options: [
				{ name: 'Correction', value: 'correction' },
				{ name: 'Cycle Count Available', value: 'cycle_count_available' },
				{ name: 'Damaged', value: 'damaged' },
				{ name: 'Movement Received', value: 'movement_received' },
				{ name: 'Other', value: 'other' },
				{ name: 'Received', value: 'received' },
				{ name: 'Restock', value: 'restock' },
				{ name: 'Shrinkage', value: 'shrinkage' },
			],
			default: 'correction',
		},
		{
			displayName: 'Reference Document URI',
			name: 'referenceDocumentUri',
			type: 'string',
			default: '',
			placeholder: 'gid://erp/StockMovement/4711',
			description: 'What caused the change, kept in Shopify’s inventory history',
		},
	],
};

/** The fields of a quantity change, `amount` (the new quantity or the delta) after the location. */
export function quantityChangeFields(
	amount: INodeProperties,
	idempotencyKey: Partial<INodeProperties>,
): INodeProperties[] {
	return [
		sku,
		locationField({ description: 'The Shopify location whose quantity changes' }),
		amount,
		quantityName,
		idempotencyKeyField(idempotencyKey),
		changeOptions,
	];
}

/** The parameters of a quantity change, as core/shopify/inventory takes them. */
export function quantityChange(context: OperationContext) {
	const { reason, referenceDocumentUri, expectedQuantity } = options(context);
	const sku = text(context, 'sku');
	if (!sku) throw new InputError('The SKU is empty', 'Enter the SKU whose stock to change.');
	const locationId = locationValue(context, 'locationId');
	if (!locationId)
		throw new InputError('No location given', 'Choose the Shopify location whose stock changes.');
	return {
		sku,
		locationId,
		reason: String(reason ?? 'correction'),
		referenceDocumentUri: referenceDocumentUri ? String(referenceDocumentUri) : undefined,
		idempotencyKey: text(context, 'idempotencyKey') || undefined,
		expectedQuantity:
			expectedQuantity === undefined || expectedQuantity === ''
				? undefined
				: Number(expectedQuantity),
	};
}
