/**
 * What the ERP and 3PL credentials share: a base URL, four ways to authenticate (bearer token,
 * basic, an API-key header, OAuth2 client credentials), and the idempotency header the remote
 * system honours (empty when it honours none, so retries of maybe-applied writes stop).
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

type Authentication = 'apiKey' | 'basic' | 'bearer' | 'oauth2';

const showFor = (authentication: Authentication) => ({
	show: { authentication: [authentication] },
});

function baseUrlProperty(example: string, required: boolean): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: '',
		required,
		placeholder: example,
		description: required
			? undefined
			: 'Optional: the Idempotent Write node then takes paths below it',
	};
}

function authenticationMenu(): INodeProperties {
	return {
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'API Key Header', value: 'apiKey' },
			{ name: 'Basic Auth', value: 'basic' },
			{ name: 'Bearer Token', value: 'bearer' },
			{ name: 'OAuth2 Client Credentials', value: 'oauth2' },
		],
		default: 'bearer',
	};
}

function bearerTokenProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: showFor('bearer'),
		},
	];
}

function basicAuthProperties(): INodeProperties[] {
	return [
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			displayOptions: showFor('basic'),
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: showFor('basic'),
		},
	];
}

function apiKeyHeaderProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Header Name',
			name: 'apiKeyHeader',
			type: 'string',
			default: 'X-API-Key',
			displayOptions: showFor('apiKey'),
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: showFor('apiKey'),
		},
	];
}

function oauth2ClientCredentialsProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			placeholder: 'https://auth.example.com/oauth/token',
			displayOptions: showFor('oauth2'),
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			displayOptions: showFor('oauth2'),
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: showFor('oauth2'),
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: '',
			displayOptions: showFor('oauth2'),
		},
		// Filled by the client-credentials grant; emptied (and fetched again) when the remote answers 401.
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];
}

function idempotencyHeaderProperty(): INodeProperties {
	return {
		displayName: 'Idempotency Header',
		name: 'idempotencyHeader',
		type: 'string',
		default: 'Idempotency-Key',
		description:
			'The header the remote system dedupes writes on. Leave empty if it dedupes nothing: a write that may have reached it is then never resent but reported as In Doubt.',
	};
}

/** The fields of an ERP, 3PL or HTTP credential, in the order the form shows them. */
export function contractApiProperties(example: string, baseUrlRequired = true): INodeProperties[] {
	return [
		baseUrlProperty(example, baseUrlRequired),
		authenticationMenu(),
		...bearerTokenProperties(),
		...basicAuthProperties(),
		...apiKeyHeaderProperties(),
		...oauth2ClientCredentialsProperties(),
		idempotencyHeaderProperty(),
	];
}

export async function authenticateContractApi(
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const headers: IDataObject = { ...(options.headers ?? {}) };
	switch (credentials.authentication) {
		case 'basic':
			return {
				...options,
				auth: {
					username: String(credentials.user ?? ''),
					password: String(credentials.password ?? ''),
				},
			};
		case 'apiKey':
			headers[String(credentials.apiKeyHeader || 'X-API-Key')] = String(credentials.apiKey ?? '');
			break;
		case 'oauth2':
			headers.Authorization = `Bearer ${String(credentials.accessToken ?? '')}`;
			break;
		default:
			headers.Authorization = `Bearer ${String(credentials.token ?? '')}`;
	}
	return { ...options, headers };
}

const ERROR_STATUSES = Array.from({ length: 200 }, (_, index) => 400 + index);

/** The OAuth2 client-credentials grant; n8n calls it when the access token is empty or expired. */
export async function fetchClientCredentialsToken(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	if (credentials.authentication !== 'oauth2') return {};
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: String(credentials.clientId ?? ''),
		client_secret: String(credentials.clientSecret ?? ''),
	});
	if (credentials.scope) form.set('scope', String(credentials.scope));
	const tokenUrl = String(credentials.tokenUrl);
	const response = (await this.helpers.httpRequest({
		method: 'POST',
		url: tokenUrl,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: form.toString(),
		json: true,
		// Followed, a 307 would post the client secret to whatever origin it names. Errors are
		// thrown as before (n8n asks again on a 401); a redirect comes back to be refused here.
		disableFollowRedirect: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: { ignore: true, except: ERROR_STATUSES },
	})) as {
		statusCode: number;
		headers?: Record<string, string | undefined>;
		body?: { access_token?: string };
	};
	if (response.statusCode >= 300 && response.statusCode < 400) {
		const location = response.headers?.location
			? new URL(response.headers.location, tokenUrl).href
			: 'nowhere';
		throw new Error(
			`The token URL ${tokenUrl} answered HTTP ${response.statusCode} redirecting to ${location}; the client secret is not sent there. Set the Token URL to the address that issues tokens.`,
		);
	}
	const accessToken = response.body?.access_token;
	if (!accessToken) throw new Error(`The token URL ${tokenUrl} answered without an access_token`);
	return { accessToken };
}
