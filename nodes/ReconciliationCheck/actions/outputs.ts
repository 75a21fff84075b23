/** Compare's row outputs: matched and mismatched pairs (duplicated keys with them), and the rows only one side has. */
import type { IDataObject, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { displayKey, type PreparedSide, type reconcile } from '../../../core/reconcile';

/** Both sides as prepared, with their items and keys: what every output is built from. */
export interface Compared {
	a: PreparedSide;
	b: PreparedSide;
	itemsA: IDataObject[];
	itemsB: IDataObject[];
	keyA: (row: number) => string;
	keyB: (row: number) => string;
}

export type Result = ReturnType<typeof reconcile>;

/** What a row shows in the output: the item it came from, or an aggregate (refunds per order) with its items. */
function shown(side: PreparedSide, items: IDataObject[], row: number): IDataObject {
	const sources = side.sources[row];
	if (!side.aggregated) return items[sources[0]];
	return { ...side.rows[row], items: sources.map((index) => items[index]) } as IDataObject;
}

function paired(side: PreparedSide, row: number, input: number): IPairedItemData[] {
	return side.sources[row].map((item) => ({ item, input }));
}

/** Matched pairs, and mismatched ones followed by every duplicated key with all its rows. */
export function pairOutputs(
	{ a, b, itemsA, itemsB, keyA }: Compared,
	result: Result,
): INodeExecutionData[][] {
	const flagsOf = (row: number) =>
		a.rows[row].belowSafetyStock ? { flags: { belowSafetyStock: true } } : {};
	const both = (i: number, j: number) => [...paired(a, i, 0), ...paired(b, j, 1)];
	const matched = result.matched.map(([i, j]) => ({
		json: { key: keyA(i), a: shown(a, itemsA, i), b: shown(b, itemsB, j), ...flagsOf(i) },
		pairedItem: both(i, j),
	}));
	const mismatched: INodeExecutionData[] = result.mismatched.map(({ a: i, b: j, differences }) => ({
		json: {
			key: keyA(i),
			status: 'mismatched',
			differences: differences as unknown as IDataObject[],
			a: shown(a, itemsA, i),
			b: shown(b, itemsB, j),
			...flagsOf(i),
		},
		pairedItem: both(i, j),
	}));
	for (const duplicate of result.duplicates) {
		const difference = {
			field: '(key)',
			a: duplicate.a.length,
			b: duplicate.b.length,
			delta: null,
			note: 'the key occurs more than once on a side',
		};
		mismatched.push({
			json: {
				key: displayKey(duplicate.key),
				status: 'duplicateKey',
				differences: [difference],
				a: duplicate.a.map((row) => shown(a, itemsA, row)),
				b: duplicate.b.map((row) => shown(b, itemsB, row)),
			},
			pairedItem: [
				...duplicate.a.flatMap((row) => paired(a, row, 0)),
				...duplicate.b.flatMap((row) => paired(b, row, 1)),
			],
		});
	}
	return [matched, mismatched];
}

/** The rows of one side without a partner, then the ones without a key (each saying why). */
export function onlyIn(
	side: PreparedSide,
	items: IDataObject[],
	rows: number[],
	unkeyed: number[],
	key: (row: number) => string,
	input: number,
): INodeExecutionData[] {
	const status = input === 0 ? 'onlyInA' : 'onlyInB';
	return [
		...rows.map((row) => ({
			json: { ...shown(side, items, row), reconciliation: { key: key(row), status } },
			pairedItem: paired(side, row, input),
		})),
		...unkeyed.map((row) => ({
			json: {
				...shown(side, items, row),
				reconciliation: {
					status: 'unkeyed',
					problem: side.rows[row].problem ?? 'no value in the key field(s)',
				},
			},
			pairedItem: paired(side, row, input),
		})),
	];
}
