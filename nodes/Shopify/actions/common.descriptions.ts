/**
 * Fields several operations show: declared once here, each operation adding only what differs
 * (its wording, or a default). The parameter names are what saved workflows hold.
 */
import type { INodeProperties } from 'n8n-workflow';

type Overrides = Partial<INodeProperties>;

const ID_HINT = 'A number (1001) or a global ID (gid://shopify/…/1001) both work';

export function orderIdField(overrides: Overrides = {}): INodeProperties {
	return {
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1001 or gid://shopify/Order/1001',
		description: 'The numeric ID or the global ID of the order',
		hint: ID_HINT,
		...overrides,
	};
}

export function fulfillmentOrderIdField(overrides: Overrides = {}): INodeProperties {
	return {
		displayName: 'Fulfillment Order ID',
		name: 'fulfillmentOrderId',
		description: 'The fulfillment order: its ID or gid://shopify/FulfillmentOrder/…',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'gid://shopify/FulfillmentOrder/1',
		hint: ID_HINT,
		...overrides,
	};
}

export function returnIdField(overrides: Overrides = {}): INodeProperties {
	return {
		displayName: 'Return ID',
		name: 'returnId',
		description: 'The return: its ID or gid://shopify/Return/…',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'gid://shopify/Return/1',
		hint: ID_HINT,
		...overrides,
	};
}

/** Lines in the `SKU=quantity` syntax core/shopify/line-spec.ts reads. */
export function linesField(overrides: Overrides = {}): INodeProperties {
	return {
		displayName: 'Lines',
		name: 'lines',
		type: 'string',
		default: '',
		placeholder: 'TSHIRT-RED-M=1',
		description: 'SKU or line ID = quantity, comma-separated',
		hint: 'Write SKU=quantity (or line ID=quantity), separated by commas or new lines, e.g. TSHIRT-RED-M=2, TOTE-NAT=1',
		...overrides,
	};
}

export function notifyCustomerField(overrides: Overrides = {}): INodeProperties {
	return {
		displayName: 'Notify Customer',
		name: 'notifyCustomer',
		type: 'boolean',
		default: false,
		description: 'Whether Shopify emails the customer',
		...overrides,
	};
}

export function staffNoteField(overrides: Overrides = {}): INodeProperties {
	return {
		displayName: 'Note',
		name: 'note',
		description: 'A note kept with it in Shopify, visible to staff',
		type: 'string',
		default: '',
		...overrides,
	};
}

export function idempotencyKeyField(overrides: Overrides = {}): INodeProperties {
	return {
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		description: 'Shopify applies a change at most once per key',
		hint: 'A re-run with the same key changes nothing a second time: use a number from the system that caused the change (e.g. the ERP movement or credit memo number)',
		...overrides,
	};
}

export function maxWaitMinutesField(overrides: Overrides = {}): INodeProperties {
	return {
		displayName: 'Max Wait (Minutes)',
		name: 'maxWaitMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description:
			'How long to wait for Shopify to finish the bulk operation before failing (it keeps running at Shopify)',
		...overrides,
	};
}

/** The admin page of a location, whichever admin host the shop uses. */
const LOCATION_URL = '^https?://[^\\s]+/settings/locations/(\\d+)';

/**
 * A Shopify location picked from the shop's list (`searchLocations`), or given by its ID or admin
 * URL. Workflows saved when this was a text field hold a plain string: read with locationValue().
 */
export function locationField(overrides: Overrides = {}): INodeProperties {
	return {
		displayName: 'Location',
		name: 'locationId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The Shopify location',
		hint: 'Pick it from the shop, or give its ID as a number or gid://shopify/Location/…',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a location…',
				typeOptions: { searchListMethod: 'searchLocations', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '1 or gid://shopify/Location/1',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*(\\d+|gid://shopify/Location/\\d+)\\s*$',
							errorMessage: 'Enter a number or gid://shopify/Location/…',
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://admin.shopify.com/store/my-shop/settings/locations/1',
				extractValue: { type: 'regex', regex: LOCATION_URL },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: LOCATION_URL,
							errorMessage: 'Paste the URL of the location’s page in the Shopify admin',
						},
					},
				],
			},
		],
		...overrides,
	};
}

/** Several locations picked from the shop's list (`getLocations`); empty means every location. */
export function locationsField(overrides: Overrides = {}): INodeProperties {
	return {
		displayName: 'Location Names or IDs',
		name: 'locationIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getLocations' },
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Empty means every location; an expression may give IDs or gids, comma-separated',
		...overrides,
	};
}
