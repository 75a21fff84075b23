import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { getLedger, embeddedLedgerConfig } from '../../../core/ledger';
import { Engine } from '../../../harness';
import type { LocalServer } from '../../support/http-server';
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
} from './support';

describe('Approval Checkpoint through the engine: wait, decide on the page, resume', () => {
	let receiver: LocalServer;
	let userFolder: string;
	let engine: Engine;

	beforeEach(async () => {
		receiver = await startReceiver();
		userFolder = mkdtempSync(path.join(tmpdir(), 'orderflow-approval-'));
		engine = await Engine.start({ userFolder });
	});
	afterEach(async () => await receiver.close());

	const workflow = (parameters: Record<string, unknown> = {}) =>
		approvalWorkflow({ notifyUrl: `${receiver.url}/notify`, ...parameters });
	const decisions = async (url: string) => {
		const ledger = await getLedger(embeddedLedgerConfig({ userFolder }));
		return (await ledger.getApproval(linkParts(url).fields.r))!;
	};

	it('approves items that fire no rule at once: no wait, no notification', async () => {
		const execution = await engine.execute(workflow(), { items: refundPayloads([1, 2]) });
		expect(execution.status).toBe('success');
		expect(execution.output('Approved').map((item) => item.approval)).toEqual([
			expect.objectContaining({ decision: 'approved', reason: 'no rule matched', rules: [] }),
			expect.objectContaining({ decision: 'approved', reason: 'no rule matched', rules: [] }),
		]);
		expect(receiver.requests).toHaveLength(0);
	});

	it('waits; the link opens the items and decides nothing; Approve resumes into Approved with who, when and why', async () => {
		const [small, large] = refundPayloads([1, 5]);
		const waiting = await engine.execute(workflow(), { items: [small, large] });
		expect(waiting.status).toBe('waiting');
		const notice = JSON.parse(receiver.requests[0].body) as {
			title: string;
			url: string;
			items: Array<{ title: string; rules: Array<{ reason: string }> }>;
		};
		expect(notice.items).toEqual([
			{
				title: `Refund ${String(large.id)} of order ${String(large.order_id)}`,
				details: [],
				rules: [{ rule: 'refundAbove', reason: 'refund of 62.50 EUR is above 50.00 EUR' }],
			},
		]);

		const shell = await engine.resumeByWebhook(notice.url, { method: 'GET', headers: BROWSER });
		expect(shell.response.statusCode).toBe(200);
		expect(shell.execution).toBeUndefined();
		const page = await view(engine, notice.url);
		expect(page.response.statusCode).toBe(200);
		expect(page.response.body).toContain('Deciding as <strong>Grace Hopper</strong>');
		expect(page.response.body).toContain('refund of 62.50 EUR is above 50.00 EUR');
		expect(page.response.body).toContain('<button class="approve"');
		expect(page.execution).toBeUndefined();
		expect((await decisions(notice.url)).decisions).toEqual([]);

		const approved = await decide(engine, notice.url, {
			decision: 'approve',
			comment: 'Customer is a regular',
		});
		expect(approved.response.statusCode).toBe(200);
		expect(approved.response.body).toContain('the request is approved');
		expect(approved.execution?.status).toBe('success');
		const items = approved.execution!.output('Approved');
		expect(items.map((item) => item.id)).toEqual([small.id, large.id]);
		expect(items[0].approval).toMatchObject({ decision: 'approved', reason: 'no rule matched' });
		expect(items[1]).toMatchObject({
			order_id: large.order_id,
			approval: {
				decision: 'approved',
				approver: 'Grace Hopper',
				comment: 'Customer is a regular',
				rules: [{ rule: 'refundAbove' }],
			},
		});

		const ledger = await getLedger(embeddedLedgerConfig({ userFolder }));
		const trail = await ledger.trail(`shopify:order:${String(large.order_id)}`);
		expect(trail.map((event) => [event.event, event.decision])).toEqual([
			['approval.requested', 'pending'],
			['approval.decision', 'approve'],
		]);
		expect(trail[1].details).toMatchObject({
			approver: 'Grace Hopper',
			userAgent: BROWSER['user-agent'],
		});
	});

	it('reject routes the refund to Rejected; a later submission by another approver records nothing (n8n: the execution has finished)', async () => {
		const waiting = await engine.execute(workflow({ approvers: approvers(ADA, GRACE) }), {
			items: refundPayloads([6]),
		});
		const rejected = await decide(engine, linkFrom(receiver, ADA.name), {
			decision: 'reject',
			comment: 'Fraud suspected',
		});
		expect(rejected.execution!.output('Rejected')[0].approval).toMatchObject({
			decision: 'rejected',
			approver: ADA.name,
			comment: 'Fraud suspected',
			exception: expect.stringMatching(/^E-\d+$/),
		});
		// The rejection is an exception in the queue by itself, naming who rejected it and why.
		const ledger = await getLedger(embeddedLedgerConfig({ userFolder }));
		expect(await ledger.listExceptions({ kind: 'rejected' })).toEqual([
			expect.objectContaining({
				state: 'open',
				reason: `Approval rejected by ${ADA.name}: “Fraud suspected”`,
				action: expect.stringMatching(/^Rejected by the approver/),
			}),
		]);
		const again = await decide(engine, linkFrom(receiver, GRACE.name), { decision: 'approve' });
		expect(again.response.statusCode).toBe(409);
		expect(again.execution).toBeUndefined();
		expect((await decisions(linkFrom(receiver))).decisions.map((d) => d.approverName)).toEqual([
			ADA.name,
		]);
		expect(waiting.status).toBe('waiting');
	});

	it('refuses a tampered link (401); an expired one (410) records no decision and resumes with the timeout policy', async () => {
		await engine.execute(workflow({ timeout: '2 seconds' }), { items: refundPayloads([6]) });
		const url = linkFrom(receiver);
		const { fields } = linkParts(url);
		const altered = (change: Record<string, string>) =>
			Object.assign(new URL(url), {
				hash: new URLSearchParams({ ...fields, ...change }).toString(),
			}).toString();
		expect(
			(
				await decide(engine, altered({ e: String(Number(fields.e) + 86_400_000) }), {
					decision: 'approve',
				})
			).response.statusCode,
		).toBe(401);
		expect((await view(engine, altered({ t: 'A'.repeat(43) }))).response.statusCode).toBe(401);
		await new Promise((resolve) => setTimeout(resolve, 2100));
		const expired = await decide(engine, url, { decision: 'approve' });
		expect(expired.response.statusCode).toBe(410);
		expect(expired.execution?.output('Timed Out')).toHaveLength(1);
		expect((await decisions(url)).decisions).toEqual([]);
		const ledger = await getLedger(embeddedLedgerConfig({ userFolder }));
		expect(await ledger.listExceptions({ kind: 'timed_out' })).toEqual([
			expect.objectContaining({
				state: 'open',
				reason: expect.stringMatching(/^Approval timed out/),
				action: expect.stringMatching(/^Nobody decided in time/),
			}),
		]);
	});

	it('link previews of chat apps may look but never decide', async () => {
		await engine.execute(workflow(), { items: refundPayloads([6]) });
		const url = linkFrom(receiver);
		for (const agent of [
			'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
			'Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5',
			'facebookexternalhit/1.1',
		]) {
			expect(
				(await engine.resumeByWebhook(url, { method: 'GET', headers: { 'user-agent': agent } }))
					.response.statusCode,
			).toBe(200);
			expect((await view(engine, url, { 'user-agent': agent })).response.statusCode).toBe(200);
			const post = await decide(engine, url, { decision: 'approve' }, { 'user-agent': agent });
			expect(post.response.statusCode).toBe(403);
		}
		expect((await decisions(url)).decisions).toEqual([]);
	});

	it('a quorum of two: the first approval waits for a second, different approver', async () => {
		await engine.execute(
			workflow({ secondThresholds: 'EUR 100', approvers: approvers(ADA, GRACE) }),
			{ items: refundPayloads([9]) },
		);
		expect(JSON.parse(receiver.requests[0].body)).toMatchObject({ quorum: 2 });
		const first = await decide(engine, linkFrom(receiver, ADA.name), { decision: 'approve' });
		expect(first.response.body).toContain('1 more approver(s) needed');
		expect(first.execution).toBeUndefined();
		expect(
			(await decide(engine, linkFrom(receiver, ADA.name), { decision: 'approve' })).response
				.statusCode,
		).toBe(409);
		const second = await decide(engine, linkFrom(receiver, GRACE.name), { decision: 'approve' });
		expect(second.execution!.output('Approved')[0].approval).toMatchObject({
			decision: 'approved',
			approvers: [ADA.name, GRACE.name],
		});
	});

	it.each([
		['timedOut', 'Timed Out', 'timedOut'],
		['reject', 'Rejected', 'rejected'],
		['approve', 'Approved', 'approved'],
	])('on timeout with policy %s the items go to %s', async (policy, output, decision) => {
		const waiting = await engine.execute(workflow({ timeoutPolicy: policy }), {
			items: refundPayloads([1, 7]),
		});
		const resumed = await engine.resumeByTimer(waiting.executionId);
		expect(resumed.status).toBe('success');
		const routed = resumed
			.output(output)
			.filter((item) => (item.approval as { rules: unknown[] }).rules.length > 0);
		expect(routed).toEqual([
			expect.objectContaining({
				approval: expect.objectContaining({
					decision,
					approver: null,
					reason: expect.stringMatching(/^timed out/),
				}),
			}),
		]);
		expect(
			resumed
				.output('Approved')
				.some((item) => (item.approval as { reason: string }).reason === 'no rule matched'),
		).toBe(true);
	});

	it('resumes correctly after the engine process is replaced between the wait and the decision (state on disk)', async () => {
		await engine.execute(workflow(), { items: refundPayloads([8]) });
		const url = linkFrom(receiver);
		const restarted = await Engine.start({ userFolder });
		const approved = await decide(restarted, url, { decision: 'approve' });
		expect(approved.execution?.status).toBe('success');
		expect(approved.execution!.output('Approved')[0].approval).toMatchObject({
			approver: GRACE.name,
		});
	});

	it('a notification that cannot be delivered fails the execution with the channel named', async () => {
		const failing = await startReceiver(500);
		try {
			const execution = await engine.execute(
				approvalWorkflow({ notifyUrl: `${failing.url}/hook` }),
				{ items: refundPayloads([8]) },
			);
			expect(execution.status).toBe('error');
			const error = execution.nodeError('Approval Checkpoint') as Error & { description?: string };
			expect(error.message).toMatch(/could not be sent to 127\.0\.0\.1/);
			expect(error.description).toMatch(/Webhook URL/);
		} finally {
			await failing.close();
		}
	});
});
