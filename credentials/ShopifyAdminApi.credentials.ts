import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { API_VERSIONS, DEFAULT_API_VERSION } from '../core/shopify/connection';

export class ShopifyAdminApi implements ICredentialType {
	name = 'shopifyAdminApi';

	displayName = 'Shopify Admin API';

	documentationUrl = 'https://github.com/orderflow-dev/n8n-nodes-orderflow#shopify-admin-api-credential';

	icon = { light: 'file:../nodes/Shopify/shopify.svg', dark: 'file:../nodes/Shopify/shopify.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Shop Domain',
			name: 'shopDomain',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'my-store.myshopify.com',
			description:
				'The myshopify domain of the store. For the Orderflow sandbox use its URL, e.g. http://127.0.0.1:7781.',
		},
		{
			displayName: 'Admin API Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'shpat_…',
			description: "The app's Admin API access token",
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: API_VERSIONS.map((version) => ({ name: version, value: version })),
			default: DEFAULT_API_VERSION,
			description: 'The Admin API version every request is made against',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The app's client secret, used to verify the X-Shopify-Hmac-Sha256 header of incoming webhooks",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-Shopify-Access-Token': '={{$credentials.accessToken}}',
			},
		},
	};

	// A bare domain gets https:// in front; a full URL (the sandbox) is used as given.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.shopDomain.includes("://") ? "" : "https://") + $credentials.shopDomain.trim().replace(/\\/+$/, "") }}',
			url: '=/admin/api/{{$credentials.apiVersion}}/graphql.json',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: { query: 'query OrderflowCredentialTest { shop { name } }' },
		},
	};
}
