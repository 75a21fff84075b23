import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import {
	authenticateContractApi,
	contractApiProperties,
	fetchClientCredentialsToken,
} from './contractApi';

/** Any other HTTP system an Idempotent Write talks to: the same ways to authenticate, and its idempotency header. */
export class OrderflowHttpApi implements ICredentialType {
	name = 'orderflowHttpApi';

	displayName = 'Orderflow HTTP API';

	documentationUrl = 'https://github.com/orderflow-dev/n8n-nodes-orderflow#idempotent-write';

	icon = {
		light: 'file:../nodes/IdempotentWrite/idempotentWrite.svg',
		dark: 'file:../nodes/IdempotentWrite/idempotentWrite.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		...contractApiProperties('https://api.example.com', false),
		{
			displayName: 'Test URL',
			name: 'testUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.example.com/health',
			description: 'A URL the credential test may GET with these credentials',
		},
	];

	authenticate = authenticateContractApi;

	preAuthentication = fetchClientCredentialsToken;

	test: ICredentialTestRequest = { request: { url: '={{ $credentials.testUrl }}' } };
}
