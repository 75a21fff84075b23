import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { AccessTokenSource } from '../core/shopify/access-token';
import { adminApiOrigin, API_VERSIONS, DEFAULT_API_VERSION } from '../core/shopify/connection';
import { shopifyAuth } from '../core/shopify/credential-data';

export class ShopifyAdminApi implements ICredentialType {
	name = 'shopifyAdminApi';

	displayName = 'Shopify Admin API';

	documentationUrl =
		'https://github.com/orderflow-dev/n8n-nodes-orderflow#shopify-admin-api-credential';

	icon = {
		light: 'file:../nodes/Shopify/shopify.svg',
		dark: 'file:../nodes/Shopify/shopify.dark.svg',
	} as const;

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
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Admin API Access Token',
					value: 'accessToken',
					description: 'A custom app or merchant-created app token (shpat_…)',
				},
				{
					name: 'Client Credentials',
					value: 'clientCredentials',
					description:
						'An app of your organisation on your own store: client ID and secret are exchanged for a 24-hour token, renewed automatically',
				},
			],
			default: 'accessToken',
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
			displayOptions: { show: { authentication: ['accessToken'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description: "The app's client ID (Dev Dashboard → the app → Settings)",
			displayOptions: { show: { authentication: ['clientCredentials'] } },
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: "The app's client secret; it also signs the app's webhooks",
			displayOptions: { show: { authentication: ['clientCredentials'] } },
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
				"The app's client secret, used to verify the X-Shopify-Hmac-Sha256 header of incoming webhooks. Left empty with client credentials, the client secret is used.",
		},
	];

	// A function, not a header template: client credentials first need a token (cached per process).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const origin = adminApiOrigin(String(credentials.shopDomain ?? ''));
		const token = await new AccessTokenSource(origin, shopifyAuth(credentials), fetch).current();
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'X-Shopify-Access-Token': token },
		};
	}

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
