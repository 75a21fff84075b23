/**
 * The streamed join: side A is read into an index (key → the row as prepared), side B streams
 * past it and is compared pair by pair as it arrives, so only A and B's exceptions stay in
 * memory, never B itself. It reports what `reconcile()` reports on the same rows (same counts,
 * differences, duplicate and unkeyed rows, in the same order) with rows instead of item indexes,
 * and matched pairs counted rather than listed.
 */
import { byFirstRow, displayKey, keyReader, type DuplicateKey, type ReconcileSpec } from './engine';
import { compileField, type Difference, type FieldComparator } from './rules';
import { mapped, type ExceptionsInOrder } from './summary';
import type { Row } from './values';

/** A row of one side and its number on that side (from 0, in the order it was read). */
export interface NumberedRow {
	row: Row;
	ordinal: number;
}

export interface StreamedMismatch {
	key: string;
	a: NumberedRow;
	b: NumberedRow;
	differences: Difference[];
}

export interface StreamedResult {
	matched: number;
	mismatched: StreamedMismatch[];
	onlyInA: Array<NumberedRow & { key: string }>;
	onlyInB: Array<NumberedRow & { key: string }>;
	unkeyedA: NumberedRow[];
	unkeyedB: NumberedRow[];
	/** Keys seen more than once on a side, with the numbers of all their rows on both sides. */
	duplicates: DuplicateKey[];
	fieldCounts: Map<string, number>;
	/** How many rows of A each flag (e.g. below safety stock) held for. */
	flags: Record<string, number>;
	totalA: number;
	totalB: number;
}

/**
 * Rows as they come, a batch at a time (a page, the lines of a download chunk): one await per
 * batch, not per row, which at millions of rows is most of the time.
 */
export type RowBatches = AsyncIterable<readonly Row[]> | Iterable<readonly Row[]>;

/** A finding on a row of A, given its partner in B when it has one (e.g. below safety stock). */
export type RowFlag = (a: Row, b: Row | undefined) => boolean;

export interface StreamOptions {
	flags?: Record<string, RowFlag>;
	/**
	 * What of a row of A is held until its partner comes: by default all of it. At millions of
	 * rows, the fields compared (and flagged) alone: the key is held anyway.
	 */
	holdA?: (row: Row) => Row;
}

/** A key seen again on one side: its rows so far gain the new one. */
function addDuplicate(duplicates: Map<string, number[]>, key: string, first: number, next: number) {
	const rows = duplicates.get(key);
	if (rows) rows.push(next);
	else duplicates.set(key, [first, next]);
}

class StreamJoin {
	private readonly keyA: (row: Row) => string | undefined;
	private readonly keyB: (row: Row) => string | undefined;
	private readonly comparators: FieldComparator[];
	private readonly flags: Array<[string, RowFlag]>;
	private readonly hold: (row: Row) => Row;
	private readonly flagCounts: Record<string, number> = {};
	// Side A, one slot per key: its first row, that row's number, the number of its partner in B.
	private readonly index = new Map<string, number>();
	private readonly rowsA: Row[] = [];
	private readonly ordinalsA: number[] = [];
	private readonly partners: number[] = [];
	private readonly mismatches = new Map<number, { b: NumberedRow; differences: Difference[] }>();
	private readonly duplicatesA = new Map<string, number[]>();
	private readonly duplicatesB = new Map<string, number[]>();
	private readonly unmatchedB = new Map<string, NumberedRow>();
	private readonly unkeyedA: NumberedRow[] = [];
	private readonly unkeyedB: NumberedRow[] = [];
	private totalA = 0;
	private totalB = 0;

	constructor(spec: ReconcileSpec, options: StreamOptions) {
		if (spec.key.pathsA.length === 0 || spec.key.pathsA.length !== spec.key.pathsB.length) {
			throw new Error('The key needs the same number of fields (at least one) on both sides');
		}
		this.keyA = keyReader(spec.key.pathsA, spec.key.normalise ?? false);
		this.keyB = keyReader(spec.key.pathsB, spec.key.normalise ?? false);
		this.comparators = spec.fields.map(compileField);
		this.flags = Object.entries(options.flags ?? {});
		this.hold = options.holdA ?? ((row) => row);
		for (const [name] of this.flags) this.flagCounts[name] = 0;
	}

	private flag(a: Row, b: Row | undefined): void {
		for (const [name, holds] of this.flags) if (holds(a, b)) this.flagCounts[name]++;
	}

	addA(row: Row): void {
		const ordinal = this.totalA++;
		const key = this.keyA(row);
		if (key === undefined) {
			this.flag(row, undefined);
			this.unkeyedA.push({ row, ordinal });
			return;
		}
		const slot = this.index.get(key);
		if (slot === undefined) {
			this.index.set(key, this.rowsA.length);
			this.rowsA.push(this.hold(row));
			this.ordinalsA.push(ordinal);
			this.partners.push(-1);
			return;
		}
		this.flag(row, undefined);
		addDuplicate(this.duplicatesA, key, this.ordinalsA[slot], ordinal);
	}

	addB(row: Row): void {
		const ordinal = this.totalB++;
		const key = this.keyB(row);
		if (key === undefined) return void this.unkeyedB.push({ row, ordinal });
		const slot = this.index.get(key);
		if (slot === undefined) {
			const first = this.unmatchedB.get(key);
			if (first === undefined) this.unmatchedB.set(key, { row, ordinal });
			else addDuplicate(this.duplicatesB, key, first.ordinal, ordinal);
			return;
		}
		const partner = this.partners[slot];
		if (partner !== -1) return addDuplicate(this.duplicatesB, key, partner, ordinal);
		this.partners[slot] = ordinal;
		const a = this.rowsA[slot];
		this.flag(a, row);
		let differences: Difference[] | undefined;
		for (const compare of this.comparators) {
			const difference = compare(a, row);
			if (difference) (differences ??= []).push(difference);
		}
		if (differences) this.mismatches.set(slot, { b: { row, ordinal }, differences });
	}

	/** Every key duplicated on either side, with all its rows on both sides. */
	private duplicates(): DuplicateKey[] {
		const keys = new Set([...this.duplicatesA.keys(), ...this.duplicatesB.keys()]);
		const duplicates: DuplicateKey[] = [];
		for (const key of keys) {
			const slot = this.index.get(key);
			const first = slot === undefined ? [] : [this.ordinalsA[slot]];
			const partner = slot === undefined ? -1 : this.partners[slot];
			duplicates.push({
				key,
				a: this.duplicatesA.get(key) ?? first,
				b: this.duplicatesB.get(key) ?? (partner === -1 ? [] : [partner]),
			});
		}
		return duplicates.sort(byFirstRow);
	}

	finish(): StreamedResult {
		const duplicates = this.duplicates();
		const duplicated = new Set(duplicates.map((duplicate) => duplicate.key));
		const result: StreamedResult = {
			matched: 0,
			mismatched: [],
			onlyInA: [],
			onlyInB: [],
			unkeyedA: this.unkeyedA,
			unkeyedB: this.unkeyedB,
			duplicates,
			fieldCounts: new Map(),
			flags: this.flagCounts,
			totalA: this.totalA,
			totalB: this.totalB,
		};
		for (const [key, slot] of this.index) {
			const a = { row: this.rowsA[slot], ordinal: this.ordinalsA[slot] };
			const partnered = this.partners[slot] !== -1;
			if (!partnered) this.flag(a.row, undefined);
			if (duplicated.has(key)) continue;
			if (!partnered) {
				result.onlyInA.push({ ...a, key });
				continue;
			}
			const mismatch = this.mismatches.get(slot);
			if (!mismatch) {
				result.matched++;
				continue;
			}
			result.mismatched.push({ key, a, ...mismatch });
			for (const { field } of mismatch.differences)
				result.fieldCounts.set(field, (result.fieldCounts.get(field) ?? 0) + 1);
		}
		for (const [key, b] of this.unmatchedB)
			if (!duplicated.has(key)) result.onlyInB.push({ ...b, key });
		return result;
	}
}

/**
 * Joins two row streams: all of A is read first (held by key), then B streams past it. Rows are
 * what `reconcile()` would be given (a preset's prepared rows); the spec is the same.
 */
export async function reconcileStreams(
	batchesA: RowBatches,
	batchesB: RowBatches,
	spec: ReconcileSpec,
	options: StreamOptions = {},
): Promise<StreamedResult> {
	const join = new StreamJoin(spec, options);
	for await (const batch of batchesA) for (const row of batch) join.addA(row);
	for await (const batch of batchesB) for (const row of batch) join.addB(row);
	return join.finish();
}

/** The streamed result's exceptions in report order, for the summary's examples. */
export function streamedExceptions(result: StreamedResult): ExceptionsInOrder {
	return {
		mismatched: mapped(result.mismatched, ({ key, differences }) => ({
			key: displayKey(key),
			differences,
		})),
		onlyInA: mapped(result.onlyInA, ({ key }) => displayKey(key)),
		onlyInB: mapped(result.onlyInB, ({ key }) => displayKey(key)),
		duplicates: mapped(result.duplicates, ({ key }) => key),
		unkeyedA: mapped(result.unkeyedA, ({ ordinal }) => ordinal),
		unkeyedB: mapped(result.unkeyedB, ({ ordinal }) => ordinal),
	};
}
