/**
 * Where the Admin API access token comes from: a fixed `shpat_…` token, or Shopify's client
 * credentials grant, whose tokens live 24 hours and come without a refresh token. Tokens from
 * the grant are cached per shop and app for the whole process (every execution builds a new
 * client) and renewed shortly before they expire; concurrent callers share one token request.
 */
import { createHash } from 'node:crypto';

import { isRedirect, redirectNotFollowed, type FetchFn } from './http';

export type ShopifyAuth =
	| { kind: 'accessToken'; accessToken: string }
	| { kind: 'clientCredentials'; clientId: string; clientSecret: string };

export class AccessTokenError extends Error {
	constructor(
		message: string,
		readonly httpStatus?: number,
	) {
		super(message);
		this.name = 'AccessTokenError';
	}
}

interface IssuedToken {
	accessToken: string;
	issuedAt: number;
	expiresAt: number;
}

/** Renew when this share of the lifetime is left, but never later than five minutes before expiry. */
const RENEW_SHARE = 0.1;
const RENEW_MARGIN_MAX_MS = 5 * 60_000;

const issued = new Map<string, Promise<IssuedToken>>();

function cacheKey(origin: string, clientId: string, clientSecret: string): string {
	const secret = createHash('sha256').update(clientSecret).digest('hex').slice(0, 16);
	return `${origin}|${clientId}|${secret}`;
}

function isFresh(token: IssuedToken, now: number): boolean {
	const margin = Math.min(RENEW_MARGIN_MAX_MS, (token.expiresAt - token.issuedAt) * RENEW_SHARE);
	return now < token.expiresAt - margin;
}

/** `POST /admin/oauth/access_token` with grant_type client_credentials. */
export async function requestClientCredentialsToken(
	origin: string,
	clientId: string,
	clientSecret: string,
	fetchFn: FetchFn,
	now: () => number,
): Promise<IssuedToken> {
	const issuedAt = now();
	let response: Response;
	try {
		response = await fetchFn(`${origin}/admin/oauth/access_token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify({
				client_id: clientId,
				client_secret: clientSecret,
				grant_type: 'client_credentials',
			}),
			redirect: 'manual',
		});
	} catch (error) {
		throw new AccessTokenError(
			`Could not reach ${origin} to get an access token: ${(error as Error).message}`,
		);
	}
	if (isRedirect(response.status))
		throw new AccessTokenError(
			redirectNotFollowed(
				origin,
				response.status,
				response.headers.get('location'),
				'the client secret',
			),
			response.status,
		);
	const text = await response.text();
	let body: {
		access_token?: unknown;
		expires_in?: unknown;
		error_description?: unknown;
		errors?: unknown;
	} = {};
	try {
		body = JSON.parse(text) as typeof body;
	} catch {
		// Reported below with the status.
	}
	if (!response.ok || typeof body.access_token !== 'string') {
		const reason =
			body.error_description ?? body.errors ?? (text.slice(0, 200) || response.statusText);
		throw new AccessTokenError(
			`Shopify refused the client credentials (HTTP ${response.status}): ${String(reason)}`,
			response.status,
		);
	}
	const lifetimeSeconds =
		typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 24 * 3600;
	return { accessToken: body.access_token, issuedAt, expiresAt: issuedAt + lifetimeSeconds * 1000 };
}

/** Hands out the token to send, renewing client-credentials tokens when they near expiry. */
export class AccessTokenSource {
	constructor(
		private readonly origin: string,
		private readonly auth: ShopifyAuth,
		private readonly fetchFn: FetchFn,
		private readonly now: () => number = Date.now,
	) {}

	get renewable(): boolean {
		return this.auth.kind === 'clientCredentials';
	}

	async current(): Promise<string> {
		if (this.auth.kind === 'accessToken') return this.auth.accessToken;
		const key = this.key();
		const cached = issued.get(key);
		if (cached) {
			const token = await cached.catch(() => undefined);
			if (token && isFresh(token, this.now())) return token.accessToken;
			if (issued.get(key) !== cached) return await this.current();
		}
		return (await this.issue(key)).accessToken;
	}

	/** Drops a token Shopify no longer accepts (revoked or expired early) and gets a new one. */
	async renew(rejected: string): Promise<string> {
		if (this.auth.kind === 'accessToken') return this.auth.accessToken;
		const key = this.key();
		const cached = issued.get(key);
		const token = cached ? await cached.catch(() => undefined) : undefined;
		if (token && token.accessToken !== rejected) return token.accessToken;
		return (await this.issue(key)).accessToken;
	}

	private key(): string {
		const { clientId, clientSecret } = this.auth as Extract<
			ShopifyAuth,
			{ kind: 'clientCredentials' }
		>;
		return cacheKey(this.origin, clientId, clientSecret);
	}

	private async issue(key: string): Promise<IssuedToken> {
		const { clientId, clientSecret } = this.auth as Extract<
			ShopifyAuth,
			{ kind: 'clientCredentials' }
		>;
		const pending = requestClientCredentialsToken(
			this.origin,
			clientId,
			clientSecret,
			this.fetchFn,
			this.now,
		);
		issued.set(key, pending);
		pending.catch(() => {
			if (issued.get(key) === pending) issued.delete(key);
		});
		return await pending;
	}
}

/** Forgets every cached token (tests; a credential whose secret was rotated). */
export function forgetAccessTokens(): void {
	issued.clear();
}
