/**
 * Attack: the same idempotency key with a header that changes what the write means. The
 * fingerprint covered method, URL and body only, so a write first sent for warehouse BER and
 * retried for RTM (X-Warehouse), or sent as a JSON merge patch instead of a full document
 * (Content-Type), was answered with the first write's stored outcome: the second write was
 * silently dropped. It is now refused as a key used for a different request, as a changed body
 * is. Headers that do not change the meaning (tracing ids, credentials, the idempotency header
 * itself) still replay, and no credential is stored by the ledger.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { closeAllLedgers, defaultSqliteFile, getLedger } from '../../core/ledger';
import { fingerprint } from '../../core/idempotency';
import { Engine } from '../../harness';
import { sendJson, startLocalServer, type LocalServer } from '../support/http-server';
import { fixture, withParameters } from '../support/workflows';

describe('Idempotent Write: the request fingerprint covers the headers that change what a write means', () => {
	let server: LocalServer;
	let userFolder: string;
	let engine: Engine;

	beforeEach(async () => {
		server = await startLocalServer((_request, res) => sendJson(res, 201, { received: true }));
		userFolder = mkdtempSync(path.join(tmpdir(), 'orderflow-fingerprint-'));
		engine = await Engine.start({ userFolder });
	});
	afterEach(async () => await server.close());

	const send = async (headers: IDataObject, item: IDataObject = { id: 5 }) =>
		await engine.execute(
			withParameters(
				fixture(path.join(__dirname, '..', 'nodes', 'IdempotentWrite'), 'http-api'),
				'Create sales order',
				{
					authentication: 'none',
					idempotencyHeader: 'Idempotency-Key',
					url: `${server.url}/shipments`,
					headers: JSON.stringify(headers),
				},
			),
			{ items: [item] },
		);
	const conflict = (run: Awaited<ReturnType<typeof send>>) =>
		run.nodeError('Create sales order') as (Error & { description?: string }) | undefined;
	const replayed = (run: Awaited<ReturnType<typeof send>>) =>
		run.output('Done').map((item) => (item.write as IDataObject).replayed);

	it('a different value of a custom header is refused as key reuse, like a changed body; nothing is sent', async () => {
		expect(replayed(await send({ 'X-Warehouse': 'BER' }))).toEqual([false]);
		const other = await send({ 'X-Warehouse': 'RTM' });
		expect(other.status).toBe('error');
		expect(conflict(other)?.message).toMatch(
			/Idempotency key hook:5 was already used for a different request/,
		);
		expect(conflict(other)?.description).toMatch(/one idempotency key per intended write/);
		const added = await send({ 'X-Warehouse': 'BER', Prefer: 'return=minimal' });
		expect(conflict(added)?.message).toMatch(/already used for a different request/);
		const body = await send({ 'X-Warehouse': 'BER' }, { id: 5, note: 'changed' });
		expect(conflict(body)?.message).toMatch(/already used for a different request/);
		expect(server.requests).toHaveLength(1);
	});

	it('a different Content-Type is refused; the same one in another spelling replays', async () => {
		expect(replayed(await send({ 'Content-Type': 'application/merge-patch+json' }))).toEqual([
			false,
		]);
		expect(replayed(await send({ 'content-type': 'application/merge-patch+json ' }))).toEqual([
			true,
		]);
		const full = await send({ 'Content-Type': 'application/json' });
		expect(conflict(full)?.message).toMatch(/already used for a different request/);
		expect(server.requests).toHaveLength(1);
	});

	it('tracing ids, credentials and the idempotency header do not change the meaning: the write replays', async () => {
		const first = await send({
			'X-Warehouse': 'BER',
			traceparent: '00-aaaa-01',
			'X-Request-Id': 'r-1',
			Authorization: 'Bearer secret-token-1',
			'Idempotency-Key': 'ignored',
		});
		expect(replayed(first)).toEqual([false]);
		const again = await send({
			'x-warehouse': 'BER',
			traceparent: '00-bbbb-01',
			'X-Request-Id': 'r-2',
			Authorization: 'Bearer secret-token-2',
			'X-Signature': 'sig-2',
		});
		expect(again.status).toBe('success');
		expect(replayed(again)).toEqual([true]);
		expect(server.requests).toHaveLength(1);
		// The ledger (its SQLite file and journal) holds no credential, not even of a replayed write.
		await closeAllLedgers();
		const ledgerFile = defaultSqliteFile({ userFolder });
		const ledgerFiles = readdirSync(path.dirname(ledgerFile)).filter((name) =>
			name.startsWith(path.basename(ledgerFile)),
		);
		expect(ledgerFiles.length).toBeGreaterThan(0);
		for (const name of ledgerFiles)
			expect(readFileSync(path.join(path.dirname(ledgerFile), name), 'latin1')).not.toMatch(
				/secret-token/,
			);
	});

	it('a write recorded before headers counted (no meaningful headers) still replays: the fingerprint of method, URL and body is unchanged', async () => {
		const ledger = await getLedger({ backend: 'sqlite', file: defaultSqliteFile({ userFolder }) });
		const url = `${server.url}/shipments`;
		const print = fingerprint({ method: 'POST', url, body: { id: 6 } });
		await ledger.beginWrite({
			scope: 'any',
			key: 'hook:6',
			fingerprint: print,
			owner: 'earlier-run',
			leaseMs: 60_000,
			entity: 'hook:6',
			now: Date.now(),
		});
		await ledger.finishWrite({
			scope: 'any',
			key: 'hook:6',
			owner: 'earlier-run',
			state: 'succeeded',
			status: 201,
			body: '{"earlier":true}',
			error: null,
			now: Date.now(),
		});
		const run = await send(
			{ 'Content-Type': 'application/json', 'X-Request-Id': 'r-9' },
			{ id: 6 },
		);
		expect(run.output('Done').map((item) => item.write)).toEqual([
			expect.objectContaining({ replayed: true, response: { earlier: true } }),
		]);
		expect(server.requests).toHaveLength(0);
	});
});
