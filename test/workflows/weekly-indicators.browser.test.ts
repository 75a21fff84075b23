/**
 * The weekly-indicators template, run by n8n's engine over a week in which the order sync booked
 * orders and refused one: the digest is posted (text for chat, subject and HTML for a mail), and
 * its HTML, rendered in headless Chromium as a mail client would show it, is the README's picture.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { startTemplate, SHIP_TO_BERLIN as ADDRESS, type TemplateRig } from '../../harness';
import { launchChromium } from '../../scripts/chromium';

const REPORTS = path.resolve(__dirname, '..', '..', 'reports');

describe('weekly indicators template', () => {
	let rig: TemplateRig;

	beforeEach(async () => {
		rig = await startTemplate(
			['order-sync.json', 'weekly-indicators.json'],
			['Send Digest', 'Report Exception'],
		);
	});
	afterEach(async () => await rig.close());

	it('posts the week’s digest, breaches first, whose HTML a browser shows with each indicator against its threshold', async () => {
		for (const sku of ['TSHIRT-RED-M', 'SOCKS-TRAIL-42', 'TOTE-NAT'])
			rig.shopify.store.createOrder({ lines: [{ sku, quantity: 1 }], shippingAddress: ADDRESS });
		await rig.settle();
		const run = await rig.engine.execute(rig.workflows[1], { startNode: 'Monday Morning' });
		expect(run.status).toBe('success');
		const [digest] = rig.sent('Send Digest');
		expect(digest).toMatchObject({
			subject: expect.stringMatching(/^Orderflow weekly: \d+ of \d+ indicators breached/),
			breached: expect.any(Number),
			text: expect.stringContaining('Exception rate'),
		});

		mkdirSync(REPORTS, { recursive: true });
		writeFileSync(path.join(REPORTS, 'weekly-digest.html'), String(digest.html));
		const browser = await launchChromium();
		try {
			const page = await browser.newPage({ viewport: { width: 760, height: 560 } });
			await page.setContent(String(digest.html));
			const rows = await page.locator('tr').allTextContents();
			expect(rows[1]).toMatch(/Exception rate.*33\.33 % of events in.*breached/);
			await page.screenshot({ path: path.join(REPORTS, 'weekly-digest.png'), fullPage: true });
		} finally {
			await browser.close();
		}
	}, 60_000);
});
