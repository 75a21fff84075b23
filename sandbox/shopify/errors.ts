/**
 * Shopify answers GraphQL validation errors in graphql-ruby's words with an `extensions.code`
 * (e.g. `Field 'bogus' doesn't exist on type 'Shop'`, code `undefinedField`). graphql-js, which
 * validates here, words them differently; this maps the common ones to Shopify's form.
 */
import type { GraphQLError } from 'graphql';

export interface ShopifyGraphqlError {
	message: string;
	locations?: ReadonlyArray<{ line: number; column: number }>;
	path?: ReadonlyArray<string | number>;
	extensions: Record<string, unknown>;
}

const RULES: Array<{
	pattern: RegExp;
	shape: (match: RegExpExecArray) => { message: string; extensions: Record<string, unknown> };
}> = [
	{
		pattern: /^Cannot query field "(.+?)" on type "(.+?)"\./,
		shape: ([, field, type]) => ({
			message: `Field '${field}' doesn't exist on type '${type}'`,
			extensions: { code: 'undefinedField', typeName: type, fieldName: field },
		}),
	},
	{
		pattern: /^Unknown argument "(.+?)" on field "(.+?)\.(.+?)"\./,
		shape: ([, argument, type, field]) => ({
			message: `Field '${field}' doesn't accept argument '${argument}'`,
			extensions: {
				code: 'argumentNotAccepted',
				name: field,
				typeName: type === 'Query' ? 'Field' : type,
				argumentName: argument,
			},
		}),
	},
	{
		pattern:
			/^Field "(.+?)\.(.+?)" argument "(.+?)" of type ".+?" is required, but it was not provided\./,
		shape: ([, , field, argument]) => ({
			message: `Field '${field}' is missing required arguments: ${argument}`,
			extensions: {
				code: 'missingRequiredArguments',
				className: 'Field',
				name: field,
				arguments: argument,
			},
		}),
	},
	{
		pattern: /^Field "(.+?)" of type "(.+?)" must have a selection of subfields/,
		shape: ([, field, type]) => ({
			message: `Field must have selections (field '${field}' returns ${type.replace(/[![\]]/g, '')} but has no selections. Did you mean '${field} { ... }'?)`,
			extensions: {
				code: 'selectionMismatch',
				nodeName: `field '${field}'`,
				typeName: type.replace(/[![\]]/g, ''),
			},
		}),
	},
	{
		pattern: /^Value "(.+?)" does not exist in "(.+?)" enum\./,
		shape: ([, value, type]) => ({
			message: `Argument has an invalid value (${value}). Expected type '${type}'.`,
			extensions: { code: 'argumentLiteralsIncompatible', typeName: 'CoercionError' },
		}),
	},
	{
		pattern: /^Variable "\$(.+?)" of required type "(.+?)" was not provided\./,
		shape: ([, variable, type]) => ({
			message: `Variable $${variable} of type ${type} was provided invalid value`,
			extensions: {
				code: 'variableMismatch',
				value: null,
				problems: [{ path: [], explanation: 'Expected value to not be null' }],
			},
		}),
	},
];

export function toShopifyError(error: GraphQLError): ShopifyGraphqlError {
	for (const rule of RULES) {
		const match = rule.pattern.exec(error.message);
		if (match) {
			const { message, extensions } = rule.shape(match);
			return { message, locations: error.locations, extensions };
		}
	}
	return {
		message: error.message,
		...(error.locations ? { locations: error.locations } : {}),
		...(error.path ? { path: error.path } : {}),
		extensions: {
			code: (error.extensions?.code as string | undefined) ?? 'GRAPHQL_VALIDATION_FAILED',
		},
	};
}
