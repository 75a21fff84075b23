import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

import { InputError, text, type OperationContext } from '../operation';

const show = { resource: ['graphql'], operation: ['execute'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['graphql'] } },
		options: [
			{
				name: 'Execute',
				value: 'execute',
				description: 'Send a query or mutation of your own, paced like every other request',
				action: 'Execute a query or mutation',
			},
		],
		default: 'execute',
	},
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
		displayOptions: { show },
	},
	{
		displayName: 'Variables (JSON)',
		name: 'variables',
		description: 'The variables of the GraphQL document, as a JSON object',
		type: 'json',
		default: '{}',
		displayOptions: { show },
	},
];

export const operations = {
	execute: {
		execute: async (context: OperationContext): Promise<IDataObject> => {
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
					{
						itemIndex: context.itemIndex,
						description:
							'Write the variables as a JSON object, e.g. {"id": "gid://shopify/Order/1"}.',
					},
				);
			}
			if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
				throw new InputError(
					'The variables must be a JSON object',
					'Write the variables as a JSON object, e.g. {"id": "gid://shopify/Order/1"}.',
				);
			}
			return await context.client.request<IDataObject>(query, variables);
		},
	},
};
