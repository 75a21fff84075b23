/**
 * `npm run screenshots`: refreshes the README's pictures in headless Chromium — the templates in
 * real n8n (scripts/n8n/template-screenshots.ts, run first by the npm script) and here the
 * readiness report that `npm run demo` wrote (run the demo first).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from '../harness';
import { launchChromium } from './chromium';

async function main(): Promise<void> {
	const report = path.join(REPO_ROOT, 'reports', 'readiness.html');
	if (!existsSync(report))
		throw new Error('reports/readiness.html is missing: run `npm run demo` first');
	const images = path.join(REPO_ROOT, 'docs', 'images');
	mkdirSync(images, { recursive: true });
	const browser = await launchChromium();
	try {
		const page = await browser.newPage({ viewport: { width: 1040, height: 900 } });
		await page.goto(`file://${report}`);
		// Open one order trail so the picture shows what the report keeps per scenario.
		await page
			.locator('details')
			.first()
			.evaluate((element) => element.setAttribute('open', ''));
		await page.screenshot({ path: path.join(images, 'readiness-report.png'), fullPage: true });
		console.log('docs/images/readiness-report.png');
	} finally {
		await browser.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
