/** What a preset prepares for the join: the rows of each side and the spec to compare them by. */
import type { ReconcileSpec } from './engine';
import type { Row } from './values';

/** Rows to join, and what each row came from (its item index, or several for aggregated rows). */
export interface PreparedSide {
	rows: Row[];
	sources: number[][];
	/** Rows sum up several items (refunds per order): outputs show the row with its items. */
	aggregated?: boolean;
}

export interface PreparedPreset {
	a: PreparedSide;
	b: PreparedSide;
	spec: ReconcileSpec;
	/** Counted findings that are not join exceptions. */
	flags: Record<string, number>;
}

/** One row per item. */
export function oneToOne(items: Row[], project: (item: Row) => Row): PreparedSide {
	return { rows: items.map(project), sources: items.map((_, index) => [index]) };
}
