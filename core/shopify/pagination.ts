/**
 * Cursor pagination that sizes each page by its cost: Shopify refuses a single query above
 * 1,000 points, and a connection costs about `first` × the cost of one node. After the first
 * page we know what one node costs, so later pages are as large as the limit allows (≤ 250).
 */

export interface PageInfo {
	hasNextPage: boolean;
	endCursor: string | null;
}

export interface Page<T> {
	nodes: T[];
	pageInfo: PageInfo;
	/** The cost Shopify charged up front for this page, when known. */
	requestedCost?: number;
}

export const MAX_PAGE_SIZE = 250;
export const MAX_SINGLE_QUERY_COST = 1000;

/** The largest page whose requested cost stays under the single-query limit. */
export function nextPageSize(
	previousSize: number,
	requestedCost: number | undefined,
	limit = MAX_SINGLE_QUERY_COST,
): number {
	if (!requestedCost || previousSize <= 0) return previousSize;
	const perNode = Math.max(1, (requestedCost - 2) / previousSize);
	return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor((limit * 0.95 - 2) / perNode)));
}

export interface CollectOptions<T> {
	initialPageSize: number;
	limit?: number;
	/** The next page's size after `page` (asked with `previousSize`); by its cost if not given. */
	sizeAfter?: (previousSize: number, page: Page<T>) => number;
}

/**
 * Fetches pages until there are no more or `limit` nodes were collected.
 * `fetchPage(first, after)` returns one page.
 */
export async function collectPages<T>(
	fetchPage: (first: number, after: string | null) => Promise<Page<T>>,
	options: CollectOptions<T>,
): Promise<T[]> {
	const collected: T[] = [];
	let size = options.initialPageSize;
	let after: string | null = null;
	for (;;) {
		const wanted =
			options.limit === undefined ? size : Math.min(size, options.limit - collected.length);
		const page = await fetchPage(wanted, after);
		collected.push(...page.nodes);
		if (
			!page.pageInfo.hasNextPage ||
			(options.limit !== undefined && collected.length >= options.limit)
		)
			break;
		after = page.pageInfo.endCursor;
		size = options.sizeAfter
			? options.sizeAfter(wanted, page)
			: nextPageSize(wanted, page.requestedCost);
	}
	return options.limit === undefined ? collected : collected.slice(0, options.limit);
}
