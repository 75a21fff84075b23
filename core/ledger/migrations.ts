/**
 * The ledger's schema, as numbered migrations applied once each (under a lock) by whichever
 * process opens the ledger first after an upgrade.
 */
import type { Dialect } from './dialect';

export const MIGRATIONS: Array<{ version: number; statements: (d: Dialect) => string[] }> = [
	{
		version: 1,
		statements: (d) => [
			`CREATE TABLE IF NOT EXISTS ${d.table('dedupe_keys')} (
				namespace TEXT NOT NULL,
				key TEXT NOT NULL,
				state TEXT NOT NULL,
				version TEXT,
				version_rank ${d.real},
				claim_token TEXT NOT NULL,
				lease_until ${d.bigint},
				first_seen_at ${d.bigint} NOT NULL,
				last_seen_at ${d.bigint} NOT NULL,
				times_seen INTEGER NOT NULL,
				first_execution TEXT NOT NULL,
				first_workflow TEXT NOT NULL,
				last_execution TEXT NOT NULL,
				expires_at ${d.bigint} NOT NULL,
				PRIMARY KEY (namespace, key)
			)`,
			`CREATE INDEX IF NOT EXISTS dedupe_keys_expires_at ON ${d.table('dedupe_keys')} (expires_at)`,
			`CREATE TABLE IF NOT EXISTS ${d.table('audit_events')} (
				id ${d.serialKey},
				entity TEXT NOT NULL,
				event TEXT NOT NULL,
				decision TEXT,
				workflow_id TEXT,
				execution_id TEXT,
				node TEXT,
				at ${d.bigint} NOT NULL,
				details TEXT NOT NULL
			)`,
			`CREATE INDEX IF NOT EXISTS audit_events_entity ON ${d.table('audit_events')} (entity, id)`,
		],
	},
	{
		version: 2,
		statements: (d) => [
			`CREATE TABLE IF NOT EXISTS ${d.table('idempotency_records')} (
				scope TEXT NOT NULL,
				key TEXT NOT NULL,
				fingerprint TEXT NOT NULL,
				state TEXT NOT NULL,
				owner TEXT NOT NULL,
				lease_until ${d.bigint},
				attempts INTEGER NOT NULL,
				status INTEGER,
				body TEXT,
				error TEXT,
				entity TEXT,
				created_at ${d.bigint} NOT NULL,
				updated_at ${d.bigint} NOT NULL,
				PRIMARY KEY (scope, key)
			)`,
		],
	},
	{
		version: 3,
		statements: (d) => [
			`CREATE TABLE IF NOT EXISTS ${d.table('approval_requests')} (
				request_id TEXT PRIMARY KEY,
				secret TEXT NOT NULL,
				workflow_id TEXT,
				execution_id TEXT NOT NULL,
				node TEXT,
				created_at ${d.bigint} NOT NULL,
				expires_at ${d.bigint} NOT NULL,
				quorum INTEGER NOT NULL,
				payload TEXT NOT NULL,
				status TEXT NOT NULL,
				decided_at ${d.bigint},
				decided_by TEXT
			)`,
			`CREATE TABLE IF NOT EXISTS ${d.table('approval_decisions')} (
				request_id TEXT NOT NULL,
				approver TEXT NOT NULL,
				decision TEXT NOT NULL,
				comment TEXT,
				at ${d.bigint} NOT NULL,
				ip TEXT,
				user_agent TEXT,
				PRIMARY KEY (request_id, approver)
			)`,
		],
	},
	{
		// Long keys and entities are indexed by their hash, the original kept beside (indexed.ts);
		// decisions name the approver as a person reads it; requests can time out.
		version: 4,
		statements: (d) => [
			`ALTER TABLE ${d.table('dedupe_keys')} ADD COLUMN key_text TEXT`,
			`ALTER TABLE ${d.table('idempotency_records')} ADD COLUMN key_text TEXT`,
			`ALTER TABLE ${d.table('audit_events')} ADD COLUMN entity_text TEXT`,
			`ALTER TABLE ${d.table('approval_decisions')} ADD COLUMN approver_name TEXT`,
			`CREATE INDEX IF NOT EXISTS audit_events_at ON ${d.table('audit_events')} (at)`,
			`CREATE INDEX IF NOT EXISTS idempotency_records_updated ON ${d.table('idempotency_records')} (state, updated_at)`,
			`CREATE INDEX IF NOT EXISTS approval_requests_status ON ${d.table('approval_requests')} (status, expires_at)`,
		],
	},
];
