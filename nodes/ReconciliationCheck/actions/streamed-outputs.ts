/**
 * Compare Shopify With ERP's row outputs, shaped like Compare's: mismatched pairs then duplicated
 * keys, and the rows only one side has. Matched pairs are counted in the Summary, not output.
 * Rows are as the comparison reads them (A's: the fields it compares; the key names the rest).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	displayKey,
	type NumberedRow,
	type RowFlag,
	type StreamedResult,
} from '../../../core/reconcile';

const json = (value: unknown) => ({ json: value as IDataObject });

function flagged(flags: Record<string, RowFlag>, a: NumberedRow, b: NumberedRow): IDataObject {
	const held = Object.keys(flags).filter((name) => flags[name](a.row, b.row));
	return held.length ? { flags: Object.fromEntries(held.map((name) => [name, true])) } : {};
}

function onlyIn(
	rows: Array<NumberedRow & { key: string }>,
	unkeyed: NumberedRow[],
	status: 'onlyInA' | 'onlyInB',
): INodeExecutionData[] {
	return [
		...rows.map(({ row, key }) =>
			json({ ...row, reconciliation: { key: displayKey(key), status } }),
		),
		...unkeyed.map(({ row, ordinal }) =>
			json({
				...row,
				reconciliation: {
					status: 'unkeyed',
					row: ordinal + 1,
					problem: row.problem ?? 'no value in the key field(s)',
				},
			}),
		),
	];
}

/** Matched (empty), Mismatched, Only in A, Only in B. */
export function streamedOutputs(
	result: StreamedResult,
	flags: Record<string, RowFlag>,
): INodeExecutionData[][] {
	const mismatched = result.mismatched.map(({ key, a, b, differences }) =>
		json({
			key: displayKey(key),
			status: 'mismatched',
			differences,
			a: a.row,
			b: b.row,
			...flagged(flags, a, b),
		}),
	);
	for (const duplicate of result.duplicates) {
		mismatched.push(
			json({
				key: displayKey(duplicate.key),
				status: 'duplicateKey',
				differences: [
					{
						field: '(key)',
						a: duplicate.a.length,
						b: duplicate.b.length,
						delta: null,
						note: 'the key occurs more than once on a side',
					},
				],
				// Row numbers (from 1) in the order each side was read: the rows themselves are not held.
				rows: { a: duplicate.a.map((row) => row + 1), b: duplicate.b.map((row) => row + 1) },
			}),
		);
	}
	return [
		[],
		mismatched,
		onlyIn(result.onlyInA, result.unkeyedA, 'onlyInA'),
		onlyIn(result.onlyInB, result.unkeyedB, 'onlyInB'),
	];
}
