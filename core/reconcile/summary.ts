/** The run's summary, the threshold verdict, and the trend of past runs. */
import { displayKey, type ReconcileResult } from './engine';

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

/** The exceptions of a result in words, in report order; `keyA`/`keyB` display the key of a row of A/B. */
function* worded(
	result: ReconcileResult,
	keyA: (row: number) => string,
	keyB: (row: number) => string,
): Generator<string> {
	for (const { a, differences } of result.mismatched)
		yield `${keyA(a)}: ${differences.map((difference) => difference.field).join(', ')} ${differences.length === 1 ? 'differs' : 'differ'}`;
	for (const row of result.onlyInA) yield `${keyA(row)}: only in A`;
	for (const row of result.onlyInB) yield `${keyB(row)}: only in B`;
	for (const duplicate of result.duplicates)
		yield `${displayKey(duplicate.key)}: key occurs more than once`;
	for (const row of result.unkeyedA) yield `row ${row + 1} of A has no key`;
	for (const row of result.unkeyedB) yield `row ${row + 1} of B has no key`;
}

/** The first MAX_EXAMPLES exceptions in words: a run with a million exceptions words twenty. */
export function exceptionExamples(
	result: ReconcileResult,
	keyA: (row: number) => string,
	keyB: (row: number) => string,
): string[] {
	const examples: string[] = [];
	for (const text of worded(result, keyA, keyB)) {
		if (examples.length === MAX_EXAMPLES) break;
		examples.push(text);
	}
	return examples;
}

export function summarise(
	check: string,
	result: ReconcileResult,
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
	const units = result.matched.length + exceptions;
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
			matched: result.matched.length,
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
