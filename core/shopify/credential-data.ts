/** The Shopify credential's fields as the client's auth, with the secret that signs webhooks. */
import type { ShopifyAuth } from './access-token';

type CredentialFields = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function shopifyAuth(credentials: CredentialFields): ShopifyAuth {
	if (credentials.authentication === 'clientCredentials') {
		return {
			kind: 'clientCredentials',
			clientId: text(credentials.clientId),
			clientSecret: text(credentials.clientSecret),
		};
	}
	return { kind: 'accessToken', accessToken: text(credentials.accessToken) };
}

/** Shopify signs an app's webhooks with its client secret. */
export function webhookSigningSecret(credentials: CredentialFields): string {
	return (
		text(credentials.webhookSecret) ||
		(credentials.authentication === 'clientCredentials' ? text(credentials.clientSecret) : '')
	);
}
