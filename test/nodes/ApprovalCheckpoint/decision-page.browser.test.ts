import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Browser } from 'playwright-core';

import { Engine } from '../../../harness';
import type { ExecutionResult } from '../../../harness/execution-result';
import { launchChromium } from '../../../scripts/chromium';
import { startLocalServer, type LocalServer } from '../../support/http-server';
import { approvalWorkflow, approvers, linkFrom, refundPayloads, startReceiver } from './support';

const REPORTS = path.resolve(__dirname, '..', '..', '..', 'reports');

describe('Approval Checkpoint decision page in headless Chromium', () => {
	let browser: Browser;
	let receiver: LocalServer;
	let n8nHttp: LocalServer;
	let engine: Engine;
	const resumed: ExecutionResult[] = [];

	beforeAll(async () => {
		browser = await launchChromium();
		receiver = await startReceiver();
		// n8n's HTTP layer in front of the engine: what the browser requests reaches the waiting execution.
		n8nHttp = await startLocalServer((request, response) => {
			void engine
				.resumeByWebhook(request.url, {
					method: request.method,
					headers: request.headers as Record<string, string>,
					rawBody: request.body,
				})
				.then((call) => {
					if (call.execution) resumed.push(call.execution);
					response.writeHead(call.response.statusCode, call.response.headers);
					response.end(call.response.body);
				});
		});
		engine = await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-browser-')),
			baseUrl: n8nHttp.url,
		});
	});

	afterAll(async () => {
		await browser?.close();
		await receiver?.close();
		await n8nHttp?.close();
	});

	it('a named approver opens their link, reads the summary, types a comment, clicks Approve, and the workflow continues on Approved', async () => {
		const [refund] = refundPayloads([6]);
		const waiting = await engine.execute(
			approvalWorkflow({
				notifyUrl: `${receiver.url}/notify`,
				approvers: approvers({ name: 'Margaret Hamilton', contact: 'margaret@example.com' }),
			}),
			{ items: [refund] },
		);
		expect(waiting.status).toBe('waiting');

		const page = await browser.newPage({ viewport: { width: 900, height: 720 } });
		const link = linkFrom(receiver);
		await page.goto(link);
		await page.waitForSelector('button.approve');
		await expect(page.locator('h1').textContent()).resolves.toBe('Approval needed: 1 item');
		await expect(page.locator('.item').textContent()).resolves.toContain(
			'refund of 75.00 EUR is above 50.00 EUR',
		);
		await expect(page.locator('.notice').first().textContent()).resolves.toContain(
			'Deciding as Margaret Hamilton',
		);
		// The link's signed values left the address bar once read; no request carried them in a URL.
		expect(page.url()).toBe(link.split('#')[0]);
		expect(n8nHttp.requests.every((request) => !request.url.includes('t='))).toBe(true);
		await page.fill('#comment', 'Checked with the customer by phone');
		mkdirSync(REPORTS, { recursive: true });
		await page.screenshot({ path: path.join(REPORTS, 'approval-page.png'), fullPage: true });
		await Promise.all([page.waitForLoadState('load'), page.click('button.approve')]);
		await page.waitForSelector('h1:text("Approved")');

		expect(resumed).toHaveLength(1);
		expect(resumed[0].output('Approved')[0]).toMatchObject({
			id: refund.id,
			approval: {
				decision: 'approved',
				approver: 'Margaret Hamilton',
				comment: 'Checked with the customer by phone',
			},
		});
		await page.close();
	}, 60_000);
});
