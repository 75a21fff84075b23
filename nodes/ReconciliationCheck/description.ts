import type { INodeProperties } from 'n8n-workflow';

const compare = { operation: ['compare'] };

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Compare', value: 'compare', description: 'Match input A (the source of truth) against input B', action: 'Compare two datasets' },
			{ name: 'History', value: 'history', description: 'The summaries of past runs of a check, oldest first', action: 'Get the history of a check' },
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
		description: 'Names the check in the ledger: each run’s summary is kept under it, and History reads it back',
	},
	{
		displayName: 'Preset',
		name: 'preset',
		type: 'options',
		options: [
			{ name: 'Custom', value: 'custom', description: 'Your own key and field rules' },
			{ name: 'Inventory', value: 'inventory', description: 'Shopify inventory levels vs ERP stock by SKU and location' },
			{ name: 'Orders', value: 'orders', description: 'Shopify orders vs ERP sales orders: totals, currencies, status, lines' },
			{ name: 'Refunds', value: 'refunds', description: 'Shopify refunds vs ERP credit memos, summed per order' },
			{ name: 'SKU Master', value: 'skuMaster', description: 'Shopify variants vs ERP SKUs: present on both sides, barcode, active' },
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
		description: 'Amounts this many minor units apart still match (1 = one cent in EUR, one yen in JPY, one fils in KWD)',
		displayOptions: { show: { ...compare, preset: ['orders', 'refunds'] } },
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
		description: 'Shopify location = ERP location code, comma-separated; unmapped locations are compared as they are',
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
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add field',
		displayOptions: { show: { ...compare, preset: ['custom'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Absolute Tolerance',
						name: 'absolute',
						type: 'number',
						default: 0
					},
					{
						displayName: 'Amounts Are',
						name: 'amounts',
						type: 'options',
						options: [
							{
								name: 'Decimal (12.30)',
								value: 'decimal',
							},
							{
								name: 'Minor Units (1230)',
								value: 'minor',
							},
						],
						default: 'decimal',
						description: 'How plain amounts are written;	money objects ({amount, currencyCode}) are read either way',
					},
					{
						displayName: 'Currency',
						name: 'currency',
						type: 'string',
						default: '',
						placeholder: 'EUR',
						description: 'For amounts without a currency field',
					},
					{
						displayName: 'Currency Field in A',
						name: 'currencyPathA',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Currency Field in B',
						name: 'currencyPathB',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Date Tolerance',
						name: 'dateTolerance',
						type: 'string',
						default: '',
						placeholder: 'PT5M or 5 minutes',
					},
					{
						displayName: 'Field in A',
						name: 'pathA',
						type: 'string',
						default: '',
						placeholder: 'totals.total',
					},
					{
						displayName: 'Field in B',
						name: 'pathB',
						type: 'string',
						default: '',
						description: 'Empty:	the same path as in A',
					},
					{
						displayName: 'Relative Tolerance (%)',
						name: 'relativePercent',
						type: 'number',
						default: 0
					},
					{
						displayName: 'Rule',
						name: 'rule',
						type: 'options',
						options: [
							{
								name: 'Date Within Tolerance',
								value: 'date',
							},
							{
								name: 'Exact',
								value: 'exact',
							},
							{
								name: 'Money',
								value: 'money',
								description: 'Compared in minor units of the currency',
							},
							{
								name: 'Number Within Tolerance',
								value: 'number',
							},
							{
								name: 'Same Set',
								value: 'set',
								description: 'Lists or comma-separated values, order ignored',
							},
							{
								name: 'Text (Case and Spaces Ignored)',
								value: 'text',
							},
					],
						default: 'exact',
					},
					{
						displayName: 'Tolerance (Minor Units)',
						name: 'toleranceMinor',
						type: 'number',
						default: 0
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
		description: 'Fail the execution (so the error workflow runs) when a limit is exceeded; without limits the check only reports',
		displayOptions: { show: compare },
		options: [
			{ displayName: 'Max Exception Rate (%)', name: 'maxExceptionRatePercent', type: 'number', typeOptions: { minValue: 0 }, default: 1 },
			{ displayName: 'Max Exceptions', name: 'maxExceptions', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
			{
				displayName: 'When Exceeded',
				name: 'whenExceeded',
				type: 'options',
				options: [
					{ name: 'Fail the Execution', value: 'fail', description: 'Stop here; the error workflow (or the error output) takes over' },
					{ name: 'Report on the Summary', value: 'report', description: 'Every output as usual; the Summary says threshold.verdict "fail" and names the first exceptions, for an alert branch' },
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
