/** The fetch the Shopify client sends through (tests and the sandbox pass their own). */
export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

export const isRedirect = (status: number | undefined): status is number =>
	status !== undefined && status >= 300 && status < 400;

/**
 * Why a redirect the shop's address answered was not followed: fetch would carry
 * X-Shopify-Access-Token (and, after a 307, the body) to whatever origin it names.
 */
export function redirectNotFollowed(
	origin: string,
	status: number,
	location: string | null | undefined,
	secret: string,
): string {
	const target = location ? (URL.parse(location, origin)?.href ?? location) : 'nowhere';
	return (
		`${origin} answered HTTP ${status} redirecting to ${target}; not followed, so ${secret} is not sent there. ` +
		"Set the credential's Shop Domain to the shop's myshopify.com domain (or the sandbox URL that answers)."
	);
}
