/**
 * Attacks on who decides: one person meeting a two-approver rule alone, one approver deciding as
 * another, a link reused for another request, a typed name standing in for the link's approver,
 * and the link's secret in the query string, where proxies and logs keep it.
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
	decide,
	GRACE,
	linkFrom,
	linkParts,
	noticesFrom,
	refundPayloads,
	startReceiver,
	view,
} from '../nodes/ApprovalCheckpoint/support';

describe('approver identity: each named approver decides only as themselves, through their own link', () => {
	let receiver: LocalServer;
	let userFolder: string;
	let engine: Engine;

	beforeEach(async () => {
		receiver = await startReceiver();
		userFolder = mkdtempSync(path.join(tmpdir(), 'orderflow-identity-'));
		engine = await Engine.start({ userFolder });
	});
	afterEach(async () => await receiver.close());

	const twoApprovers = () =>
		approvalWorkflow({
			notifyUrl: `${receiver.url}/notify`,
			quorum: 2,
			approvers: approvers(GRACE, ADA),
		});
	const approvalOf = async (requestId: string) =>
		(await (await getLedger(embeddedLedgerConfig({ userFolder }))).getApproval(requestId))!;
	const requestIdOf = (url: string) => linkParts(url).fields.r;

	it('one link cannot meet a two-approver quorum by typing two names ("Mallory", then "mallory")', async () => {
		await engine.execute(twoApprovers(), { items: refundPayloads([6]) });
		const link = linkFrom(receiver);
		const first = await decide(engine, link, { approver: 'Mallory', decision: 'approve' });
		const second = await decide(engine, link, { approver: 'mallory', decision: 'approve' });
		expect(first.execution).toBeUndefined();
		expect(second.execution).toBeUndefined();
		expect(second.response.statusCode).toBe(409);
		const state = await approvalOf(requestIdOf(link));
		expect(state.request.status).toBe('pending');
		expect(state.decisions).toHaveLength(1);
	});

	it('sends each named approver a notice of their own that carries only their link', async () => {
		await engine.execute(twoApprovers(), { items: refundPayloads([6]) });
		const notices = noticesFrom(receiver);
		expect(notices.map((notice) => notice.to?.name)).toEqual([GRACE.name, ADA.name]);
		expect(new Set(notices.map((notice) => notice.url)).size).toBe(2);
		for (const notice of notices) expect(JSON.stringify(notice).split('http').length - 1).toBe(1);
	});

	it('records the approver the link was signed for, never the name typed into the form', async () => {
		await engine.execute(approvalWorkflow({ notifyUrl: `${receiver.url}/notify` }), {
			items: refundPayloads([6]),
		});
		const link = linkFrom(receiver);
		const decided = await decide(engine, link, { approver: 'The CFO', decision: 'approve' });
		expect(decided.execution?.output('Approved')[0].approval).toMatchObject({
			approver: GRACE.name,
		});
		expect((await approvalOf(requestIdOf(link))).decisions).toMatchObject([
			{ approver: GRACE.contact, approverName: GRACE.name },
		]);
	});

	it("refuses Grace's link with Ada's approver put into it, and lets each decide once", async () => {
		await engine.execute(twoApprovers(), { items: refundPayloads([6]) });
		const grace = linkFrom(receiver, GRACE.name);
		const ada = linkFrom(receiver, ADA.name);
		const forged = new URL(grace);
		forged.hash = new URLSearchParams({
			...linkParts(grace).fields,
			a: linkParts(ada).fields.a ?? '',
		}).toString();
		expect(
			(await decide(engine, forged.toString(), { decision: 'approve' })).response.statusCode,
		).toBe(401);
		expect((await decide(engine, grace, { decision: 'approve' })).execution).toBeUndefined();
		expect((await decide(engine, grace, { decision: 'approve' })).response.statusCode).toBe(409);
		const settled = await decide(engine, ada, { decision: 'approve' });
		expect(settled.execution?.output('Approved')[0].approval).toMatchObject({
			decision: 'approved',
			approvers: [GRACE.name, ADA.name],
		});
	});

	it("a link for one request never decides another request's execution", async () => {
		await engine.execute(approvalWorkflow({ notifyUrl: `${receiver.url}/notify` }), {
			items: refundPayloads([6]),
		});
		const first = linkFrom(receiver);
		await engine.execute(approvalWorkflow({ notifyUrl: `${receiver.url}/notify` }), {
			items: refundPayloads([7]),
		});
		const second = linkFrom(receiver);
		// The first link's signed values posted to the second execution's waiting URL.
		const crossed = new URL(linkParts(second).target);
		crossed.hash = new URL(first).hash;
		const answer = await decide(engine, crossed.toString(), { decision: 'approve' });
		expect(answer.response.statusCode).toBe(401);
		expect(answer.execution).toBeUndefined();
		expect((await approvalOf(requestIdOf(first))).decisions).toEqual([]);
		expect((await approvalOf(requestIdOf(second))).decisions).toEqual([]);
	});

	it('"Anyone With the Link" with two approvers needed is refused with a clear error', async () => {
		const execution = await engine.execute(
			approvalWorkflow({ notifyUrl: `${receiver.url}/notify`, approverMode: 'anyone', quorum: 2 }),
			{ items: refundPayloads([6]) },
		);
		expect(execution.status).toBe('error');
		expect(execution.error?.message).toBe(
			'"Anyone With the Link" cannot need more than one approver',
		);
		expect((execution.error as Error & { description?: string }).description).toContain(
			'Choose Named Approvers',
		);
		expect(receiver.requests).toHaveLength(0);
	});

	it("keeps the link's own secret out of the query string: the query holds only n8n's resume token", async () => {
		await engine.execute(approvalWorkflow({ notifyUrl: `${receiver.url}/notify` }), {
			items: refundPayloads([6]),
		});
		const link = new URL(linkFrom(receiver));
		expect([...link.searchParams.keys()]).toEqual(['signature']);
		expect(link.hash).toMatch(/[#&]t=/);
		// What a GET (a preview, a proxy log) gets names no request, approver or item.
		const page = await engine.resumeByWebhook(link.toString(), {
			method: 'GET',
			headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0' },
		});
		expect(page.response.statusCode).toBe(200);
		expect(page.response.body).not.toMatch(/Grace|refund of|Approve<\/button>/);
		expect(page.response.headers['referrer-policy']).toBe('no-referrer');
	});

	it("answers a waiting URL without n8n's resume token with 401, as n8n 2.41.1 does, and the node's links carry it", async () => {
		const waiting = await engine.execute(
			approvalWorkflow({ notifyUrl: `${receiver.url}/notify` }),
			{ items: refundPayloads([6]) },
		);
		const link = new URL(linkFrom(receiver));
		expect(link.searchParams.get('signature')).toBe(waiting.data.resumeToken);
		const bare = new URL(link);
		bare.search = '';
		expect((await decide(engine, bare.toString(), { decision: 'approve' })).response).toMatchObject(
			{ statusCode: 401 },
		);
		expect((await view(engine, link.toString())).response.statusCode).toBe(200);
	});
});
