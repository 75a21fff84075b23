/**
 * Reading and normalising the values a reconciliation compares. Paths are compiled once
 * (`lines.0.sku` → a getter), so the hot loop does no string work per row.
 */
import { DateTime } from 'luxon';

import { splitList } from '../lists';
import { formatFixedDecimal, toMinorUnits } from '../money';

export type Row = Record<string, unknown>;
export type Getter = (row: Row) => unknown;

/** A getter for a dotted path; an empty path reads nothing. */
export function compilePath(path: string): Getter {
	const parts = path
		.split('.')
		.map((part) => part.trim())
		.filter(Boolean);
	if (parts.length === 0) return () => undefined;
	if (parts.length === 1) {
		const [key] = parts;
		return (row) => row?.[key];
	}
	return (row) => {
		let value: unknown = row;
		for (const part of parts) {
			if (value === null || value === undefined) return undefined;
			value = (value as Row)[part];
		}
		return value;
	};
}

export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** Case- and whitespace-insensitive text (runs of spaces count as one). */
export function normaliseText(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/\s+/g, ' ')
		.toLowerCase();
}

export interface MinorMoney {
	minor: number;
	currency: string;
}

export class MoneyReadError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MoneyReadError';
	}
}

/** A value as an error shows it: texts quoted, numbers as written (NaN included), anything else as JSON. */
function showValue(value: unknown): string {
	return typeof value === 'string'
		? JSON.stringify(value)
		: typeof value === 'number' || value === undefined
			? String(value)
			: JSON.stringify(value);
}

/** An amount already in minor units (a number, or its digits as text): whole, never NaN, a fraction or Infinity. */
function minorMoney(raw: unknown, currency: string): MinorMoney {
	const minor = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof minor !== 'number' || !Number.isSafeInteger(minor))
		throw new MoneyReadError(`${showValue(raw)} is not an amount in minor units of ${currency}`);
	return { minor, currency };
}

/**
 * Money in minor units from the shapes the pack meets: `{minor, currency}` (presets), the
 * contract's `{amount: <minor int>, currency}`, Shopify's `{amount: "12.30", currencyCode}`
 * (and Simplify's `minorUnits`), or a decimal amount with the currency given separately.
 */
export function readMoney(
	value: unknown,
	currency?: unknown,
	decimalAmounts = true,
): MinorMoney | null {
	if (isBlank(value)) return null;
	if (typeof value === 'object') {
		const money = value as Row;
		if ('minor' in money && typeof money.currency === 'string')
			return minorMoney(money.minor, money.currency);
		if ('minorUnits' in money && typeof money.currencyCode === 'string')
			return minorMoney(money.minorUnits, money.currencyCode);
		if (typeof money.currencyCode === 'string')
			return {
				minor: toMinorUnits(String(money.amount), money.currencyCode),
				currency: money.currencyCode,
			};
		if (typeof money.currency === 'string' && typeof money.amount === 'number')
			return minorMoney(money.amount, money.currency);
		throw new MoneyReadError(
			`${JSON.stringify(value)} is not money: expected {amount, currencyCode} or {amount (minor units), currency}`,
		);
	}
	if (typeof currency !== 'string' || currency.trim() === '') {
		throw new MoneyReadError(
			`The amount ${String(value)} has no currency: set the currency field of the money rule`,
		);
	}
	const code = currency.trim().toUpperCase();
	if (!decimalAmounts) return minorMoney(value, code);
	return {
		minor: toMinorUnits(typeof value === 'number' ? value : String(value).trim(), code),
		currency: code,
	};
}

/** A minor-unit difference as a decimal string in the currency's exponent (never a float, never "N.aN"). */
export const formatMinor = formatFixedDecimal;

/** Epoch milliseconds of an ISO date, an epoch number, a JS Date or a luxon DateTime; NaN when unreadable. */
export function readTime(value: unknown): number {
	if (value instanceof Date) return value.getTime();
	if (DateTime.isDateTime(value)) return value.toMillis();
	if (typeof value === 'number') return value;
	if (typeof value !== 'string') return Number.NaN;
	// The engine's own ISO parser is fast; luxon reads what it does not (week dates, ordinal dates).
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value))
		return Date.parse(value);
	const parsed = DateTime.fromISO(value.trim(), { setZone: true });
	return parsed.isValid ? parsed.toMillis() : Number.NaN;
}

/** A set from an array or a comma-separated string, normalised for comparison. */
export function readSet(value: unknown): string[] {
	const entries: unknown[] = Array.isArray(value) ? value : isBlank(value) ? [] : splitList(value);
	return [
		...new Set(
			entries
				.map((entry) => (typeof entry === 'object' ? JSON.stringify(entry) : String(entry).trim()))
				.filter(Boolean),
		),
	].sort();
}
