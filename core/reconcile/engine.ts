/**
 * The one-pass hash join. The smaller side is indexed by key (memory proportional to it); the
 * larger side streams past the index. A key seen twice on one side is a duplicate: every row
 * carrying it is reported, none is silently collapsed or paired at random. Rows without a key
 * value are reported as unkeyed. Field comparisons run once per paired key, after the pass, so a
 * duplicate found late never leaves a comparison behind.
 */
import { compileField, type Difference, type FieldSpec } from './rules';
import { compilePath, isBlank, type Row } from './values';

export interface KeySpec {
	pathsA: string[];
	pathsB: string[];
	/** Trim and upper-case key values (SKUs typed by hand). */
	normalise?: boolean;
}

export interface ReconcileSpec {
	key: KeySpec;
	fields: FieldSpec[];
}

export interface MismatchedPair {
	a: number;
	b: number;
	differences: Difference[];
}

export interface DuplicateKey {
	key: string;
	a: number[];
	b: number[];
}

export interface ReconcileResult {
	/** Index pairs (a, b) that agree on every field. */
	matched: Array<[number, number]>;
	mismatched: MismatchedPair[];
	onlyInA: number[];
	onlyInB: number[];
	unkeyedA: number[];
	unkeyedB: number[];
	duplicates: DuplicateKey[];
	/** How often each field differed. */
	fieldCounts: Map<string, number>;
	totalA: number;
	totalB: number;
}

const SEPARATOR = '\u001f';

function keyReader(paths: string[], normalise: boolean): (row: Row) => string | undefined {
	const getters = paths.map(compilePath);
	const part = (value: unknown) => {
		const text = typeof value === 'string' ? value : String(value);
		return normalise ? text.trim().toUpperCase() : text;
	};
	if (getters.length === 1) {
		const [get] = getters;
		return (row) => {
			const value = get(row);
			return isBlank(value) ? undefined : part(value);
		};
	}
	return (row) => {
		let key = '';
		for (let index = 0; index < getters.length; index++) {
			const value = getters[index](row);
			if (isBlank(value)) return undefined;
			key += (index ? SEPARATOR : '') + part(value);
		}
		return key;
	};
}

/** The key of a row of side A or B as the join sees it, for display (parts joined by " / "). */
export function rowKey(spec: KeySpec, side: 'a' | 'b'): (row: Row) => string {
	const read = keyReader(side === 'a' ? spec.pathsA : spec.pathsB, spec.normalise ?? false);
	return (row) => displayKey(read(row) ?? '');
}

/** Displays a composite key the way people wrote its parts. */
export function displayKey(key: string): string {
	return key.split(SEPARATOR).join(' / ');
}

export function reconcile(
	rowsA: readonly Row[],
	rowsB: readonly Row[],
	spec: ReconcileSpec,
): ReconcileResult {
	if (spec.key.pathsA.length === 0 || spec.key.pathsA.length !== spec.key.pathsB.length) {
		throw new Error('The key needs the same number of fields (at least one) on both sides');
	}
	const keyA = keyReader(spec.key.pathsA, spec.key.normalise ?? false);
	const keyB = keyReader(spec.key.pathsB, spec.key.normalise ?? false);
	const comparators = spec.fields.map(compileField);

	// Index the smaller side; "small"/"large" are A/B swapped when B is smaller.
	const swap = rowsB.length < rowsA.length;
	const small = swap ? rowsB : rowsA;
	const large = swap ? rowsA : rowsB;
	const smallKey = swap ? keyB : keyA;
	const largeKey = swap ? keyA : keyB;

	const unkeyedSmall: number[] = [];
	const unkeyedLarge: number[] = [];
	const index = new Map<string, number>();
	const duplicateSmall = new Map<string, number[]>();
	for (let i = 0; i < small.length; i++) {
		const key = smallKey(small[i]);
		if (key === undefined) {
			unkeyedSmall.push(i);
			continue;
		}
		const first = index.get(key);
		if (first === undefined) index.set(key, i);
		else {
			const rows = duplicateSmall.get(key);
			if (rows) rows.push(i);
			else duplicateSmall.set(key, [first, i]);
		}
	}

	const partner = new Int32Array(small.length).fill(-1);
	const duplicateLarge = new Map<string, number[]>();
	const unmatchedLarge = new Map<string, number>();
	const onlyLarge: number[] = [];
	for (let j = 0; j < large.length; j++) {
		const key = largeKey(large[j]);
		if (key === undefined) {
			unkeyedLarge.push(j);
			continue;
		}
		const i = index.get(key);
		if (i === undefined) {
			const first = unmatchedLarge.get(key);
			if (first === undefined) unmatchedLarge.set(key, j);
			else {
				const rows = duplicateLarge.get(key);
				if (rows) rows.push(j);
				else duplicateLarge.set(key, [first, j]);
			}
			continue;
		}
		if (partner[i] === -1) partner[i] = j;
		else {
			const rows = duplicateLarge.get(key);
			if (rows) rows.push(j);
			else duplicateLarge.set(key, [partner[i], j]);
		}
	}

	// Every key that is duplicated on either side, with all its rows on both sides.
	const duplicates: DuplicateKey[] = [];
	const duplicatedKeys = new Set<string>([...duplicateSmall.keys(), ...duplicateLarge.keys()]);
	for (const key of duplicatedKeys) {
		const smallRows = duplicateSmall.get(key) ?? (index.has(key) ? [index.get(key)!] : []);
		const largeRows =
			duplicateLarge.get(key) ??
			(index.has(key) && partner[index.get(key)!] !== -1 ? [partner[index.get(key)!]] : []);
		duplicates.push(
			swap ? { key, a: largeRows, b: smallRows } : { key, a: smallRows, b: largeRows },
		);
	}
	for (const [key, j] of unmatchedLarge) if (!duplicatedKeys.has(key)) onlyLarge.push(j);
	onlyLarge.sort((x, y) => x - y);

	const matched: Array<[number, number]> = [];
	const mismatched: MismatchedPair[] = [];
	const onlySmall: number[] = [];
	const fieldCounts = new Map<string, number>();
	for (const [key, i] of index) {
		if (duplicatedKeys.has(key)) continue;
		const j = partner[i];
		if (j === -1) {
			onlySmall.push(i);
			continue;
		}
		const a = swap ? large[j] : small[i];
		const b = swap ? small[i] : large[j];
		let differences: Difference[] | undefined;
		for (const compare of comparators) {
			const difference = compare(a, b);
			if (difference) {
				(differences ??= []).push(difference);
				fieldCounts.set(difference.field, (fieldCounts.get(difference.field) ?? 0) + 1);
			}
		}
		const pair: [number, number] = swap ? [j, i] : [i, j];
		if (differences) mismatched.push({ a: pair[0], b: pair[1], differences });
		else matched.push(pair);
	}

	return {
		matched,
		mismatched,
		onlyInA: swap ? onlyLarge : onlySmall,
		onlyInB: swap ? onlySmall : onlyLarge,
		unkeyedA: swap ? unkeyedLarge : unkeyedSmall,
		unkeyedB: swap ? unkeyedSmall : unkeyedLarge,
		duplicates,
		fieldCounts,
		totalA: rowsA.length,
		totalB: rowsB.length,
	};
}
