/** The run's summary, the threshold verdict, and the trend of past runs. */
import type { ReconcileResult } from './engine';

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
	counts: { matched: number; mismatched: number; onlyInA: number; onlyInB: number; unkeyedA: number; unkeyedB: number; duplicateKeys: number; duplicateRows: number };
	/** Every row that needs a person: mismatched pairs, rows on one side only, unkeyed and duplicate-key rows. */
	exceptions: number;
	/** Exceptions per compared unit (matched + exceptions), in percent, two decimals. */
	exceptionRatePercent: number;
	topMismatchedFields: Array<{ field: string; count: number }>;
	threshold: Threshold & { exceeded: boolean; verdict: 'pass' | 'fail'; reasons: string[] };
	/** Preset findings that are not exceptions of the join (inventory below safety stock). */
	flags?: Record<string, number>;
}

export function summarise(check: string, result: ReconcileResult, threshold: Threshold, ranAt: Date, flags?: Record<string, number>): ReconcileSummary {
	const duplicateRows = result.duplicates.reduce((sum, duplicate) => sum + duplicate.a.length + duplicate.b.length, 0);
	const exceptions = result.mismatched.length + result.onlyInA.length + result.onlyInB.length + result.unkeyedA.length + result.unkeyedB.length + duplicateRows;
	const units = result.matched.length + exceptions;
	const exceptionRatePercent = units === 0 ? 0 : Math.round((exceptions / units) * 10_000) / 100;
	const reasons: string[] = [];
	if (threshold.maxExceptionRatePercent !== undefined && exceptionRatePercent > threshold.maxExceptionRatePercent) {
		reasons.push(`exception rate ${exceptionRatePercent} % is above ${threshold.maxExceptionRatePercent} %`);
	}
	if (threshold.maxExceptions !== undefined && exceptions > threshold.maxExceptions) {
		reasons.push(`${exceptions} exceptions are more than ${threshold.maxExceptions}`);
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
		threshold: { ...threshold, exceeded: reasons.length > 0, verdict: reasons.length ? 'fail' : 'pass', reasons },
		...(flags && Object.keys(flags).length ? { flags } : {}),
	};
}
