/** What the Admin API answers, as the tests read it. */
export interface GraphqlReply {
	data?: {
		shop?: Record<string, unknown>;
		locations?: { nodes: Array<Record<string, unknown>> };
	} | null;
	errors?: string | Array<{ message: string; extensions: Record<string, unknown> }>;
	extensions: {
		cost: {
			requestedQueryCost: number;
			actualQueryCost: number | null;
			throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
		};
	};
}

export function graphqlErrors(
	reply: GraphqlReply,
): Array<{ message: string; extensions: Record<string, unknown> }> {
	if (!Array.isArray(reply.errors))
		throw new Error(`expected GraphQL errors, got ${JSON.stringify(reply.errors)}`);
	return reply.errors;
}
