/**
 * Fault: the ledger refuses the audit row after the claim (an injected trigger that fails every
 * audit insert, and keys and entities too long for a PostgreSQL index). The run fails — and the
 * retry passes every item, instead of sending them to Duplicate as seen before.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { defaultSqliteFile, embeddedLedgerConfig, getLedger } from '../../core/ledger';
import { Engine, type WorkflowJson } from '../../harness';
import { dropSchema, freshSchema, TEST_POSTGRES, testPgClient } from '../support/ledgers';
import { fixture, withParameters } from '../support/workflows';

type Backend = 'sqlite' | 'postgres';

const orders = (ids: number[]): IDataObject[] =>
	ids.map((id) => ({
		id,
		admin_graphql_api_id: `gid://shopify/Order/${id}`,
		updated_at: '2026-12-01T10:00:00Z',
	}));

function gate(backend: Backend, parameters: INodeParameters = {}): WorkflowJson {
	const workflow = withParameters(
		fixture(path.join(__dirname, '..', 'nodes', 'DedupeGate'), 'orders-gate'),
		'Dedupe Gate',
		parameters,
	);
	if (backend === 'postgres') {
		for (const node of workflow.nodes.filter(
			(candidate) => candidate.type === 'n8n-nodes-orderflow.dedupeGate',
		)) {
			node.credentials = { orderflowLedgerApi: { id: 'ledger', name: 'Ledger' } };
		}
	}
	return workflow;
}

/** Makes every audit insert fail, as a full or broken table would, until undone. */
async function failAuditInserts(
	backend: Backend,
	where: { userFolder: string; schema: string },
): Promise<() => Promise<void>> {
	if (backend === 'sqlite') {
		const db = new DatabaseSync(defaultSqliteFile({ userFolder: where.userFolder }));
		db.exec(
			`CREATE TRIGGER injected_audit_failure BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'injected audit failure'); END`,
		);
		return async () => {
			db.exec('DROP TRIGGER injected_audit_failure');
			db.close();
		};
	}
	const client = testPgClient();
	await client.connect();
	const table = `"${where.schema}".audit_events`;
	await client.query(
		`CREATE FUNCTION "${where.schema}".injected_failure() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected audit failure'; END $$ LANGUAGE plpgsql`,
	);
	await client.query(
		`CREATE TRIGGER injected_audit_failure BEFORE INSERT ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION "${where.schema}".injected_failure()`,
	);
	return async () => {
		await client.query(`DROP TRIGGER injected_audit_failure ON ${table}`);
		await client.end();
	};
}

describe.each<Backend>(['sqlite', 'postgres'])(
	'Dedupe Gate when the audit row cannot be written (%s)',
	(backend) => {
		const schema = freshSchema('auditfail');
		let userFolder: string;
		let engine: Engine;

		beforeAll(async () => {
			userFolder = mkdtempSync(path.join(tmpdir(), `orderflow-auditfail-${backend}-`));
			engine = await Engine.start({
				userFolder,
				credentials: {
					Ledger: {
						type: 'orderflowLedgerApi',
						data: { ...TEST_POSTGRES, ssl: 'disable', schema },
					},
				},
			});
			await engine.execute(gate(backend), { items: orders([1]) }); // opens and migrates the ledger
		});
		afterAll(async () => {
			if (backend === 'postgres') await dropSchema(schema);
		});

		it('a failed audit insert fails the run with nothing claimed: the retry passes every order', async () => {
			const undo = await failAuditInserts(backend, { userFolder, schema });
			const failed = await engine.execute(gate(backend), { items: orders([101, 102, 103]) });
			await undo();
			expect(failed.status).toBe('error');
			expect(failed.nodeError('Dedupe Gate')?.message).toMatch(/injected audit failure/);

			const retry = await engine.execute(gate(backend), { items: orders([101, 102, 103]) });
			expect(retry.output('New orders').map((item) => item.id)).toEqual([101, 102, 103]);
			expect(retry.output('Duplicates')).toEqual([]);
		});

		it('keys and entities far over PostgreSQL’s index limit pass once and are found again', async () => {
			// Random text: PostgreSQL compresses a repeated one below its limit.
			const noise = randomBytes(3000).toString('base64');
			const long = (n: number) => `${n}-${noise}`;
			const custom = {
				keySource: 'custom',
				key: '={{ $json.longKey }}',
				entity: '={{ "note:" + $json.longKey }}',
				mode: 'firstSeenWins',
			};
			const items = [{ longKey: long(1) }, { longKey: long(2) }];
			const first = await engine.execute(gate(backend, custom), { items });
			expect(first.status).toBe('success');
			expect(first.output('New orders')).toHaveLength(2);
			expect(first.output('New orders')[0].dedupe).toMatchObject({ key: long(1) });
			const again = await engine.execute(gate(backend, custom), { items });
			expect(again.output('Duplicates').map((item) => (item.dedupe as IDataObject).reason)).toEqual(
				['seen-before', 'seen-before'],
			);
			if (backend === 'sqlite') {
				const trail = await (
					await getLedger(embeddedLedgerConfig({ userFolder }))
				).trail(`note:${long(1)}`);
				expect(trail.map((event) => [event.entity === `note:${long(1)}`, event.event])).toEqual([
					[true, 'dedupe.new'],
					[true, 'dedupe.duplicate'],
				]);
			}
		});
	},
);
