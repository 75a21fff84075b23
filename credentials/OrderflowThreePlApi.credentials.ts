import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import {
	authenticateContractApi,
	contractApiProperties,
	fetchClientCredentialsToken,
} from './contractApi';

/** A 3PL speaking the Orderflow canonical contract (directly or through an adapter). */
export class OrderflowThreePlApi implements ICredentialType {
	name = 'orderflowThreePlApi';

	displayName = 'Orderflow 3PL API';

	documentationUrl = 'https://github.com/orderflow-dev/n8n-nodes-orderflow#erp-and-3pl-credentials';

	icon = {
		light: 'file:../nodes/IdempotentWrite/idempotentWrite.svg',
		dark: 'file:../nodes/IdempotentWrite/idempotentWrite.dark.svg',
	} as const;

	properties: INodeProperties[] = contractApiProperties('http://127.0.0.1:7783');

	authenticate = authenticateContractApi;

	preAuthentication = fetchClientCredentialsToken;

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			url: '/stock',
			qs: { limit: 1 },
		},
	};
}
