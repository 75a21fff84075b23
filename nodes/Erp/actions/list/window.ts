/**
 * Get Many over a window of order dates: the sales orders (or their credit memos) of the orders
 * placed in it, the ERP side of a nightly reconciliation.
 */
import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readPages } from '../../../shared/contract-client';
import type { ContractContext, OperationResult } from '../../../shared/contract-operation';

export function windowDescription(resource: string): INodeProperties[] {
	const show = { resource: [resource], operation: ['getMany'] };
	return [
		{
			displayName: 'Ordered From',
			name: 'orderedFrom',
			type: 'dateTime',
			default: '',
			description: 'Only orders placed at or after this instant; empty: from the first',
			displayOptions: { show },
		},
		{
			displayName: 'Ordered Before',
			name: 'orderedBefore',
			type: 'dateTime',
			default: '',
			description: 'Only orders placed before this instant; empty: up to now',
			displayOptions: { show },
		},
		...pageDescription(show),
	];
}

/** Return All / Limit for a list operation shown under `show`. */
export function pageDescription(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: true,
			displayOptions: { show },
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: { show: { ...show, returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

/** The limit Return All / Limit ask for: undefined for all. */
export function pageLimit(fns: ContractContext['fns'], itemIndex: number): number | undefined {
	return (fns.getNodeParameter('returnAll', itemIndex) as boolean)
		? undefined
		: (fns.getNodeParameter('limit', itemIndex) as number);
}

export function windowReader(path: string) {
	return async ({ fns, client }: ContractContext): Promise<OperationResult[]> => {
		const results: OperationResult[] = [];
		for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
			const query: Record<string, string> = {};
			for (const name of ['orderedFrom', 'orderedBefore']) {
				const value = fns.getNodeParameter(name, itemIndex, '') as string | Date;
				if (value === '' || value === null) continue;
				const at = new Date(typeof value === 'string' ? value : value.valueOf());
				if (Number.isNaN(at.valueOf())) {
					throw new NodeOperationError(
						fns.getNode(),
						`${name === 'orderedFrom' ? 'Ordered From' : 'Ordered Before'} is not a date: "${String(value)}"`,
						{
							itemIndex,
							description:
								'Use an ISO 8601 date-time such as 2026-11-21T00:00:00Z, or an expression like {{ $now.minus(1, "day").startOf("day") }}.',
						},
					);
				}
				query[name] = at.toISOString();
			}
			results.push({
				itemIndex,
				items: await readPages(fns, client, path, query, itemIndex, pageLimit(fns, itemIndex)),
			});
		}
		return results;
	};
}
