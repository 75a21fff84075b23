/** Cursor pagination, as Shopify pages every connection. */

export interface ConnectionArgs {
	first?: number;
	after?: string;
	last?: number;
	before?: string;
	reverse?: boolean;
}

export class ConnectionArgumentError extends Error {}

/** Bulk queries page nothing: while one runs, connections without first/last return everything. */
let unbounded = false;

export function withUnboundedConnections<T>(run: () => T): T {
	unbounded = true;
	try {
		return run();
	} finally {
		unbounded = false;
	}
}

/** Cursor pagination over an ordered list, with Shopify's limit of 250 per page. */
export function connection<T extends { id?: unknown }>(records: T[], args: ConnectionArgs) {
	if (args.first === undefined && args.last === undefined) {
		if (unbounded) return connection(records, { ...args, first: records.length });
		throw new ConnectionArgumentError('you must provide one of first or last');
	}
	const size = args.first ?? args.last ?? 0;
	if (size > 250 && !unbounded)
		throw new ConnectionArgumentError(`The page size ${size} exceeds the maximum of 250`);
	const cursorOf = (record: T) =>
		Buffer.from(JSON.stringify({ last_id: String(record.id) })).toString('base64');
	const indexOf = (cursor: string) => records.findIndex((record) => cursorOf(record) === cursor);
	let start = 0;
	let end = records.length;
	if (args.after) start = indexOf(args.after) + 1;
	if (args.before) end = Math.max(0, indexOf(args.before));
	let page = records.slice(start, end);
	if (args.first !== undefined) page = page.slice(0, args.first);
	else page = page.slice(Math.max(0, page.length - size));
	const firstIndex = page.length ? records.indexOf(page[0]) : start;
	const lastIndex = page.length ? records.indexOf(page[page.length - 1]) : start - 1;
	return {
		edges: page.map((node) => ({ cursor: cursorOf(node), node })),
		nodes: page,
		pageInfo: {
			hasNextPage:
				lastIndex < records.length - 1 && (args.before === undefined || lastIndex < end - 1),
			hasPreviousPage: firstIndex > 0,
			startCursor: page.length ? cursorOf(page[0]) : null,
			endCursor: page.length ? cursorOf(page[page.length - 1]) : null,
		},
	};
}
