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

/** The join key of a row (parts joined by an invisible separator), or undefined when a part is blank. */
export function keyReader(paths: string[], normalise: boolean): (row: Row) => string | undefined {
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
	// Joined, not concatenated: join makes one flat string, where `+=` makes a rope that V8 keeps
	// beside its flattened copy once the key is hashed (a third more memory per held key).
	return (row) => {
		const parts: string[] = [];
		for (const get of getters) {
			const value = get(row);
			if (isBlank(value)) return undefined;
			parts.push(part(value));
		}
		return parts.join(SEPARATOR);
	};
}

/**
 * Report order, the same whichever side was indexed (and in the streamed join): duplicated keys
 * by their first row in A, then those only B has by their first row in B.
 */
export function byFirstRow(x: DuplicateKey, y: DuplicateKey): number {
	return (x.a[0] ?? Infinity) - (y.a[0] ?? Infinity) || (x.b[0] ?? Infinity) - (y.b[0] ?? Infinity);
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

/** A key seen again: its rows so far (the first one included) gain the new one. */
function addDuplicate(
	duplicates: Map<string, number[]>,
	key: string,
	first: number,
	next: number,
): void {
	const rows = duplicates.get(key);
	if (rows) rows.push(next);
	else duplicates.set(key, [first, next]);
}

/** The smaller side by key: the first row of each key, the rows of keys seen twice, the rows without a key. */
function indexSide(rows: readonly Row[], keyOf: (row: Row) => string | undefined) {
	const index = new Map<string, number>();
	const duplicates = new Map<string, number[]>();
	const unkeyed: number[] = [];
	for (let i = 0; i < rows.length; i++) {
		const key = keyOf(rows[i]);
		if (key === undefined) {
			unkeyed.push(i);
			continue;
		}
		const first = index.get(key);
		if (first === undefined) index.set(key, i);
		else addDuplicate(duplicates, key, first, i);
	}
	return { index, duplicates, unkeyed };
}

/** The larger side streamed past the index: each indexed row's partner, keys seen twice, keys only here. */
function probeSide(
	rows: readonly Row[],
	keyOf: (row: Row) => string | undefined,
	index: Map<string, number>,
	indexed: number,
) {
	const partner = new Int32Array(indexed).fill(-1);
	const duplicates = new Map<string, number[]>();
	const unmatched = new Map<string, number>();
	const unkeyed: number[] = [];
	for (let j = 0; j < rows.length; j++) {
		const key = keyOf(rows[j]);
		if (key === undefined) {
			unkeyed.push(j);
			continue;
		}
		const i = index.get(key);
		if (i === undefined) {
			const first = unmatched.get(key);
			if (first === undefined) unmatched.set(key, j);
			else addDuplicate(duplicates, key, first, j);
		} else if (partner[i] === -1) partner[i] = j;
		else addDuplicate(duplicates, key, partner[i], j);
	}
	return { partner, duplicates, unmatched, unkeyed };
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
	// Index the smaller side; "small"/"large" are A/B swapped when B is smaller.
	const swap = rowsB.length < rowsA.length;
	const [small, large] = swap ? [rowsB, rowsA] : [rowsA, rowsB];
	const indexed = indexSide(small, swap ? keyB : keyA);
	const probed = probeSide(large, swap ? keyA : keyB, indexed.index, small.length);

	// Every key that is duplicated on either side, with all its rows on both sides.
	const duplicates: DuplicateKey[] = [];
	const duplicatedKeys = new Set<string>([
		...indexed.duplicates.keys(),
		...probed.duplicates.keys(),
	]);
	for (const key of duplicatedKeys) {
		const first = indexed.index.get(key);
		const smallRows = indexed.duplicates.get(key) ?? (first === undefined ? [] : [first]);
		const largeRows =
			probed.duplicates.get(key) ??
			(first !== undefined && probed.partner[first] !== -1 ? [probed.partner[first]] : []);
		duplicates.push(
			swap ? { key, a: largeRows, b: smallRows } : { key, a: smallRows, b: largeRows },
		);
	}
	duplicates.sort(byFirstRow);
	const onlyLarge = [...probed.unmatched]
		.filter(([key]) => !duplicatedKeys.has(key))
		.map(([, j]) => j)
		.sort((x, y) => x - y);
	const pairs = comparePairs(
		indexed.index,
		probed.partner,
		duplicatedKeys,
		{ small, large, swap },
		spec,
	);
	// Mismatches in A's order, as when A is indexed (and as the streamed join reports them).
	if (swap) pairs.mismatched.sort((x, y) => x.a - y.a);
	return {
		matched: pairs.matched,
		mismatched: pairs.mismatched,
		onlyInA: swap ? onlyLarge : pairs.onlySmall,
		onlyInB: swap ? pairs.onlySmall : onlyLarge,
		unkeyedA: swap ? probed.unkeyed : indexed.unkeyed,
		unkeyedB: swap ? indexed.unkeyed : probed.unkeyed,
		duplicates,
		fieldCounts: pairs.fieldCounts,
		totalA: rowsA.length,
		totalB: rowsB.length,
	};
}

/** Field comparisons once per paired key (duplicated keys excluded), after the pass. */
function comparePairs(
	index: Map<string, number>,
	partner: Int32Array,
	duplicatedKeys: Set<string>,
	sides: { small: readonly Row[]; large: readonly Row[]; swap: boolean },
	spec: ReconcileSpec,
) {
	const { small, large, swap } = sides;
	const comparators = spec.fields.map(compileField);
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
	return { matched, mismatched, onlySmall, fieldCounts };
}
