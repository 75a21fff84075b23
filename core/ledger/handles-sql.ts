/** Trail handles: an order name, an ERP reference … → the entities whose trails it finds. */
import type { Dialect, Statement } from './dialect';
import { indexedForm } from './indexed';

/** How a handle is stored and looked up: trimmed, lower case, so `#1025` and ` #1025` meet. */
export const normalHandle = (handle: string): string => handle.trim().toLowerCase();

export function addHandlesStatement(
	d: Dialect,
	pairs: Array<{ handle: string; entity: string }>,
	at: number,
): Statement {
	const p = (n: number) => d.param(n);
	const rows = pairs
		.map((_, i) => `(${p(3 * i + 1)}, ${p(3 * i + 2)}, ${p(3 * i + 3)})`)
		.join(', ');
	return {
		sql: `INSERT INTO ${d.table('trail_handles')} (handle, entity, at) VALUES ${rows} ON CONFLICT (handle, entity) DO NOTHING`,
		params: pairs.flatMap((pair) => [indexedForm(normalHandle(pair.handle)), pair.entity, at]),
	};
}

/** The entities remembered for a handle, newest first: a SKU names many orders, and the recent ones matter. */
export function entitiesForStatement(d: Dialect, handle: string, limit: number): Statement {
	return {
		sql: `SELECT entity FROM ${d.table('trail_handles')} WHERE handle = ${d.param(1)} ORDER BY at DESC, entity LIMIT ${d.param(2)}`,
		params: [indexedForm(normalHandle(handle)), limit],
	};
}
