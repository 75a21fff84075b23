/**
 * Shopify's search syntax for `query:` arguments, as far as list filters need it:
 * `updated_at:>'2026-11-01T00:00:00Z' status:open -tag:synced name:#1001`, terms joined by
 * (implicit) AND or by OR. A term's value is compared as a date for *_at fields, else as text.
 */

export interface SearchTerm {
	field: string;
	operator: ':' | '<' | '<=' | '>' | '>=';
	value: string;
	negated: boolean;
}

/** Alternatives (OR) of conjunctions (AND) of terms. */
export type SearchQuery = SearchTerm[][];

const TOKEN =
	/\s*(-?)([a-z_]+):(<=|>=|<|>)?('(?:[^']*)'|"(?:[^"]*)"|\S+)|\s*(OR|AND|NOT)\b|\s*(\S+)/gy;

export function parseSearch(query: string | undefined | null): SearchQuery {
	if (!query?.trim()) return [];
	const alternatives: SearchQuery = [[]];
	let negateNext = false;
	TOKEN.lastIndex = 0;
	for (let match = TOKEN.exec(query); match; match = TOKEN.exec(query)) {
		const [, minus, field, operator, rawValue, keyword, freeText] = match;
		if (keyword === 'OR') alternatives.push([]);
		else if (keyword === 'NOT') negateNext = true;
		else if (keyword === 'AND') continue;
		else {
			const value = (rawValue ?? freeText ?? '').replace(/^['"]|['"]$/g, '');
			alternatives[alternatives.length - 1].push({
				field: field ?? 'default',
				operator: (operator as SearchTerm['operator'] | undefined) ?? ':',
				value,
				negated: Boolean(minus) || negateNext,
			});
			negateNext = false;
		}
		if (TOKEN.lastIndex >= query.length) break;
	}
	return alternatives.filter((terms) => terms.length > 0);
}

/** How a record exposes a searchable field: one value or several (tags). */
export type FieldAccessor<T> = (
	record: T,
) => string | number | null | undefined | Array<string | number>;

function relativeDate(value: string, now: Date): number {
	if (value === 'now') return now.getTime();
	const parsed = Date.parse(value);
	if (Number.isNaN(parsed)) throw new Error(`Invalid date in search query: ${value}`);
	return parsed;
}

function matchesTerm<T>(
	record: T,
	term: SearchTerm,
	fields: Record<string, FieldAccessor<T>>,
	now: Date,
): boolean {
	const accessor = fields[term.field];
	// Shopify ignores filters it does not know; so does the emulator.
	if (!accessor) return true;
	const raw = accessor(record);
	const values = (Array.isArray(raw) ? raw : [raw]).filter(
		(value) => value !== null && value !== undefined,
	);
	const hit = values.some((value) => {
		if (term.field.endsWith('_at')) {
			const left = Date.parse(String(value));
			const right = relativeDate(term.value, now);
			switch (term.operator) {
				case '<':
					return left < right;
				case '<=':
					return left <= right;
				case '>':
					return left > right;
				case '>=':
					return left >= right;
				default:
					return String(value).startsWith(term.value) || left === right;
			}
		}
		if (typeof value === 'number' && term.operator !== ':') {
			const right = Number(term.value);
			return term.operator === '<'
				? value < right
				: term.operator === '<='
					? value <= right
					: term.operator === '>'
						? value > right
						: value >= right;
		}
		return String(value).toLowerCase() === term.value.toLowerCase();
	});
	return term.negated ? !hit : hit;
}

export function filterBySearch<T>(
	records: T[],
	query: string | undefined | null,
	fields: Record<string, FieldAccessor<T>>,
	now = new Date(),
): T[] {
	const parsed = parseSearch(query);
	if (parsed.length === 0) return records;
	return records.filter((record) =>
		parsed.some((terms) => terms.every((term) => matchesTerm(record, term, fields, now))),
	);
}
