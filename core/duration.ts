/** Durations as users write them in node parameters: ISO 8601 (P30D, PT15M) or "15 minutes". */
import { Duration } from 'luxon';

const UNITS: Record<string, string> = {
	ms: 'milliseconds',
	millisecond: 'milliseconds',
	milliseconds: 'milliseconds',
	s: 'seconds',
	sec: 'seconds',
	second: 'seconds',
	seconds: 'seconds',
	m: 'minutes',
	min: 'minutes',
	minute: 'minutes',
	minutes: 'minutes',
	h: 'hours',
	hour: 'hours',
	hours: 'hours',
	d: 'days',
	day: 'days',
	days: 'days',
	w: 'weeks',
	week: 'weeks',
	weeks: 'weeks',
};

export class DurationError extends Error {
	constructor(
		readonly field: string,
		value: unknown,
	) {
		super(
			`${field} "${String(value)}" is not a duration: write it as ISO 8601 (P30D, PT15M) or as "15 minutes"`,
		);
		this.name = 'DurationError';
	}
}

export function durationMs(value: unknown, field: string): number {
	const text = String(value ?? '').trim();
	const iso = Duration.fromISO(text.toUpperCase());
	let ms = iso.isValid ? iso.as('milliseconds') : NaN;
	if (Number.isNaN(ms)) {
		const match = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(text);
		const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
		if (match && unit) ms = Duration.fromObject({ [unit]: Number(match[1]) }).as('milliseconds');
	}
	if (!Number.isFinite(ms) || ms <= 0) throw new DurationError(field, value);
	return ms;
}
