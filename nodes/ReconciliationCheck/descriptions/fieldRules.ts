/** Compare, Custom preset: the fields compared on each matched pair, each with its rule. */
import type { INodeProperties } from 'n8n-workflow';

export const fieldRules: INodeProperties = {
	displayName: 'Fields to Compare',
	name: 'fields',
	description: 'The fields compared on each matched pair, each with its rule',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add field',
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
					hint: 'e.g. totals.total, or lines.0.sku for the first line',
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
					hint: '0 compares to the cent; minor units of each amount’s own currency',
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
					hint: 'Shopify sends decimals ("12.30"); many ERPs keep minor units (1230)',
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
					hint: 'With Absolute Tolerance too, the larger allowance of the two applies',
					type: 'number',
					default: 0,
					displayOptions: { show: { rule: ['number'] } },
				},
				{
					displayName: 'Date Tolerance',
					name: 'dateTolerance',
					description:
						'Dates this far apart still match (ISO 8601 or words, e.g. PT5M or 5 minutes)',
					hint: 'Empty: the same instant; times in different zones are compared as instants',
					type: 'string',
					default: '',
					placeholder: 'PT5M or 5 minutes',
					displayOptions: { show: { rule: ['date'] } },
				},
			],
		},
	],
};
