/**
 * Reference-server state in SQLite (Node's built-in node:sqlite): a file that survives a
 * restart, or memory. Documents are JSON rows by kind; idempotency keys keep the first answer.
 */
import { DatabaseSync } from 'node:sqlite';

export interface StoredDocument<T> {
	id: string;
	seq: number;
	body: T;
}

export interface StoredAnswer {
	fingerprint: string;
	status: number;
	body: string;
}

export class ContractDatabase {
	private readonly db: DatabaseSync;

	constructor(file = ':memory:') {
		this.db = new DatabaseSync(file, { timeout: 2000 });
		this.db.exec(`
			PRAGMA journal_mode = WAL;
			CREATE TABLE IF NOT EXISTS documents (
				seq INTEGER PRIMARY KEY AUTOINCREMENT,
				kind TEXT NOT NULL,
				id TEXT NOT NULL,
				external_ref TEXT,
				body TEXT NOT NULL,
				updated_at TEXT NOT NULL,
				UNIQUE (kind, id)
			);
			CREATE INDEX IF NOT EXISTS documents_external_ref ON documents (kind, external_ref);
			-- Pages of a kind in order, without sorting the kind's every document per page.
			CREATE INDEX IF NOT EXISTS documents_kind_seq ON documents (kind, seq);
			CREATE TABLE IF NOT EXISTS counters (kind TEXT PRIMARY KEY, value INTEGER NOT NULL);
			CREATE TABLE IF NOT EXISTS idempotency (
				scope TEXT NOT NULL,
				key TEXT NOT NULL,
				fingerprint TEXT NOT NULL,
				status INTEGER,
				body TEXT,
				PRIMARY KEY (scope, key)
			);
		`);
	}

	/** The next document number of a kind, e.g. SO-000001. */
	nextNumber(kind: string, prefix: string): string {
		const row = this.db
			.prepare(
				'INSERT INTO counters (kind, value) VALUES (?, 1) ON CONFLICT (kind) DO UPDATE SET value = value + 1 RETURNING value',
			)
			.get(kind) as { value: number };
		return `${prefix}-${String(row.value).padStart(6, '0')}`;
	}

	insert<T>(
		kind: string,
		id: string,
		externalRef: string | null,
		body: T,
		updatedAt: string,
	): void {
		this.db
			.prepare(
				'INSERT INTO documents (kind, id, external_ref, body, updated_at) VALUES (?, ?, ?, ?, ?)',
			)
			.run(kind, id, externalRef, JSON.stringify(body), updatedAt);
	}

	update<T>(kind: string, id: string, body: T, updatedAt: string): void {
		this.db
			.prepare('UPDATE documents SET body = ?, updated_at = ? WHERE kind = ? AND id = ?')
			.run(JSON.stringify(body), updatedAt, kind, id);
	}

	get<T>(kind: string, id: string): T | undefined {
		const row = this.db
			.prepare('SELECT body FROM documents WHERE kind = ? AND id = ?')
			.get(kind, id) as { body: string } | undefined;
		return row ? (JSON.parse(row.body) as T) : undefined;
	}

	/** Many documents of a kind in one transaction (a large seed: millions of stock rows). */
	insertMany<T>(
		kind: string,
		documents: Iterable<{ id: string; externalRef?: string | null; body: T }>,
		updatedAt: string,
	): void {
		const statement = this.db.prepare(
			'INSERT INTO documents (kind, id, external_ref, body, updated_at) VALUES (?, ?, ?, ?, ?)',
		);
		this.transaction(() => {
			for (const { id, externalRef, body } of documents)
				statement.run(kind, id, externalRef ?? null, JSON.stringify(body), updatedAt);
		});
	}

	/**
	 * Documents of a kind in insertion order after a sequence number, optionally filtered: at most
	 * `limit + 1` (the one past the page says there is more), read row by row so a page of a large
	 * list reads a page, not the list.
	 */
	list<T>(
		kind: string,
		options: {
			afterSeq?: number;
			limit: number;
			externalRef?: string;
			updatedSince?: string;
			where?: (body: T) => boolean;
		},
	): Array<StoredDocument<T>> {
		const where = options.where;
		const statement = this.db.prepare(
			`SELECT seq, id, body FROM documents WHERE kind = ? AND seq > ?
			 AND (? IS NULL OR external_ref = ?) AND (? IS NULL OR updated_at > ?) ORDER BY seq
			 ${where ? '' : 'LIMIT ?'}`,
		);
		const parameters = [
			kind,
			options.afterSeq ?? 0,
			options.externalRef ?? null,
			options.externalRef ?? null,
			options.updatedSince ?? null,
			options.updatedSince ?? null,
		];
		type Stored = { seq: number; id: string; body: string };
		const document = (row: Stored) => ({
			id: row.id,
			seq: row.seq,
			body: JSON.parse(row.body) as T,
		});
		if (!where) return (statement.all(...parameters, options.limit + 1) as Stored[]).map(document);
		const documents: Array<StoredDocument<T>> = [];
		for (const row of statement.iterate(...parameters) as Iterable<Stored>) {
			const stored = document(row);
			if (!where(stored.body)) continue;
			documents.push(stored);
			if (documents.length > options.limit) break;
		}
		return documents;
	}

	count(kind: string): number {
		return (
			this.db.prepare('SELECT count(*) AS n FROM documents WHERE kind = ?').get(kind) as {
				n: number;
			}
		).n;
	}

	/** Claims an idempotency key; returns the stored answer (or `in-flight`) when someone had it first. */
	claimKey(
		scope: string,
		key: string,
		fingerprint: string,
	): StoredAnswer | 'claimed' | 'in-flight' {
		const inserted = this.db
			.prepare(
				'INSERT INTO idempotency (scope, key, fingerprint) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING key',
			)
			.get(scope, key, fingerprint);
		if (inserted) return 'claimed';
		const row = this.db
			.prepare('SELECT fingerprint, status, body FROM idempotency WHERE scope = ? AND key = ?')
			.get(scope, key) as { fingerprint: string; status: number | null; body: string | null };
		if (row.status === null) return 'in-flight';
		return { fingerprint: row.fingerprint, status: row.status, body: row.body ?? '' };
	}

	saveAnswer(scope: string, key: string, status: number, body: string): void {
		this.db
			.prepare('UPDATE idempotency SET status = ?, body = ? WHERE scope = ? AND key = ?')
			.run(status, body, scope, key);
	}

	/** A failed attempt leaves no answer to replay: the key may be used again. */
	releaseKey(scope: string, key: string): void {
		this.db
			.prepare('DELETE FROM idempotency WHERE scope = ? AND key = ? AND status IS NULL')
			.run(scope, key);
	}

	transaction<T>(work: () => T): T {
		this.db.exec('BEGIN IMMEDIATE');
		try {
			const result = work();
			this.db.exec('COMMIT');
			return result;
		} catch (error) {
			this.db.exec('ROLLBACK');
			throw error;
		}
	}

	close(): void {
		this.db.close();
	}
}
