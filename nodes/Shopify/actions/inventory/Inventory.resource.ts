import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toGid } from '../../../../core/shopify/ids';
import { adjustQuantity, inventoryLevels, setQuantity } from '../../../../core/shopify/inventory';
import { InputError, list, options, text, type OperationContext } from '../operation';

const resource = ['inventory'];
const change = { resource, operation: ['setQuantities', 'adjust'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource } },
		options: [
			{
				name: 'Adjust',
				value: 'adjust',
				description: 'Change a quantity by a delta (once per idempotency key)',
				action: 'Adjust an inventory quantity',
			},
			{
				name: 'Get Levels',
				value: 'getLevels',
				description: 'Quantities by SKU and location',
				action: 'Get inventory levels',
			},
			{
				name: 'Set Quantities',
				value: 'setQuantities',
				description: 'Set a quantity with compare-and-set, reporting the drift',
				action: 'Set an inventory quantity',
			},
		],
		default: 'getLevels',
	},
	{
		displayName: 'SKUs',
		name: 'skus',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'TSHIRT-RED-M, TOTE-NAT',
		description: 'Comma-separated SKUs; SKUs Shopify does not know come back with found = false',
		displayOptions: { show: { resource, operation: ['getLevels'] } },
	},
	{
		displayName: 'Location IDs',
		name: 'locationIds',
		type: 'string',
		default: '',
		placeholder: 'gid://shopify/Location/1',
		description: 'Comma-separated; empty means every location',
		displayOptions: { show: { resource, operation: ['getLevels'] } },
	},
	{
		displayName: 'SKU',
		name: 'sku',
		description: 'The variant’s SKU, as in Shopify',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: change },
	},
	{
		displayName: 'Location ID',
		name: 'locationId',
		description: 'The Shopify location: its ID or gid://shopify/Location/…',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'gid://shopify/Location/1',
		displayOptions: { show: change },
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		required: true,
		default: 0,
		description: 'The quantity to set',
		displayOptions: { show: { resource, operation: ['setQuantities'] } },
	},
	{
		displayName: 'Change',
		name: 'delta',
		type: 'number',
		required: true,
		default: 0,
		description: 'How much to add (negative to remove)',
		displayOptions: { show: { resource, operation: ['adjust'] } },
	},
	{
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
		displayOptions: { show: change },
	},
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		description:
			'Shopify applies a change at most once per key. Required for Adjust (e.g. the ERP movement number); for Set, empty derives one from the change.',
		displayOptions: { show: change },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: change },
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
	},
];

function changeOptions(context: OperationContext) {
	const { reason, referenceDocumentUri, expectedQuantity } = options(context);
	const sku = text(context, 'sku');
	if (!sku) throw new InputError('The SKU is empty', 'Enter the SKU whose stock to change.');
	return {
		sku,
		locationId: toGid('Location', text(context, 'locationId')),
		reason: String(reason ?? 'correction'),
		referenceDocumentUri: referenceDocumentUri ? String(referenceDocumentUri) : undefined,
		idempotencyKey: text(context, 'idempotencyKey') || undefined,
		expectedQuantity:
			expectedQuantity === undefined || expectedQuantity === ''
				? undefined
				: Number(expectedQuantity),
	};
}

export const operations = {
	getLevels: {
		execute: async (context: OperationContext) => {
			const skus = list(text(context, 'skus'));
			if (skus.length === 0) throw new InputError('No SKUs given', 'Enter at least one SKU.');
			const locations = list(text(context, 'locationIds')).map((id) => toGid('Location', id));
			return (await inventoryLevels(context.client, skus, locations)) as unknown as IDataObject[];
		},
	},
	setQuantities: {
		execute: async (context: OperationContext) => {
			const name = text(context, 'quantityName', 'available');
			if (name !== 'available' && name !== 'on_hand') {
				throw new InputError(
					`Set cannot change "${name}"`,
					'Choose Available or On Hand, or use Adjust for the other quantities.',
				);
			}
			const quantity = Number(context.fns.getNodeParameter('quantity', context.itemIndex));
			return (await setQuantity(context.client, {
				...changeOptions(context),
				quantity,
				name,
			})) as IDataObject;
		},
	},
	adjust: {
		execute: async (context: OperationContext) =>
			(await adjustQuantity(context.client, {
				...changeOptions(context),
				delta: Number(context.fns.getNodeParameter('delta', context.itemIndex)),
				name: text(context, 'quantityName', 'available'),
			})) as IDataObject,
	},
};
