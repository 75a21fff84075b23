/**
 * The support desk in headless Chromium, as support uses it: sign in (Basic Auth), find an order
 * by its name, read its four-part story, resolve its in-doubt write as applied, and see the next
 * run replay it. The page runs under n8n's sandbox policy for Respond to Webhook answers, as in
 * real n8n. The screenshot goes to reports/support-desk.png for the README.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Browser } from 'playwright-core';

import { defaultSqliteFile, getLedger } from '../../core/ledger';
import {
	orderRefOf,
	readTemplate,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	type TemplateRig,
} from '../../harness';
import { launchChromium } from '../../scripts/chromium';
import { startLocalServer, type LocalServer } from '../support/http-server';

const REPORTS = path.resolve(__dirname, '..', '..', 'reports');
const LOGIN = { username: 'ada@example.com', password: 'desk-password' };

describe('support desk in headless Chromium', () => {
	let browser: Browser;
	let rig: TemplateRig;
	let n8nHttp: LocalServer;

	beforeAll(async () => {
		browser = await launchChromium();
		rig = await startTemplate(
			'order-sync.json',
			['Report Exception', 'Address Change Approval', 'Report Address Decision'],
			{ erpIdempotencyHeader: '' },
		);
		rig.engine.credentials.set('Support Desk Login', {
			type: 'httpBasicAuth',
			data: { user: LOGIN.username, password: LOGIN.password },
		});
		const desk = readTemplate('support-desk.json');
		// n8n's HTTP layer in front of the engine: /webhook/<path> reaches the desk's Webhook node.
		n8nHttp = await startLocalServer((request, response) => {
			const url = new URL(request.url, 'http://localhost');
			void rig.engine
				.webhook(desk, {
					method: request.method,
					path: url.pathname.replace(/^\/webhook\//, ''),
					query: Object.fromEntries(url.searchParams),
					headers: request.headers as Record<string, string>,
					rawBody: request.body,
				})
				.then((call) => {
					response.writeHead(call.response.statusCode, call.response.headers);
					response.end(call.response.body);
				});
		});
	});

	afterAll(async () => {
		await browser?.close();
		await n8nHttp?.close();
		await rig?.close();
	});

	it('support finds #order, reads its story, resolves the in-doubt write as applied, and the next run replays it', async () => {
		await rig.erpCall('PUT', '/_control/faults', [
			{ method: 'POST', path: '/sales-orders', kind: 'commit-then-drop', times: 1 },
		]);
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		const [booked] = await rig.salesOrders();

		const context = await browser.newContext({
			httpCredentials: LOGIN,
			viewport: { width: 1000, height: 900 },
		});
		const page = await context.newPage();
		await page.goto(`${n8nHttp.url}/webhook/support-desk`);
		await page.fill('input[name="q"]', order.name);
		await Promise.all([page.waitForLoadState('load'), page.click('form.search button')]);
		const story = page.locator(`section.case[data-entity="${orderRefOf(order)}"]`);
		await expect(
			story.locator('li[data-part="event in"]').first().textContent(),
		).resolves.toContain('Shopify sent orders/create');
		await expect(
			story.locator('li[data-part="mapped to"]').first().textContent(),
		).resolves.toContain(`Mapped to a sales order for ${order.name}`);
		await expect(
			story.locator('li[data-part="downstream said"]').allTextContents(),
		).resolves.toEqual(
			expect.arrayContaining([
				expect.stringContaining('the answer was lost: in doubt until someone checks'),
			]),
		);
		await expect(
			story.locator('li[data-part="what we did next"]').allTextContents(),
		).resolves.toEqual(
			expect.arrayContaining([expect.stringMatching(/Reported as exception E-\d+ \(in doubt\)/)]),
		);
		mkdirSync(REPORTS, { recursive: true });
		await page.screenshot({ path: path.join(REPORTS, 'support-desk.png'), fullPage: true });

		const write = story.locator('article.write');
		await expect(write.locator('input[name="by"]').inputValue()).resolves.toBe(LOGIN.username);
		await write.locator('input[name="note"]').fill(`${String(booked.id)} is in the ERP`);
		await write.locator('textarea[name="record"]').fill(JSON.stringify(booked));
		await Promise.all([page.waitForLoadState('load'), write.locator('button.applied').click()]);
		await expect(page.locator('.flash.done').textContent()).resolves.toMatch(
			/resolved as applied by ada@example.com: kept as done; every later run replays it/,
		);
		await expect(page.locator('article.write').count()).resolves.toBe(0);

		// The next run of the order (its delivery again): replayed, not sent; the order is tagged.
		await rig.redeliver('orders/create');
		await page.reload();
		await expect(page.locator('section.case p.meta').first().textContent()).resolves.toBe(
			'Nothing waits for anyone.',
		);
		await expect(page.locator('ol.story').textContent()).resolves.toContain(
			'Already done earlier: replayed the answer of the ERP',
		);
		expect(await rig.salesOrders()).toHaveLength(1);
		const ledger = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: rig.engine.userFolder }),
		});
		expect(await ledger.listExceptions({ entity: orderRefOf(order), state: 'unresolved' })).toEqual(
			[],
		);
		await context.close();
	}, 90_000);
});
