/**
 * The ledger under faults and misconfiguration: its file readable by n8n's user only, no
 * silent fallback to the host's PostgreSQL password, a locked table that fails fast and says
 * why, errors that name the file, and history that does not grow forever.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { DEFAULT_RETENTION_DAYS, retentionFrom } from '../../core/ledger/housekeeping';
import { openPostgresLedger } from '../../core/ledger/postgres';
import { explainSqliteError, openSqliteLedger } from '../../core/ledger/sqlite';
import {
	backends,
	disposeConfig,
	dropSchema,
	freshSchema,
	TEST_POSTGRES,
	testPgClient,
} from '../support/ledgers';
import {
	closeAllLedgers,
	getLedger,
	LedgerError,
	type Ledger,
	type LedgerConfig,
} from '../../core/ledger';

const DAY = 86_400_000;

/** A server that speaks just enough PostgreSQL to ask for a cleartext password, and records it. */
async function passwordCatcher(): Promise<{
	port: number;
	received: Promise<string>;
	close: () => void;
}> {
	let resolve!: (password: string) => void;
	const received = new Promise<string>((done) => (resolve = done));
	const sockets: Socket[] = [];
	const server = createServer((socket) => {
		sockets.push(socket);
		let buffer = Buffer.alloc(0);
		let asked = false;
		socket.on('data', (chunk) => {
			buffer = Buffer.concat([buffer, chunk]);
			if (!asked && buffer.length >= 8) {
				asked = true;
				buffer = Buffer.alloc(0);
				socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])); // AuthenticationCleartextPassword
			} else if (
				asked &&
				buffer[0] === 0x70 &&
				buffer.length >= 5 &&
				buffer.length >= 1 + buffer.readInt32BE(1)
			) {
				resolve(buffer.subarray(5, buffer.readInt32BE(1)).toString('utf8').replace(/\0$/, ''));
				socket.destroy();
			}
		});
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	return {
		port: (server.address() as AddressInfo).port,
		received,
		close: () => (sockets.forEach((s) => s.destroy()), server.close()),
	};
}

describe('the embedded ledger file', () => {
	it('is created readable and writable by n8n’s user only (0600)', async () => {
		const file = path.join(
			mkdtempSync(path.join(tmpdir(), 'orderflow-mode-')),
			'orderflow',
			'ledger.sqlite',
		);
		const ledger = await openSqliteLedger(file);
		await ledger.close();
		expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
		expect((statSync(path.dirname(file)).mode & 0o777).toString(8)).toBe('700');
	});

	it('that cannot be opened is an error naming the file and what to fix', async () => {
		const blocker = path.join(
			mkdtempSync(path.join(tmpdir(), 'orderflow-blocked-')),
			'not-a-folder',
		);
		writeFileSync(blocker, '');
		const error = await openSqliteLedger(path.join(blocker, 'ledger.sqlite')).catch(
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(LedgerError);
		expect((error as LedgerError).message).toContain(blocker);
		expect((error as LedgerError).hint).toMatch(/write access/);
	});

	it('a read-only database is explained with its path, not only "attempt to write a readonly database"', () => {
		const file = path.join(mkdtempSync(path.join(tmpdir(), 'orderflow-ro-')), 'ledger.sqlite');
		new DatabaseSync(file).close();
		const readOnly = new DatabaseSync(file, { readOnly: true });
		let raw: unknown;
		try {
			readOnly.exec('CREATE TABLE t (x)');
		} catch (error) {
			raw = error;
		}
		readOnly.close();
		const explained = explainSqliteError(file, raw) as LedgerError;
		expect(explained).toBeInstanceOf(LedgerError);
		expect(explained.message).toContain(file);
		expect(explained.message).toContain('readonly');
		expect(explained.hint).toMatch(/write access/);
	});
});

describe('the PostgreSQL ledger', () => {
	it('with an empty password sends an empty password, never PGPASSWORD from the host', async () => {
		const catcher = await passwordCatcher();
		const before = process.env.PGPASSWORD;
		process.env.PGPASSWORD = 'the-host-password';
		try {
			const opening = openPostgresLedger({
				host: '127.0.0.1',
				port: catcher.port,
				database: 'x',
				user: 'x',
				password: '',
				schema: 'x',
			});
			await expect(catcher.received).resolves.toBe('');
			await opening.catch(() => undefined);
		} finally {
			process.env.PGPASSWORD = before;
			if (before === undefined) delete process.env.PGPASSWORD;
			catcher.close();
		}
	});

	it('fails fast with a clear message when another session holds a lock on its tables', async () => {
		const schema = freshSchema('locked');
		const ledger = await openPostgresLedger({ ...TEST_POSTGRES, schema, statementTimeoutMs: 1000 });
		const locker = testPgClient();
		await locker.connect();
		try {
			await locker.query('BEGIN');
			await locker.query(`LOCK TABLE "${schema}".dedupe_keys IN ACCESS EXCLUSIVE MODE`);
			const options = {
				namespace: 'n',
				hold: false,
				leaseMs: 0,
				retentionMs: DAY,
				workflowId: 'w',
				executionId: 'e',
				token: 't',
				now: Date.now(),
			};
			const error = (await ledger
				.claim([{ key: 'k', version: null, versionRank: null }], options)
				.catch((caught: unknown) => caught)) as LedgerError;
			expect(error).toBeInstanceOf(LedgerError);
			expect(error.message).toMatch(/did not answer within 1 s/);
			expect(error.hint).toMatch(/holds a lock/);
		} finally {
			await locker.query('ROLLBACK');
			await locker.end();
			await ledger.close();
			await dropSchema(schema);
		}
	}, 30_000);
});

describe.each(backends('retention'))('retention and purge (%s)', (_name, makeConfig) => {
	let config: LedgerConfig;
	let ledger: Ledger;
	beforeAll(async () => {
		config = makeConfig();
		ledger = await getLedger(config);
	});
	afterAll(async () => {
		await closeAllLedgers();
		await disposeConfig(config);
	});

	it('deletes audit rows, settled writes and settled approvals past their retention, and keeps what waits for a person', async () => {
		const now = Date.now();
		const old = now - 500 * DAY;
		await ledger.appendAudit([
			{ entity: 'e:old', event: 'x', at: old },
			{ entity: 'e:new', event: 'x', at: now },
		]);
		for (const [key, state] of [
			['done-old', 'succeeded'],
			['doubt-old', 'in_doubt'],
		] as const) {
			await ledger.beginWrite({
				scope: 's',
				key,
				fingerprint: 'f',
				owner: 'o',
				leaseMs: 1000,
				entity: 'e',
				now: old,
			});
			await ledger.finishWrite({
				scope: 's',
				key,
				owner: 'o',
				state,
				status: 200,
				body: '{}',
				error: null,
				now: old,
			});
		}
		const approval = (requestId: string, expiresAt: number) => ({
			requestId,
			secret: 's',
			workflowId: 'w',
			executionId: 'x',
			node: 'n',
			createdAt: old,
			expiresAt,
			quorum: 1,
			payload: {},
		});
		await ledger.createApproval(approval('settled-old', old + 1000));
		await ledger.createApproval(approval('pending-open', now + DAY));
		await ledger.expireApprovals(old + 2000);

		const purged = await ledger.purgeHistory(now, retentionFrom({}));
		expect(purged).toEqual({ audit: 1, writes: 1, approvals: 1, inbox: 0 });
		expect(await ledger.trail('e:old')).toEqual([]);
		expect(await ledger.trail('e:new')).toHaveLength(1);
		expect(await ledger.getWrite('s', 'done-old')).toBeUndefined();
		expect((await ledger.getWrite('s', 'doubt-old'))?.state).toBe('in_doubt');
		expect(await ledger.getApproval('settled-old')).toBeUndefined();
		expect((await ledger.getApproval('pending-open'))?.request.status).toBe('pending');
	});

	it('reads its retention from the environment, defaults stated', () => {
		expect(DEFAULT_RETENTION_DAYS).toEqual({ audit: 400, writes: 90, approvals: 400 });
		expect(retentionFrom({ ORDERFLOW_RETENTION_WRITES_DAYS: '7' }).writesMs).toBe(7 * DAY);
		expect(retentionFrom({ ORDERFLOW_RETENTION_AUDIT_DAYS: 'soon' }).auditMs).toBe(400 * DAY);
	});
});
