/** Compare: which preset is compared, and the settings only some presets read. */
import type { INodeProperties } from 'n8n-workflow';

export const presetFields: INodeProperties[] = [
	{
		displayName: 'Preset',
		name: 'preset',
		description:
			'What is compared: a preset knows both sides’ shapes and rules; Custom takes your own key and fields',
		type: 'options',
		options: [
			{ name: 'Custom', value: 'custom', description: 'Your own key and field rules' },
			{
				name: 'Inventory',
				value: 'inventory',
				description: 'Shopify inventory levels vs ERP stock by SKU and location',
			},
			{
				name: 'Orders',
				value: 'orders',
				description: 'Shopify orders vs ERP sales orders: totals, currencies, status, lines',
			},
			{
				name: 'Refunds',
				value: 'refunds',
				description: 'Shopify refunds vs ERP credit memos, summed per order',
			},
			{
				name: 'Shadow Run vs Legacy Bookings',
				value: 'shadowRun',
				description:
					'What a flow run in shadow would have sent to the ERP (Orderflow Ops → Shadow Write) vs the sales orders the old integration booked',
			},
			{
				name: 'SKU Master',
				value: 'skuMaster',
				description: 'Shopify variants vs ERP SKUs: present on both sides, barcode, active',
			},
		],
		default: 'orders',
	},
	{
		displayName: 'Money Tolerance (Minor Units)',
		name: 'moneyToleranceMinor',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'Amounts this many minor units apart still match (1 = one cent in EUR, one yen in JPY, one fils in KWD)',
		hint: '0 compares to the cent; a tolerance lets rounding pass, and with it any smaller real difference',
		displayOptions: { show: { preset: ['orders', 'refunds', 'shadowRun'] } },
	},
	{
		displayName: 'Match On',
		name: 'matchOn',
		type: 'options',
		options: [
			{
				name: 'Order Number',
				value: 'orderNumber',
				description:
					'The Shopify order name (#1025): the old integration books under its own references',
			},
			{
				name: 'External Reference',
				value: 'externalRef',
				description:
					'The old integration books under the same references as Orderflow (shopify:order:…)',
			},
		],
		default: 'orderNumber',
		description: 'What a shadow order and a legacy booking meet on',
		displayOptions: { show: { preset: ['shadowRun'] } },
	},
	{
		displayName: 'Quantity Tolerance',
		name: 'quantityTolerance',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Available quantities this far apart still match',
		hint: '0 compares exactly; 1 or 2 lets stock that moved between the two reads pass',
		displayOptions: { show: { preset: ['inventory'] } },
	},
	{
		displayName: 'Location Map',
		name: 'locationMap',
		type: 'string',
		default: '',
		placeholder: 'gid://shopify/Location/1=BER, gid://shopify/Location/2=RTM',
		description:
			'Shopify location = ERP location code, comma-separated; unmapped locations are compared as they are',
		hint: 'A location’s ID is the number at the end of its address in Shopify admin → Settings → Locations',
		displayOptions: { show: { preset: ['inventory'] } },
	},
];
