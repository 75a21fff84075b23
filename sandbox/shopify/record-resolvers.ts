/** How the emulator executes documents against its records (shared by requests and bulk operations). */
import type { GraphQLFieldResolver, GraphQLTypeResolver } from 'graphql';

/** Store records carry their GraphQL type in `__typename` (for interfaces such as Node). */
export const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value) =>
	(value as { __typename?: string }).__typename;

/** Properties are read as they are; function-valued properties are called with the field's arguments. */
export const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (
	source,
	args,
	context,
	info,
) => {
	const value = (source as Record<string, unknown> | null)?.[info.fieldName];
	return typeof value === 'function'
		? (value as (...a: unknown[]) => unknown).call(source, args, context, info)
		: value;
};
