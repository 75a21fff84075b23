/**
 * Shopify's `@idempotent(key:)` directive on mutations such as refundCreate and
 * inventorySetQuantities: required from API version 2026-04, the same key with the same
 * arguments returns the first result without a second effect, with other arguments it is refused.
 */
import { GraphQLError, valueFromASTUntyped, type GraphQLResolveInfo } from 'graphql';

export interface IdempotencyRecord {
	fingerprint: string;
	result: unknown;
}

/** Versions from which a mutation without the directive is an error. */
function directiveRequired(apiVersion: string): boolean {
	return apiVersion === 'unstable' || apiVersion >= '2026-04';
}

export function idempotencyKey(info: GraphQLResolveInfo): string | undefined {
	const directive = info.fieldNodes[0].directives?.find(
		(candidate) => candidate.name.value === 'idempotent',
	);
	const argument = directive?.arguments?.find((candidate) => candidate.name.value === 'key');
	if (!argument) return undefined;
	return String(valueFromASTUntyped(argument.value, info.variableValues));
}

export class IdempotencyStore {
	private readonly records = new Map<string, IdempotencyRecord>();

	/**
	 * Runs a mutation under its idempotency key. `mismatch` builds the payload Shopify answers
	 * when a key comes back with different arguments.
	 */
	run<T>(
		info: GraphQLResolveInfo,
		apiVersion: string,
		args: unknown,
		mutation: () => T,
		mismatch: () => T,
	): T {
		const key = idempotencyKey(info);
		if (key === undefined) {
			if (directiveRequired(apiVersion)) {
				throw new GraphQLError(
					`The @idempotent directive is required for ${info.fieldName} from API version 2026-04.`,
					{
						extensions: { code: 'IDEMPOTENCY_KEY_REQUIRED' },
					},
				);
			}
			return mutation();
		}
		if (key.trim() === '') {
			throw new GraphQLError('The idempotency key cannot be an empty string or whitespace only.', {
				extensions: { code: 'BAD_REQUEST' },
			});
		}
		const scope = `${info.fieldName}:${key}`;
		const fingerprint = JSON.stringify(args);
		const previous = this.records.get(scope);
		if (previous) return previous.fingerprint === fingerprint ? (previous.result as T) : mismatch();
		const result = mutation();
		this.records.set(scope, { fingerprint, result });
		return result;
	}
}
