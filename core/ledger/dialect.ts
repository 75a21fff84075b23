/** What differs between the ledger's two SQL backends; every statement is written once against it. */

export interface Statement {
	sql: string;
	params: unknown[];
}

export interface BatchColumn {
	name: string;
	type: 'text' | 'real' | 'bigint';
}

export interface Dialect {
	name: 'sqlite' | 'postgres';
	/** Positional parameter n (1-based). */
	param(n: number): string;
	/** A table name as the statements must write it (schema-qualified on PostgreSQL). */
	table(name: string): string;
	bigint: string;
	real: string;
	serialKey: string;
	/** The row identifier used to delete in bounded batches. */
	rowId: string;
	/**
	 * A FROM clause `… AS r(columns)` over a batch of rows passed in a few parameters (from
	 * `firstParam` on), not one per value: binding is cheap and one prepared statement serves
	 * every batch size.
	 */
	batch(
		columns: BatchColumn[],
		rows: unknown[][],
		firstParam: number,
	): { from: string; params: unknown[] };
}

/** `column IN ($2, $3, …)` over a list, after the parameters already used. */
export function inList(d: Dialect, column: string, values: unknown[], firstParam: number): string {
	return `${column} IN (${values.map((_, i) => d.param(firstParam + i)).join(', ')})`;
}

export const nullableNumber = (value: unknown): number | null =>
	value === null || value === undefined ? null : Number(value);

/** Deletes at most `limit` rows matching `where` (parameters $1 and $2 are the bound and the limit). */
export function boundedDelete(
	d: Dialect,
	table: string,
	where: string,
	bound: number,
	limit: number,
	id = d.rowId,
): Statement {
	const name = d.table(table);
	return {
		sql: `DELETE FROM ${name} WHERE ${id} IN (SELECT ${id} FROM ${name} WHERE ${where} LIMIT ${d.param(2)}) RETURNING ${id}`,
		params: [bound, limit],
	};
}
