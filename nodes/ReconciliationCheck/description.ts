import type { INodeProperties } from 'n8n-workflow';

const compare = { operation: ['compare'] };

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Compare',
				value: 'compare',
				description: 'Match input A (the source of truth) against input B',
				action: 'Compare two datasets',
			},
			{
				name: 'History',
				value: 'history',
				description: 'The summaries of past runs of a check, oldest first',
				action: 'Get the history of a check',
			},
		],
		default: 'compare',
	},
	{
		displayName: 'Check Name',
		name: 'checkName',
		type: 'string',
		required: true,
		default: 'orders',
		placeholder: 'nightly-orders',
		description:
			'Names the check in the ledger: each run’s summary is kept under it, and History reads it back',
	},
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
		displayOptions: { show: compare },
	},
	{
		displayName: 'Money Tolerance (Minor Units)',
		name: 'moneyToleranceMinor',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'Amounts this many minor units apart still match (1 = one cent in EUR, one yen in JPY, one fils in KWD)',
		displayOptions: { show: { ...compare, preset: ['orders', 'refunds', 'shadowRun'] } },
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
		displayOptions: { show: { ...compare, preset: ['shadowRun'] } },
	},
	{
		displayName: 'Quantity Tolerance',
		name: 'quantityTolerance',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Available quantities this far apart still match',
		displayOptions: { show: { ...compare, preset: ['inventory'] } },
	},
	{
		displayName: 'Location Map',
		name: 'locationMap',
		type: 'string',
		default: '',
		placeholder: 'gid://shopify/Location/1=BER, gid://shopify/Location/2=RTM',
		description:
			'Shopify location = ERP location code, comma-separated; unmapped locations are compared as they are',
		displayOptions: { show: { ...compare, preset: ['inventory'] } },
	},
	{
		displayName: 'Key Fields in A',
		name: 'keyFieldsA',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'sku, location',
		description: 'Comma-separated paths that together identify a row of A (dots for nested fields)',
		displayOptions: { show: { ...compare, preset: ['custom'] } },
	},
	{
		displayName: 'Key Fields in B',
		name: 'keyFieldsB',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'itemCode, warehouse',
		description: 'The same key in B, in the same order',
		displayOptions: { show: { ...compare, preset: ['custom'] } },
	},
	{
		displayName: 'Normalise Keys',
		name: 'normaliseKeys',
		type: 'boolean',
		default: false,
		description: 'Whether key values are matched after trimming spaces and upper-casing',
		displayOptions: { show: { ...compare, preset: ['custom'] } },
	},
	{
		displayName: 'Fields to Compare',
		name: 'fields',
		description: 'The fields compared on each matched pair, each with its rule',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add field',
		displayOptions: { show: { ...compare, preset: ['custom'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				// Rule first, then the fields, then only what the chosen rule reads: not alphabetical.
				// eslint-disable-next-line n8n-nodes-base/node-param-fixed-collection-type-unsorted-items
				values: [
					{
						displayName: 'Rule',
						name: 'rule',
						description: 'How the two values are compared',
						type: 'options',
						options: [
							{
								name: 'Date Within Tolerance',
								value: 'date',
								description: 'Two dates or times at most the tolerance apart',
							},
							{ name: 'Exact', value: 'exact', description: 'The same value, as it is' },
							{
								name: 'Money',
								value: 'money',
								description: 'Compared in minor units of the currency',
							},
							{
								name: 'Number Within Tolerance',
								value: 'number',
								description: 'Two numbers at most the tolerance apart',
							},
							{
								name: 'Same Set',
								value: 'set',
								description: 'Lists or comma-separated values, order ignored',
							},
							{
								name: 'Text (Case and Spaces Ignored)',
								value: 'text',
								description: 'The same text, ignoring case and surrounding spaces',
							},
						],
						default: 'exact',
					},
					{
						displayName: 'Field in A',
						name: 'pathA',
						description: 'The field compared, as A names it (dots for nested fields)',
						type: 'string',
						default: '',
						placeholder: 'totals.total',
					},
					{
						displayName: 'Field in B',
						name: 'pathB',
						type: 'string',
						default: '',
						description: 'The field compared, as B names it; empty: the same path as in A',
					},
					{
						displayName: 'Tolerance (Minor Units)',
						name: 'toleranceMinor',
						description: 'Amounts this many minor units apart still match (1 = one cent in EUR)',
						type: 'number',
						default: 0,
						displayOptions: { show: { rule: ['money'] } },
					},
					{
						displayName: 'Amounts Are',
						name: 'amounts',
						type: 'options',
						options: [
							{ name: 'Decimal (12.30)', value: 'decimal' },
							{ name: 'Minor Units (1230)', value: 'minor' },
						],
						default: 'decimal',
						description:
							'How plain amounts are written; money objects ({amount, currencyCode}) are read either way',
						displayOptions: { show: { rule: ['money'] } },
					},
					{
						displayName: 'Currency',
						name: 'currency',
						type: 'string',
						default: '',
						placeholder: 'EUR',
						description: 'For amounts without a currency field',
						displayOptions: { show: { rule: ['money'] } },
					},
					{
						displayName: 'Currency Field in A',
						name: 'currencyPathA',
						description:
							'The field in A that holds the currency of a plain amount (dots for nested fields)',
						type: 'string',
						default: '',
						displayOptions: { show: { rule: ['money'] } },
					},
					{
						displayName: 'Currency Field in B',
						name: 'currencyPathB',
						description:
							'The field in B that holds the currency of a plain amount (dots for nested fields)',
						type: 'string',
						default: '',
						displayOptions: { show: { rule: ['money'] } },
					},
					{
						displayName: 'Absolute Tolerance',
						name: 'absolute',
						description: 'Numbers this far apart still match',
						type: 'number',
						default: 0,
						displayOptions: { show: { rule: ['number'] } },
					},
					{
						displayName: 'Relative Tolerance (%)',
						name: 'relativePercent',
						description: 'Numbers this many percent apart (of the larger) still match',
						type: 'number',
						default: 0,
						displayOptions: { show: { rule: ['number'] } },
					},
					{
						displayName: 'Date Tolerance',
						name: 'dateTolerance',
						description:
							'Dates this far apart still match (ISO 8601 or words, e.g. PT5M or 5 minutes)',
						type: 'string',
						default: '',
						placeholder: 'PT5M or 5 minutes',
						displayOptions: { show: { rule: ['date'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Threshold',
		name: 'threshold',
		type: 'collection',
		placeholder: 'Add limit',
		default: {},
		description:
			'Fail the execution (so the error workflow runs) when a limit is exceeded; without limits the check only reports',
		displayOptions: { show: compare },
		options: [
			{
				displayName: 'Max Exception Rate (%)',
				name: 'maxExceptionRatePercent',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
				description: 'The run fails the threshold above this share of exceptions among all keys',
			},
			{
				displayName: 'Max Exceptions',
				name: 'maxExceptions',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'The run fails the threshold above this many exceptions',
			},
			{
				displayName: 'When Exceeded',
				name: 'whenExceeded',
				description: 'What happens when the run is over its threshold',
				type: 'options',
				options: [
					{
						name: 'Fail the Execution',
						value: 'fail',
						description: 'Stop here; the error workflow (or the error output) takes over',
					},
					{
						name: 'Report on the Summary',
						value: 'report',
						description:
							'Every output as usual; the Summary says threshold.verdict "fail" and names the first exceptions, for an alert branch',
					},
				],
				default: 'fail',
			},
		],
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { operation: ['history'] } },
	},
];
