/**
 * Part of `npm run screenshots`: every template in `workflows/` as the real n8n 2.41.1 editor
 * draws it, saved as `docs/images/template-<name>.png`. Needs a fresh `npm run build` (the
 * package n8n loads is packed from dist), not the demo.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

import { readTemplate, REPO_ROOT, templateFiles } from '../../harness';
import { launchChromium } from '../chromium';
import {
	importCredentials,
	importWorkflow,
	installN8n,
	ownerSession,
	prepareUserFolder,
	startN8n,
	templateCredentials,
	type N8nInstance,
} from './real-n8n';

const PORT = 5694;

async function shoot(
	n8n: N8nInstance,
	templates: Array<{ id: string; file: string; nodes: number }>,
): Promise<void> {
	const { cookie } = await ownerSession(n8n);
	const [name, value] = [
		cookie.slice(0, cookie.indexOf('=')),
		cookie.slice(cookie.indexOf('=') + 1),
	];
	const images = path.join(REPO_ROOT, 'docs', 'images');
	mkdirSync(images, { recursive: true });
	const browser = await launchChromium();
	try {
		const context = await browser.newContext({
			viewport: { width: 1920, height: 1080 },
			deviceScaleFactor: 1,
		});
		await context.addCookies([{ name, value, url: n8n.url }]);
		const page = await context.newPage();
		for (const template of templates) {
			await page.goto(`${n8n.url}/workflow/${template.id}`);
			// Sticky notes are canvas nodes too: wait until every node of the template is drawn.
			await page
				.locator('.vue-flow__node')
				.nth(template.nodes - 1)
				.waitFor({ timeout: 60_000 });
			await page.waitForLoadState('networkidle'); // node icons
			// Nothing may cover the canvas: close dialogs, banners and toasts should any appear.
			await page.keyboard.press('Escape');
			for (const close of await page
				.locator(
					'.el-dialog__headerbtn, .el-message-box__headerbtn, .el-notification__closeBtn, [data-test-id^="banner-"][data-test-id$="-close"], [data-test-id="dialog-close-button"]',
				)
				.all()) {
				if (await close.isVisible()) await close.click();
			}
			await page.locator('[data-test-id="zoom-to-fit"]').click();
			// Park the pointer on the empty header so no tooltip or hover outline is drawn.
			await page.mouse.move(960, 10);
			await page.waitForTimeout(1000);
			const file = path.join(images, `template-${path.basename(template.file, '.json')}.png`);
			await page.screenshot({ path: file });
			console.log(path.relative(REPO_ROOT, file));
		}
	} finally {
		await browser.close();
	}
}

async function main(): Promise<void> {
	installN8n();
	const userFolder = prepareUserFolder();
	try {
		// The editor only needs the credentials to exist (nothing runs).
		importCredentials(userFolder, templateCredentials());
		const files = templateFiles();
		const workflows = files.map((file, index) => ({
			...readTemplate(file),
			// Templates carry no id; a fixed one gives each a known editor URL.
			id: `orderflowTpl${String(index).padStart(4, '0')}`,
		}));
		// One import of them all: every n8n CLI call boots n8n for several seconds.
		importWorkflow(userFolder, workflows);
		const templates = workflows.map((workflow, index) => ({
			id: workflow.id,
			file: files[index],
			nodes: workflow.nodes.length,
		}));
		const n8n = await startN8n(userFolder, PORT);
		try {
			await shoot(n8n, templates);
		} finally {
			await n8n.stop();
		}
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
