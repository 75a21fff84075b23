import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { InputError, text, type OperationContext } from '../operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['graphql'], operation: ['execute'] } },
	[
		{
			displayName: 'Query',
			name: 'graphqlQuery',
			type: 'string',
			typeOptions: { rows: 8 },
			required: true,
			default: '',
			placeholder: 'query ShopName { shop { name } }',
			description:
				'A named query or mutation; Shopify validates it against the API version of the credential',
			hint: 'For what the other operations do not cover: sent as written with the credential, paced by the same rate limiter, and returned as Shopify answers (not simplified, user errors not turned into node errors)',
		},
		{
			displayName: 'Variables (JSON)',
			name: 'variables',
			description: 'The variables of the GraphQL document, as a JSON object',
			type: 'json',
			default: '{}',
		},
	],
);

const VARIABLES_FIX = 'Write the variables as a JSON object, e.g. {"id": "gid://shopify/Order/1"}.';

export async function execute(context: OperationContext): Promise<IDataObject> {
	const query = text(context, 'graphqlQuery');
	if (!query) throw new InputError('The GraphQL query is empty', 'Write a query or mutation.');
	const raw = context.fns.getNodeParameter('variables', context.itemIndex, '{}');
	let variables: IDataObject;
	try {
		variables = (typeof raw === 'string' ? JSON.parse(raw || '{}') : raw) as IDataObject;
	} catch (error) {
		throw new NodeOperationError(
			context.fns.getNode(),
			`The variables are not JSON: ${(error as Error).message}`,
			{ itemIndex: context.itemIndex, description: VARIABLES_FIX },
		);
	}
	if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
		throw new InputError('The variables must be a JSON object', VARIABLES_FIX);
	}
	return await context.client.request<IDataObject>(query, variables);
}
