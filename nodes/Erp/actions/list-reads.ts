/**
 * The ERP's list reads: the limit Return All / Limit set, and the reads over a window of order
 * dates (the sales orders or credit memos of the orders placed in it, the ERP side of a nightly
 * reconciliation).
 */
import { NodeOperationError } from 'n8n-workflow';

import { readPages } from '../../shared/contract-client';
import type { ContractContext, Operation, OperationResult } from '../../shared/contract-operation';

/** The limit Return All / Limit ask for: undefined for all. */
export function pageLimit(fns: ContractContext['fns'], itemIndex: number): number | undefined {
	return (fns.getNodeParameter('returnAll', itemIndex) as boolean)
		? undefined
		: (fns.getNodeParameter('limit', itemIndex) as number);
}

const WINDOW_ENDS = { orderedFrom: 'Ordered From', orderedBefore: 'Ordered Before' };

/** The window's ends as the contract's query (ISO instants); an end that is not a date is an error. */
function windowQuery(fns: ContractContext['fns'], itemIndex: number): Record<string, string> {
	const query: Record<string, string> = {};
	for (const [name, displayName] of Object.entries(WINDOW_ENDS)) {
		const value = fns.getNodeParameter(name, itemIndex, '') as string | Date;
		if (value === '' || value === null) continue;
		const at = new Date(typeof value === 'string' ? value : value.valueOf());
		if (Number.isNaN(at.valueOf())) {
			throw new NodeOperationError(
				fns.getNode(),
				`${displayName} is not a date: "${String(value)}"`,
				{
					itemIndex,
					description:
						'Use an ISO 8601 date-time such as 2026-11-21T00:00:00Z, or an expression like {{ $now.minus(1, "day").startOf("day") }}.',
				},
			);
		}
		query[name] = at.toISOString();
	}
	return query;
}

/** Get Many at `path` over the window of order dates, per input item. */
export function orderWindowReader(path: string): Operation {
	return async ({ fns, client }: ContractContext): Promise<OperationResult[]> => {
		const results: OperationResult[] = [];
		for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
			const query = windowQuery(fns, itemIndex);
			results.push({
				itemIndex,
				items: await readPages(fns, client, path, query, itemIndex, pageLimit(fns, itemIndex)),
			});
		}
		return results;
	};
}
