import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { closeAllLedgers, getLedger, type Ledger, type LedgerConfig } from '../../../core/ledger';
import { openPostgresLedger } from '../../../core/ledger/postgres';
import { dropSchema, freshSchema, sqliteFile, TEST_POSTGRES } from '../../support/ledgers';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '..', '..', '..');
const REQUESTS = 100;

async function createRequests(ledger: Ledger, quorum: number): Promise<void> {
	for (let i = 0; i < REQUESTS; i++) {
		await ledger.createApproval({
			requestId: `request-${i}`,
			secret: 's',
			workflowId: 'w',
			executionId: `e-${i}`,
			node: 'n',
			createdAt: Date.now(),
			expiresAt: Date.now() + 3_600_000,
			quorum,
			payload: {},
		});
	}
}

/**
 * Every request settled exactly once, by the racer the ledger names as its decider, with its quorum of
 * distinct approvers on record. (Decision times come from each racer's clock before its write, so they
 * do not order the writes; the check does not lean on them.)
 */
async function expectOneSettlementEach(
	ledger: Ledger,
	settledBy: string[][],
	quorum: number,
): Promise<void> {
	const all = settledBy.flat();
	expect([...all].sort()).toEqual(
		Array.from({ length: REQUESTS }, (_, i) => `request-${i}`).sort(),
	);
	expect(settledBy.filter((list) => list.length > 0).length).toBeGreaterThan(1);
	for (let i = 0; i < REQUESTS; i++) {
		const requestId = `request-${i}`;
		const state = (await ledger.getApproval(requestId))!;
		expect(state.request.status).toBe('approved');
		const approvers = new Set(state.decisions.map((decision) => decision.approver));
		expect(approvers.size).toBeGreaterThanOrEqual(quorum);
		const settler = settledBy.findIndex((list) => list.includes(requestId));
		expect(state.request.decidedBy).toBe(`approver-${settler}`);
		expect(approvers.has(state.request.decidedBy!)).toBe(true);
	}
}

describe('approval decisions under real concurrency: each request settles exactly once', () => {
	afterAll(async () => await closeAllLedgers());

	it.each([1, 2])(
		'PostgreSQL: 8 connections decide the same %i-approver requests at once',
		async (quorum) => {
			const schema = freshSchema('approval_race');
			try {
				const ledgers = await Promise.all(
					Array.from(
						{ length: 8 },
						async () => await openPostgresLedger({ ...TEST_POSTGRES, schema, maxConnections: 1 }),
					),
				);
				await createRequests(ledgers[0], quorum);
				const settledBy = await Promise.all(
					ledgers.map(async (ledger, worker) => {
						const settled: string[] = [];
						const requests = Array.from({ length: REQUESTS }, (_, i) => `request-${i}`).sort(
							() => Math.random() - 0.5,
						);
						for (const requestId of requests) {
							const outcome = await ledger.decideApproval({
								requestId,
								approver: `approver-${worker}`,
								approverName: `approver-${worker}`,
								decision: 'approve',
								comment: null,
								at: Date.now(),
								ip: null,
								userAgent: 'race',
							});
							if (outcome?.settled) settled.push(requestId);
						}
						return settled;
					}),
				);
				await expectOneSettlementEach(ledgers[0], settledBy, quorum);
				await Promise.all(ledgers.map(async (ledger) => await ledger.close()));
			} finally {
				await dropSchema(schema);
			}
		},
		60_000,
	);

	it('SQLite: 4 processes on one file decide the same two-approver requests at once', async () => {
		const config: LedgerConfig = { backend: 'sqlite', file: sqliteFile('approval-race') };
		await createRequests(await getLedger(config), 2);
		const barrier = mkdtempSync(path.join(tmpdir(), 'orderflow-approval-start-'));
		const settledBy = await Promise.all(
			Array.from({ length: 4 }, async (_, worker) => {
				const { stdout } = await run(
					path.join(REPO, 'node_modules', '.bin', 'tsx'),
					[
						path.join(__dirname, 'approval-race-worker.ts'),
						JSON.stringify(config),
						`approver-${worker}`,
						String(REQUESTS),
						barrier,
						'4',
					],
					{ cwd: REPO },
				);
				return JSON.parse(stdout) as string[];
			}),
		);
		await expectOneSettlementEach(await getLedger(config), settledBy, 2);
	}, 60_000);
});
