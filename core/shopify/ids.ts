/** Shopify global ids (gid://shopify/Order/1001) from what users type: a gid or the numeric id. */

export class ShopifyIdError extends Error {
	constructor(
		readonly resource: string,
		readonly input: unknown,
	) {
		super(
			`"${String(input)}" is not a ${resource} ID: use the numeric ID (1001) or the global ID (gid://shopify/${resource}/1001)`,
		);
		this.name = 'ShopifyIdError';
	}
}

export function toGid(resource: string, input: unknown): string {
	const value =
		typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : '';
	if (/^\d+$/.test(value)) return `gid://shopify/${resource}/${value}`;
	const gid = /^gid:\/\/shopify\/([A-Za-z]+)\/\d+(\?.*)?$/.exec(value);
	if (gid && gid[1] === resource) return value;
	throw new ShopifyIdError(resource, input);
}

/** The numeric part of a gid (`gid://shopify/Order/1001` → `1001`); other values unchanged. */
export function numericId(gid: string): string {
	return /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)/.exec(gid)?.[1] ?? gid;
}
