/**
 * What an Approval Checkpoint link's page does in a browser, for tests and scripts that decide
 * without one: post the values the link carries in its fragment, with the page's fields, to the
 * link without its fragment.
 */
export function decisionRequest(
	link: string,
	fields: Record<string, string>,
): { target: string; body: URLSearchParams } {
	const target = new URL(link);
	const body = new URLSearchParams(target.hash.slice(1));
	target.hash = '';
	for (const [name, value] of Object.entries(fields)) body.set(name, value);
	return { target: target.toString(), body };
}
