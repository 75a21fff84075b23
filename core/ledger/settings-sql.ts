/**
 * The ledger's settings: values a node learns (the support desk's address) and secrets (created
 * once, by whichever process asks first).
 */
import type { Dialect, Statement } from './dialect';

/** Keeps the first value ever offered under the name (a secret); every caller reads that one back. */
export function offerSettingStatement(
	d: Dialect,
	name: string,
	value: string,
	now: number,
): Statement {
	return {
		sql: `INSERT INTO ${d.table('settings')} (name, value, updated_at) VALUES (${d.param(1)}, ${d.param(2)}, ${d.param(3)}) ON CONFLICT (name) DO NOTHING`,
		params: [name, value, now],
	};
}

/** Sets the value under the name, replacing what was there. */
export function putSettingStatement(
	d: Dialect,
	name: string,
	value: string,
	now: number,
): Statement {
	return {
		sql: `INSERT INTO ${d.table('settings')} (name, value, updated_at) VALUES (${d.param(1)}, ${d.param(2)}, ${d.param(3)})
			ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		params: [name, value, now],
	};
}

export function settingStatement(d: Dialect, name: string): Statement {
	return {
		sql: `SELECT value FROM ${d.table('settings')} WHERE name = ${d.param(1)}`,
		params: [name],
	};
}
