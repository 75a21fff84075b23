/**
 * How one field is compared. Each rule compiles to a function of the two values that returns
 * null when they agree, or the difference with a delta a person can read. Money is compared in
 * minor units of its ISO 4217 exponent, never as floats.
 */
import { Duration } from 'luxon';

import {
	compilePath,
	formatMinor,
	isBlank,
	normaliseText,
	readMoney,
	readSet,
	readTime,
	type Getter,
	type Row,
} from './values';

export type FieldRule =
	| { kind: 'exact' }
	| { kind: 'text' }
	| { kind: 'number'; absolute?: number; relativePercent?: number }
	| {
			kind: 'money';
			toleranceMinor?: number;
			currencyPathA?: string;
			currencyPathB?: string;
			currency?: string;
			amounts?: 'decimal' | 'minor';
	  }
	| { kind: 'date'; tolerance?: string }
	| { kind: 'set' };

export interface FieldSpec {
	/** The name differences are reported under. */
	name: string;
	pathA: string;
	pathB: string;
	rule: FieldRule;
}

export interface Difference {
	field: string;
	a: unknown;
	b: unknown;
	/** b − a where that means something (numbers, money as a decimal string, milliseconds), else null. */
	delta: number | string | null;
	/** Extra words where a delta cannot say it (currencies differ, missing set members). */
	note?: string;
}

export type FieldComparator = (a: Row, b: Row) => Difference | null;

export class RuleError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RuleError';
	}
}

function toleranceMs(tolerance: string | undefined): number {
	if (!tolerance) return 0;
	const text = tolerance.trim();
	const iso = text.startsWith('P') ? Duration.fromISO(text) : undefined;
	if (iso?.isValid) return iso.toMillis();
	const match =
		/^(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)$/i.exec(text);
	if (!match)
		throw new RuleError(`"${tolerance}" is not a duration: write e.g. PT5M, 5 minutes or 1 day`);
	const unit = match[2].toLowerCase();
	const key =
		unit.startsWith('ms') || unit.startsWith('milli')
			? 'milliseconds'
			: unit.startsWith('s')
				? 'seconds'
				: unit.startsWith('m')
					? 'minutes'
					: unit.startsWith('h')
						? 'hours'
						: 'days';
	return Duration.fromObject({ [key]: Number(match[1]) }).toMillis();
}

/** What every rule's comparator reads: the field's name and the two values of a pair. */
interface Sides {
	field: string;
	getA: Getter;
	getB: Getter;
}

type RuleOf<K extends FieldRule['kind']> = Extract<FieldRule, { kind: K }>;

const bothBlank = (a: unknown, b: unknown) => isBlank(a) && isBlank(b);

function exact({ field, getA, getB }: Sides): FieldComparator {
	return (rowA, rowB) => {
		const a = getA(rowA);
		const b = getB(rowB);
		if (a === b || bothBlank(a, b)) return null;
		if (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b))
			return null;
		return { field, a, b, delta: null };
	};
}

function text({ field, getA, getB }: Sides): FieldComparator {
	return (rowA, rowB) => {
		const a = getA(rowA);
		const b = getB(rowB);
		return a === b || normaliseText(a) === normaliseText(b) ? null : { field, a, b, delta: null };
	};
}

function number({ field, getA, getB }: Sides, rule: RuleOf<'number'>): FieldComparator {
	const absolute = rule.absolute ?? 0;
	const relative = (rule.relativePercent ?? 0) / 100;
	return (rowA, rowB) => {
		const a = getA(rowA);
		const b = getB(rowB);
		// Identical values need no parsing: the common case at a million rows.
		if ((a === b && a !== '') || bothBlank(a, b)) return null;
		const x = Number(a);
		const y = Number(b);
		if (isBlank(a) || isBlank(b) || Number.isNaN(x) || Number.isNaN(y)) {
			return { field, a, b, delta: null, note: 'not a number on one side' };
		}
		const delta = y - x;
		const allowed = Math.max(absolute, relative * Math.max(Math.abs(x), Math.abs(y)));
		// Scaled integers: 0.1 + 0.2 style noise never decides a tolerance.
		return Math.abs(delta) <= allowed + 1e-9
			? null
			: { field, a, b, delta: Number(delta.toPrecision(12)) };
	};
}

function money({ field, getA, getB }: Sides, rule: RuleOf<'money'>): FieldComparator {
	const tolerance = rule.toleranceMinor ?? 0;
	const currencyA = compilePath(rule.currencyPathA ?? '');
	const currencyB = compilePath(rule.currencyPathB ?? '');
	const decimal = rule.amounts !== 'minor';
	return (rowA, rowB) => {
		const a = getA(rowA);
		const b = getB(rowB);
		const codeA = currencyA(rowA) ?? rule.currency;
		const codeB = currencyB(rowB) ?? rule.currency;
		if (
			a === b &&
			codeA === codeB &&
			typeof a !== 'object' &&
			!isBlank(a) &&
			typeof codeA === 'string'
		)
			return null;
		// One unreadable amount is that row's difference, naming the side and the value, not the end of the run.
		let side: 'A' | 'B' = 'A';
		let x;
		let y;
		try {
			x = readMoney(a, codeA, decimal);
			side = 'B';
			y = readMoney(b, codeB, decimal);
		} catch (error) {
			return { field, a, b, delta: null, note: `${field} in ${side}: ${(error as Error).message}` };
		}
		if (!x && !y) return null;
		if (!x || !y) return { field, a, b, delta: null, note: 'missing on one side' };
		if (x.currency !== y.currency)
			return { field, a, b, delta: null, note: `currency ${x.currency} vs ${y.currency}` };
		const delta = y.minor - x.minor;
		return Math.abs(delta) <= tolerance
			? null
			: { field, a, b, delta: formatMinor(delta, x.currency) };
	};
}

function date({ field, getA, getB }: Sides, rule: RuleOf<'date'>): FieldComparator {
	const allowed = toleranceMs(rule.tolerance);
	return (rowA, rowB) => {
		const a = getA(rowA);
		const b = getB(rowB);
		if (a === b || bothBlank(a, b)) return null;
		const x = readTime(a);
		const y = readTime(b);
		if (Number.isNaN(x) || Number.isNaN(y))
			return { field, a, b, delta: null, note: 'not a date on one side' };
		return Math.abs(y - x) <= allowed ? null : { field, a, b, delta: y - x };
	};
}

function set({ field, getA, getB }: Sides): FieldComparator {
	return (rowA, rowB) => {
		const a = getA(rowA);
		const b = getB(rowB);
		const x = readSet(a);
		const y = readSet(b);
		if (x.length === y.length && x.every((entry, index) => entry === y[index])) return null;
		const onlyA = x.filter((entry) => !y.includes(entry));
		const onlyB = y.filter((entry) => !x.includes(entry));
		return {
			field,
			a,
			b,
			delta: null,
			note: `only in A: ${onlyA.join(', ') || '–'}; only in B: ${onlyB.join(', ') || '–'}`,
		};
	};
}

/** The comparator of one field: its paths compiled once, its rule's settings read once, for every pair. */
export function compileField(spec: FieldSpec): FieldComparator {
	const sides: Sides = {
		field: spec.name,
		getA: compilePath(spec.pathA),
		getB: compilePath(spec.pathB),
	};
	const rule = spec.rule;
	switch (rule.kind) {
		case 'exact':
			return exact(sides);
		case 'text':
			return text(sides);
		case 'number':
			return number(sides, rule);
		case 'money':
			return money(sides, rule);
		case 'date':
			return date(sides, rule);
		case 'set':
			return set(sides);
	}
}
