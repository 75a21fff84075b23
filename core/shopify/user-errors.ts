/**
 * Shopify reports a refused mutation in the payload's `userErrors`, with HTTP 200 and data:
 * nothing was changed. Every mutation result goes through `assertNoUserErrors`, so a refusal is
 * never mistaken for success.
 */

export interface UserError {
	field?: string[] | null;
	message: string;
	code?: string | null;
}

export class ShopifyUserError extends Error {
	constructor(
		readonly mutation: string,
		readonly userErrors: UserError[],
	) {
		super(`${mutation}: ${userErrors.map((error) => error.message).join('; ')}`);
		this.name = 'ShopifyUserError';
	}

	describe(): string {
		return this.userErrors
			.map(
				(error) =>
					`${error.field?.length ? `${error.field.join('.')}: ` : ''}${error.message}${error.code ? ` (${error.code})` : ''}`,
			)
			.join('; ');
	}
}

/** Returns the mutation's payload, or throws when Shopify listed user errors. */
export function assertNoUserErrors<T extends Record<string, unknown>>(
	mutation: string,
	payload: T | null | undefined,
): T {
	if (!payload) throw new ShopifyUserError(mutation, [{ message: 'Shopify returned no result' }]);
	const errors = [
		...((payload.userErrors as UserError[] | undefined) ?? []),
		...Object.entries(payload)
			.filter(([key]) => key !== 'userErrors' && key.endsWith('UserErrors'))
			.flatMap(([, value]) => (value as UserError[] | null) ?? []),
	];
	if (errors.length) throw new ShopifyUserError(mutation, errors);
	return payload;
}
