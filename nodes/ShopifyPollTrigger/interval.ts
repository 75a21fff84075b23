/**
 * How often a poll trigger polls, from n8n's Poll Times parameter (the shortest of its times), so
 * a health check can tell a poll that stopped from one that is not due yet. A custom cron is taken
 * as hourly: its interval cannot be read off without a cron parser.
 */
import type { IDataObject } from 'n8n-workflow';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function itemInterval(item: IDataObject): number {
	switch (item.mode) {
		case 'everyMinute':
			return MINUTE;
		case 'everyX':
			return Math.max(1, Number(item.value) || 1) * (item.unit === 'hours' ? HOUR : MINUTE);
		case 'everyDay':
			return DAY;
		case 'everyWeek':
			return 7 * DAY;
		case 'everyMonth':
			return 31 * DAY;
		default:
			return HOUR;
	}
}

export function pollIntervalMs(pollTimes: IDataObject | undefined): number {
	const items = (pollTimes?.item as IDataObject[] | undefined) ?? [];
	return items.length === 0 ? 15 * MINUTE : Math.min(...items.map(itemInterval));
}
