/**
 * Edges of the decision page: a forged X-Forwarded-For written into the audit trail, the Teams
 * desktop client taken for a bot, an empty user agent that may look but not decide, and what a
 * person who rejected is told.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { embeddedLedgerConfig, getLedger } from '../../core/ledger';
import { Engine } from '../../harness';
import type { LocalServer } from '../support/http-server';
import {
	ADA,
	approvalWorkflow,
	approvers,
	BROWSER,
	decide,
	GRACE,
	linkFrom,
	linkParts,
	refundPayloads,
	startReceiver,
	view,
} from '../nodes/ApprovalCheckpoint/support';

const TEAMS_DESKTOP =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Teams/24335.208.3315.1951';

describe('decision page edges', () => {
	let receiver: LocalServer;
	let userFolder: string;
	let engine: Engine;

	beforeEach(async () => {
		receiver = await startReceiver();
		userFolder = mkdtempSync(path.join(tmpdir(), 'orderflow-page-'));
		engine = await Engine.start({ userFolder });
	});
	afterEach(async () => await receiver.close());

	const wait = async (parameters: Record<string, unknown> = {}) => {
		await engine.execute(approvalWorkflow({ notifyUrl: `${receiver.url}/notify`, ...parameters }), {
			items: refundPayloads([6]),
		});
		return linkFrom(receiver);
	};
	const decisionsOf = async (url: string) =>
		(await (
			await getLedger(embeddedLedgerConfig({ userFolder }))
		).getApproval(linkParts(url).fields.r))!.decisions;

	it('audits the address the server saw, not a forged X-Forwarded-For (n8n trusts proxies only as N8N_PROXY_HOPS says)', async () => {
		const link = await wait();
		await decide(
			engine,
			link,
			{ approver: 'Grace', decision: 'approve' },
			{ ...BROWSER, 'x-forwarded-for': '6.6.6.6' },
		);
		expect((await decisionsOf(link))[0].ip).toBe('127.0.0.1');
	});

	it('lets the Teams desktop client view and decide', async () => {
		const link = await wait();
		expect((await view(engine, link, { 'user-agent': TEAMS_DESKTOP })).response.body).toContain(
			'class="approve"',
		);
		const decided = await decide(
			engine,
			link,
			{ approver: 'Grace', decision: 'approve' },
			{ 'user-agent': TEAMS_DESKTOP },
		);
		expect(decided.response.statusCode).toBe(200);
		expect(decided.execution?.output('Approved')).toHaveLength(1);
	});

	it('lets an empty user agent view the request but never decide', async () => {
		const link = await wait();
		const seen = await view(engine, link, { 'user-agent': '' });
		expect(seen.response.statusCode).toBe(200);
		expect(seen.response.body).toContain('refund of 75.00 EUR is above 50.00 EUR');
		expect(
			(await decide(engine, link, { approver: 'Grace', decision: 'approve' }, { 'user-agent': '' }))
				.response.statusCode,
		).toBe(403);
		expect(await decisionsOf(link)).toEqual([]);
	});

	it('tells a person who rejected that the request is rejected, never that more approvers are needed', async () => {
		await wait({ quorum: 2, approvers: approvers(GRACE, ADA) });
		await decide(engine, linkFrom(receiver, GRACE.name), { decision: 'approve' });
		const rejected = await decide(engine, linkFrom(receiver, ADA.name), { decision: 'reject' });
		expect(rejected.response.body).toContain('the request is rejected');
		expect(rejected.response.body).not.toMatch(/more approver/);
		expect(rejected.execution?.output('Rejected')).toHaveLength(1);
	});
});
