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
	{
		// Queue mode: which process holds a claim or a write (so a dead worker's hold can be taken
		// over before its lease ends), the processes' heartbeats, and the webhook inbox.
		version: 5,
		statements: (d) => [
			`CREATE TABLE IF NOT EXISTS ${d.table('processes')} (
				id TEXT PRIMARY KEY,
				host TEXT NOT NULL,
				pid INTEGER NOT NULL,
				command TEXT NOT NULL,
				started_at ${d.bigint} NOT NULL,
				beat_at ${d.bigint} NOT NULL
			)`,
			`ALTER TABLE ${d.table('dedupe_keys')} ADD COLUMN owner_process TEXT`,
			`ALTER TABLE ${d.table('dedupe_keys')} ADD COLUMN claim_execution TEXT`,
			`ALTER TABLE ${d.table('idempotency_records')} ADD COLUMN owner_process TEXT`,
			`CREATE TABLE IF NOT EXISTS ${d.table('inbox')} (
				id TEXT PRIMARY KEY,
				workflow_id TEXT NOT NULL,
				node TEXT NOT NULL,
				topic TEXT NOT NULL,
				event_id TEXT NOT NULL,
				entity TEXT NOT NULL,
				item TEXT NOT NULL,
				state TEXT NOT NULL,
				outcome TEXT,
				received_at ${d.bigint} NOT NULL,
				due_at ${d.bigint} NOT NULL,
				redrives INTEGER NOT NULL,
				claim_namespace TEXT,
				claim_key TEXT,
				claim_execution TEXT,
				settled_at ${d.bigint},
				accepted_by TEXT NOT NULL
			)`,
			`CREATE INDEX IF NOT EXISTS inbox_due ON ${d.table('inbox')} (workflow_id, state, due_at)`,
			`CREATE INDEX IF NOT EXISTS inbox_claim ON ${d.table('inbox')} (claim_namespace, claim_key)`,
		],
	},
	{
		// The exception queue: every Failed, In Doubt, Rejected, Timed Out or abandoned outcome, open
		// until resolved; one unresolved row per entity, node and kind (a repeat counts on it). And
		// the handles trails are found by.
		version: 6,
		statements: (d) => [
			`CREATE TABLE IF NOT EXISTS ${d.table('exceptions')} (
				id ${d.serialKey},
				kind TEXT NOT NULL,
				entity TEXT NOT NULL,
				entity_text TEXT,
				workflow_id TEXT NOT NULL,
				node TEXT NOT NULL,
				execution_id TEXT,
				reason TEXT NOT NULL,
				action TEXT NOT NULL,
				item TEXT NOT NULL,
				state TEXT NOT NULL,
				opened_at ${d.bigint} NOT NULL,
				last_seen_at ${d.bigint} NOT NULL,
				times_seen INTEGER NOT NULL,
				acknowledged_at ${d.bigint},
				acknowledged_by TEXT,
				resolved_at ${d.bigint},
				resolved_by TEXT,
				resolution TEXT,
				note TEXT
			)`,
			`CREATE UNIQUE INDEX IF NOT EXISTS exceptions_unresolved ON ${d.table('exceptions')} (workflow_id, node, entity, kind) WHERE state <> 'resolved'`,
			`CREATE INDEX IF NOT EXISTS exceptions_state ON ${d.table('exceptions')} (state, opened_at)`,
			`CREATE INDEX IF NOT EXISTS exceptions_entity ON ${d.table('exceptions')} (entity, state)`,
			// What support has in hand (an order name, an ERP reference) → the entities it names.
			`CREATE TABLE IF NOT EXISTS ${d.table('trail_handles')} (
				handle TEXT NOT NULL,
				entity TEXT NOT NULL,
				at ${d.bigint} NOT NULL,
				PRIMARY KEY (handle, entity)
			)`,
		],
	},
	{
		// A write still in flight whose remote already holds what it sends (or newer), noted by the
		// run that booked the newer one: superseded once its process is found dead. The sweeps each
		// Redelivery Trigger made (a retry needs one running), each poll trigger's polls and each published
		// Shopify Trigger's subscriptions (what a health
		// check reads), the status each health check was last reported in, and the ledger's settings and secrets.
		version: 7,
		statements: (d) => [
			`ALTER TABLE ${d.table('idempotency_records')} ADD COLUMN covered_by TEXT`,
			`CREATE TABLE IF NOT EXISTS ${d.table('sweepers')} (
				workflow_id TEXT NOT NULL,
				node TEXT NOT NULL,
				every_ms ${d.bigint} NOT NULL,
				swept_at ${d.bigint} NOT NULL,
				PRIMARY KEY (workflow_id, node)
			)`,
			`CREATE TABLE IF NOT EXISTS ${d.table('polls')} (
				workflow_id TEXT NOT NULL,
				node TEXT NOT NULL,
				every_ms ${d.bigint} NOT NULL,
				polled_at ${d.bigint} NOT NULL,
				succeeded_at ${d.bigint},
				high_water_mark TEXT,
				error TEXT,
				PRIMARY KEY (workflow_id, node)
			)`,
			`CREATE TABLE IF NOT EXISTS ${d.table('subscriptions')} (
				workflow_id TEXT NOT NULL,
				node TEXT NOT NULL,
				shop TEXT NOT NULL,
				uri TEXT NOT NULL,
				topics TEXT NOT NULL,
				recorded_at ${d.bigint} NOT NULL,
				PRIMARY KEY (workflow_id, node)
			)`,
			`CREATE TABLE IF NOT EXISTS ${d.table('health_states')} (
				name TEXT PRIMARY KEY,
				status TEXT NOT NULL,
				since ${d.bigint} NOT NULL
			)`,
			`CREATE TABLE IF NOT EXISTS ${d.table('settings')} (
				name TEXT PRIMARY KEY,
				value TEXT NOT NULL,
				updated_at ${d.bigint} NOT NULL
			)`,
		],
	},
	{
		// Flows paused for a cutover or a rollback: their triggers park deliveries in the inbox.
		version: 8,
		statements: (d) => [
			`CREATE TABLE IF NOT EXISTS ${d.table('flow_pauses')} (
				workflow_id TEXT PRIMARY KEY,
				paused_at ${d.bigint} NOT NULL,
				paused_by TEXT NOT NULL,
				reason TEXT NOT NULL
			)`,
		],
	},
	{
		// Shadow runs: writes mapped and recorded as they would be sent, never sent; runs read back by execution.
		version: 9,
		statements: (d) => [
			`CREATE TABLE IF NOT EXISTS ${d.table('shadow_writes')} (
				scope TEXT NOT NULL,
				key TEXT NOT NULL,
				key_text TEXT,
				fingerprint TEXT NOT NULL,
				entity TEXT NOT NULL,
				method TEXT NOT NULL,
				url TEXT NOT NULL,
				body TEXT,
				workflow_id TEXT NOT NULL,
				execution_id TEXT NOT NULL,
				node TEXT NOT NULL,
				recorded_at ${d.bigint} NOT NULL,
				PRIMARY KEY (scope, key)
			)`,
			`CREATE INDEX IF NOT EXISTS shadow_writes_recorded_at ON ${d.table('shadow_writes')} (recorded_at)`,
			// What one run did (a re-sync's summary) is read by its execution.
			`CREATE INDEX IF NOT EXISTS audit_events_execution ON ${d.table('audit_events')} (execution_id, id)`,
		],
	},
	{
		// The version a flow's own write left an entity at (a tag it set): the echo of that write is not a change.
		version: 10,
		statements: (d) => [
			`ALTER TABLE ${d.table('dedupe_keys')} ADD COLUMN own_write_rank ${d.real}`,
		],
	},
];

/** The schema version this code migrates a ledger to. */
export const LATEST_SCHEMA_VERSION = Math.max(...MIGRATIONS.map((migration) => migration.version));
