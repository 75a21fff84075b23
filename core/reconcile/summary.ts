/** The run's summary, the threshold verdict, and the trend of past runs. */
import { displayKey, type ReconcileResult } from './engine';
import type { Difference } from './rules';

export interface Threshold {
	/** Fail when the exception rate is above this percentage. */
	maxExceptionRatePercent?: number;
	/** Fail when there are more exceptions than this. */
	maxExceptions?: number;
}

export interface ReconcileSummary {
	check: string;
	ranAt: string;
	totals: { a: number; b: number };
	counts: {
		matched: number;
		mismatched: number;
		onlyInA: number;
		onlyInB: number;
		unkeyedA: number;
		unkeyedB: number;
		duplicateKeys: number;
		duplicateRows: number;
	};
	/** Every row that needs a person: mismatched pairs, rows on one side only, unkeyed and duplicate-key rows. */
	exceptions: number;
	/** Exceptions per compared unit (matched + exceptions), in percent, two decimals. */
	exceptionRatePercent: number;
	topMismatchedFields: Array<{ field: string; count: number }>;
	threshold: Threshold & { exceeded: boolean; verdict: 'pass' | 'fail'; reasons: string[] };
	/** Preset findings that are not exceptions of the join (inventory below safety stock). */
	flags?: Record<string, number>;
	/** The first exceptions in words ("shopify:order:1001: total differs"), for an alert a person can act on. */
	examples?: string[];
}

/** At most this many exceptions are named in a summary: an alert, not a report. */
export const MAX_EXAMPLES = 20;

/** The exceptions of a run in report order, as the words of an example need them. */
export interface ExceptionsInOrder {
	mismatched: Iterable<{ key: string; differences: Difference[] }>;
	onlyInA: Iterable<string>;
	onlyInB: Iterable<string>;
	/** Duplicated keys as the join holds them (composite parts not yet displayed). */
	duplicates: Iterable<string>;
	/** Row numbers (from 0) without a key. */
	unkeyedA: Iterable<number>;
	unkeyedB: Iterable<number>;
}

function* worded(exceptions: ExceptionsInOrder): Generator<string> {
	for (const { key, differences } of exceptions.mismatched)
		yield `${key}: ${differences.map((difference) => difference.field).join(', ')} ${differences.length === 1 ? 'differs' : 'differ'}`;
	for (const key of exceptions.onlyInA) yield `${key}: only in A`;
	for (const key of exceptions.onlyInB) yield `${key}: only in B`;
	for (const key of exceptions.duplicates) yield `${displayKey(key)}: key occurs more than once`;
	for (const row of exceptions.unkeyedA) yield `row ${row + 1} of A has no key`;
	for (const row of exceptions.unkeyedB) yield `row ${row + 1} of B has no key`;
}

/** The first MAX_EXAMPLES exceptions in words: a run with a million exceptions words twenty. */
export function examplesOf(exceptions: ExceptionsInOrder): string[] {
	const examples: string[] = [];
	for (const text of worded(exceptions)) {
		if (examples.length === MAX_EXAMPLES) break;
		examples.push(text);
	}
	return examples;
}

/** Each value mapped as it is read: examples stop at twenty, the lists may hold millions. */
export function* mapped<T, U>(values: Iterable<T>, map: (value: T) => U): Generator<U> {
	for (const value of values) yield map(value);
}

/** Item mode's examples; `keyA`/`keyB` display the key of a row of A/B. */
export function exceptionExamples(
	result: ReconcileResult,
	keyA: (row: number) => string,
	keyB: (row: number) => string,
): string[] {
	return examplesOf({
		mismatched: mapped(result.mismatched, ({ a, differences }) => ({ key: keyA(a), differences })),
		onlyInA: mapped(result.onlyInA, keyA),
		onlyInB: mapped(result.onlyInB, keyB),
		duplicates: mapped(result.duplicates, (duplicate) => duplicate.key),
		unkeyedA: result.unkeyedA,
		unkeyedB: result.unkeyedB,
	});
}

/** What a summary counts: item mode's result, or the streamed join's (which counts matches without keeping them). */
export interface Outcome {
	matched: number | readonly unknown[];
	mismatched: readonly unknown[];
	onlyInA: readonly unknown[];
	onlyInB: readonly unknown[];
	unkeyedA: readonly unknown[];
	unkeyedB: readonly unknown[];
	duplicates: ReadonlyArray<{ a: readonly unknown[]; b: readonly unknown[] }>;
	fieldCounts: Map<string, number>;
	totalA: number;
	totalB: number;
}

export function summarise(
	check: string,
	result: Outcome,
	threshold: Threshold,
	ranAt: Date,
	flags?: Record<string, number>,
	examples?: string[],
): ReconcileSummary {
	const duplicateRows = result.duplicates.reduce(
		(sum, duplicate) => sum + duplicate.a.length + duplicate.b.length,
		0,
	);
	const exceptions =
		result.mismatched.length +
		result.onlyInA.length +
		result.onlyInB.length +
		result.unkeyedA.length +
		result.unkeyedB.length +
		duplicateRows;
	const matched = typeof result.matched === 'number' ? result.matched : result.matched.length;
	const units = matched + exceptions;
	const exceptionRatePercent = units === 0 ? 0 : Math.round((exceptions / units) * 10_000) / 100;
	const reasons: string[] = [];
	if (
		threshold.maxExceptionRatePercent !== undefined &&
		exceptionRatePercent > threshold.maxExceptionRatePercent
	) {
		reasons.push(
			`exception rate ${exceptionRatePercent} % is above ${threshold.maxExceptionRatePercent} %`,
		);
	}
	if (threshold.maxExceptions !== undefined && exceptions > threshold.maxExceptions) {
		reasons.push(
			`${exceptions} ${exceptions === 1 ? 'exception' : 'exceptions'}, more than the ${threshold.maxExceptions} allowed`,
		);
	}
	return {
		check,
		ranAt: ranAt.toISOString(),
		totals: { a: result.totalA, b: result.totalB },
		counts: {
			matched,
			mismatched: result.mismatched.length,
			onlyInA: result.onlyInA.length,
			onlyInB: result.onlyInB.length,
			unkeyedA: result.unkeyedA.length,
			unkeyedB: result.unkeyedB.length,
			duplicateKeys: result.duplicates.length,
			duplicateRows,
		},
		exceptions,
		exceptionRatePercent,
		topMismatchedFields: [...result.fieldCounts]
			.sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
			.slice(0, 5)
			.map(([field, count]) => ({ field, count })),
		threshold: {
			...threshold,
			exceeded: reasons.length > 0,
			verdict: reasons.length ? 'fail' : 'pass',
			reasons,
		},
		...(flags && Object.keys(flags).length ? { flags } : {}),
		...(examples?.length ? { examples } : {}),
	};
}
