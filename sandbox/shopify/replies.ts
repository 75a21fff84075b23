/**
 * The bodies the emulated GraphQL endpoint answers with, in Shopify's wire format: problems
 * with the request itself, refusals on cost, and an execution's result with what it cost.
 * All but a malformed request come back as HTTP 200, as Shopify sends them.
 */
import type { ExecutionResult } from 'graphql';

import { MAX_QUERY_COST, type ThrottleStatus } from './cost';

const RATE_LIMIT_DOCS = 'https://shopify.dev/api/usage/rate-limits';

/** HTTP 400: the body is not JSON or has no query. */
export const MISSING_QUERY = { errors: { query: 'Required parameter missing or invalid' } };

export const OPERATION_NAME_REQUIRED = {
	errors: [
		{
			message: 'An operation name is required',
			extensions: { code: 'operationNameRequired' },
		},
	],
};

export function maxCostExceeded(requested: number): Record<string, unknown> {
	return {
		errors: [
			{
				message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`,
				extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_QUERY_COST },
			},
		],
	};
}

export function throttled(requested: number, status: ThrottleStatus): Record<string, unknown> {
	return {
		errors: [
			{
				message: 'Throttled',
				extensions: { code: 'THROTTLED', documentation: RATE_LIMIT_DOCS },
			},
		],
		extensions: {
			cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: status },
		},
	};
}

/** Data, errors raised while resolving (coded INTERNAL_SERVER_ERROR unless they carry a code) and cost. */
export function executionReply(
	result: ExecutionResult,
	cost: { requested: number; actual: number; status: ThrottleStatus },
): Record<string, unknown> {
	return {
		...(result.errors
			? {
					errors: result.errors.map((error) => ({
						...error.toJSON(),
						extensions: { code: 'INTERNAL_SERVER_ERROR', ...error.extensions },
					})),
				}
			: {}),
		data: result.data ?? null,
		extensions: {
			cost: {
				requestedQueryCost: cost.requested,
				actualQueryCost: cost.actual,
				throttleStatus: cost.status,
			},
		},
	};
}
