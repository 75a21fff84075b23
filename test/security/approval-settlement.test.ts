/**
 * Faults between a decision and its effect: the audit row refused after the verdict, a settled
 * decision whose resume never happened, and time running out on a request nobody decided.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { defaultSqliteFile, embeddedLedgerConfig, getLedger } from '../../core/ledger';
import { Engine } from '../../harness';
import type { LocalServer } from '../support/http-server';
import {
	decide,
	GRACE,
	linkFrom,
	linkParts,
	refundPayloads,
	startReceiver,
	view,
	approvalWorkflow,
} from '../nodes/ApprovalCheckpoint/support';

describe('approval settlement: a decision is never recorded without being acted on', () => {
	let receiver: LocalServer;
	let userFolder: string;
	let engine: Engine;

	beforeEach(async () => {
		receiver = await startReceiver();
		userFolder = mkdtempSync(path.join(tmpdir(), 'orderflow-settlement-'));
		engine = await Engine.start({ userFolder });
	});
	afterEach(async () => await receiver.close());

	const ledger = async () => await getLedger(embeddedLedgerConfig({ userFolder }));
	const requestIdOf = (url: string) => linkParts(url).fields.r;
	const wait = async (timeout = '1 hour') => {
		await engine.execute(approvalWorkflow({ notifyUrl: `${receiver.url}/notify`, timeout }), {
			items: refundPayloads([6]),
		});
		return linkFrom(receiver);
	};

	it('leaves nothing settled when the audit row is refused, and the retry settles and resumes', async () => {
		const link = await wait();
		const db = new DatabaseSync(defaultSqliteFile({ userFolder }));
		db.exec(
			`CREATE TRIGGER injected_audit_failure BEFORE INSERT ON audit_events WHEN NEW.event = 'approval.decision' BEGIN SELECT RAISE(ABORT, 'injected audit failure'); END`,
		);
		const failed = await decide(engine, link, { decision: 'approve' }).catch((error: Error) => ({
			error,
		}));
		db.exec('DROP TRIGGER injected_audit_failure');
		db.close();
		expect('execution' in failed ? failed.execution : undefined).toBeUndefined();
		const state = (await (await ledger()).getApproval(requestIdOf(link)))!;
		expect(state.request.status).toBe('pending');
		expect(state.decisions).toEqual([]);

		const retried = await decide(engine, link, { decision: 'approve' });
		expect(retried.response.statusCode).toBe(200);
		expect(retried.execution?.output('Approved')).toHaveLength(1);
	});

	it('resumes, at the next visit, a decision that was settled but never acted on', async () => {
		const link = await wait();
		const requestId = requestIdOf(link);
		// Settled in the ledger, the resume lost (the process died between the two).
		await (
			await ledger()
		).decideApproval({
			requestId,
			approver: GRACE.contact,
			approverName: GRACE.name,
			decision: 'approve',
			comment: 'by phone',
			at: Date.now(),
			ip: null,
			userAgent: 'test',
		});
		const visit = await view(engine, link);
		expect(visit.response.body).toContain('Already decided: approved by Grace Hopper');
		expect(visit.execution?.output('Approved')[0].approval).toMatchObject({
			decision: 'approved',
			approver: GRACE.name,
			comment: 'by phone',
		});
	});

	it('follows a settled decision when the time runs out before the resume happened', async () => {
		const link = await wait('2 seconds');
		await (
			await ledger()
		).decideApproval({
			requestId: requestIdOf(link),
			approver: GRACE.contact,
			approverName: GRACE.name,
			decision: 'reject',
			comment: null,
			at: Date.now(),
			ip: null,
			userAgent: 'test',
		});
		await new Promise((resolve) => setTimeout(resolve, 2_100));
		const late = await view(engine, link);
		expect(late.execution?.output('Rejected')[0].approval).toMatchObject({
			decision: 'rejected',
			approver: GRACE.name,
		});
		expect(late.execution?.output('Timed Out')).toEqual([]);
	});

	it('records a request nobody decided as timed out, in the ledger and the trail, and resumes it with the timeout policy', async () => {
		const link = await wait('2 seconds');
		const requestId = requestIdOf(link);
		await new Promise((resolve) => setTimeout(resolve, 2_100));
		const late = await decide(engine, link, { decision: 'approve' });
		expect(late.response.statusCode).toBe(410);
		expect(late.execution?.output('Timed Out')[0].approval).toMatchObject({ decision: 'timedOut' });
		const state = (await (await ledger()).getApproval(requestId))!;
		expect(state.request.status).toBe('timed_out');
		expect(state.decisions).toEqual([]);
		const order = String(refundPayloads([6])[0].order_id);
		const events = (await (await ledger()).trail(`shopify:order:${order}`))
			.filter((event) => event.details.requestId === requestId)
			.map((event) => event.event);
		expect(events).toEqual(['approval.requested', 'approval.timed-out']);
	});

	it('sweeps requests whose time ran out whenever the node runs again, without any visit', async () => {
		const link = await wait('1 second');
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		await engine.execute(approvalWorkflow({ notifyUrl: `${receiver.url}/notify` }), {
			items: refundPayloads([1]),
		});
		expect((await (await ledger()).getApproval(requestIdOf(link)))!.request.status).toBe(
			'timed_out',
		);
	});
});
