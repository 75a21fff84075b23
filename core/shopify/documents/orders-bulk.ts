/** The order read as a bulk operation's inner query (a function of the search: kept out of the document index). */
import { LINE_ITEM, MAILING_ADDRESS, MONEY_BAG, ORDER, SHIPPING_LINE } from './fragments';

/**
 * The orders of a search as a bulk operation's inner query: the same fields as ORDERS_QUERY,
 * written out (no fragments or variables: the search is in the text), nested connections as
 * `edges { node }` without page sizes, as bulk queries take them.
 */
export function bulkOrdersQuery(search: string): string {
	const lineItem = inlineFragments(LINE_ITEM);
	// On one line first: the documents are formatted freely, the rewrite reads them as one line.
	const order = inlineFragments(
		ORDER.replace(/\s+/g, ' ').replace(
			/shippingLines\(first: \d+\) \{ pageInfo \{ hasNextPage endCursor \} nodes \{ ([^{}]*) \} \}/,
			'shippingLines { edges { node { id $1 } } }',
		),
	);
	if (/shippingLines\(first/.test(order))
		throw new Error(
			'bulkOrdersQuery: the order fragment’s shipping lines were not rewritten for a bulk query',
		);
	return `{ orders(query: ${JSON.stringify(search)}) { edges { node { ${order} lineItems { edges { node { ${lineItem} } } } } } } }`.replace(
		/\s+/g,
		' ',
	);
}

const FRAGMENT_BODIES: Record<string, string> = Object.fromEntries(
	[ORDER, LINE_ITEM, SHIPPING_LINE, MONEY_BAG, MAILING_ADDRESS].map((text) => {
		const name = /fragment (\w+) on/.exec(text)![1];
		return [name, text.slice(text.indexOf('{') + 1, text.lastIndexOf('}'))];
	}),
);

/** A fragment's selections with every `...Spread` of our fragments written out. */
function inlineFragments(fragment: string): string {
	const body = fragment.slice(fragment.indexOf('{') + 1, fragment.lastIndexOf('}'));
	return body.replace(/\.\.\.(Orderflow\w+)/g, (_, spread: string) =>
		inlineFragments(`{${FRAGMENT_BODIES[spread]}}`),
	);
}
