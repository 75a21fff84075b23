/** Compare, Custom preset: the fields that together identify a row on each side. */
import type { INodeProperties } from 'n8n-workflow';

export const customKeyFields: INodeProperties[] = [
	{
		displayName: 'Key Fields in A',
		name: 'keyFieldsA',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'sku, location',
		description: 'Comma-separated paths that together identify a row of A (dots for nested fields)',
		hint: 'A row with no value in a key field goes to Only in A as unkeyed, never matched',
	},
	{
		displayName: 'Key Fields in B',
		name: 'keyFieldsB',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'itemCode, warehouse',
		description: 'The same key in B, in the same order',
	},
	{
		displayName: 'Normalise Keys',
		name: 'normaliseKeys',
		type: 'boolean',
		default: false,
		description: 'Whether key values are matched after trimming spaces and upper-casing',
		hint: 'Turn on when one side writes SKUs in lower case or with stray spaces',
	},
];
