/**
 * A paged list of the canonical contract (`{ items, nextCursor }`, at most 500 a page) read as
 * one stream of items. The next page is asked for as soon as a page arrives, so the network
 * and the caller's work on the current page overlap; at most two pages are held.
 */
export interface ContractPage<T> {
	items: T[];
	nextCursor: string | null;
}

/** Reads the page after `cursor` (null: the first page). */
export type PageReader<T> = (cursor: string | null) => Promise<ContractPage<T>>;

/** The contract's largest page. */
export const MAX_PAGE_SIZE = 500;

/** The items of each page, a page at a time. */
export async function* pagedItems<T>(readPage: PageReader<T>): AsyncGenerator<T[]> {
	let next: Promise<ContractPage<T>> | undefined = readPage(null);
	while (next) {
		const page: ContractPage<T> = await next;
		if (!Array.isArray(page?.items))
			throw new Error(
				'A page of the list has no "items": the system does not page as the contract says',
			);
		next = page.nextCursor ? readPage(page.nextCursor) : undefined;
		// A read ahead that fails while this page is consumed is reported when it is awaited.
		next?.catch(() => undefined);
		if (page.items.length) yield page.items;
	}
}

/** The query string of a page: the list's own filters, the page size and the cursor. */
export function pageQuery(query: Record<string, string>, cursor: string | null): string {
	return new URLSearchParams({
		...query,
		limit: String(MAX_PAGE_SIZE),
		...(cursor ? { cursor } : {}),
	}).toString();
}
