/**
 * Every template in `workflows/` opened in the real n8n 2.41.1 editor, one after another, drawn
 * whole (zoomed to fit, nothing covering the canvas), for a visitor to look at: the README's
 * screenshots and the sticky-note check both see what a person sees.
 */
import { rmSync } from 'node:fs';

import type { Page } from 'playwright-core';

import { readTemplate, templateFiles } from '../../harness';
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

export interface TemplateInEditor {
	id: string;
	file: string;
	nodes: Array<{ id: string; name: string; type: string }>;
}

export type TemplateVisitor = (page: Page, template: TemplateInEditor) => Promise<void>;

/** Opens one template and waits until it is drawn whole with nothing over it. */
async function openTemplate(page: Page, n8n: N8nInstance, template: TemplateInEditor) {
	await page.goto(`${n8n.url}/workflow/${template.id}`);
	// Sticky notes are canvas nodes too: wait until every node of the template is drawn.
	await page
		.locator('.vue-flow__node')
		.nth(template.nodes.length - 1)
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
}

async function visitAll(n8n: N8nInstance, templates: TemplateInEditor[], visit: TemplateVisitor) {
	const { cookie } = await ownerSession(n8n);
	const separator = cookie.indexOf('=');
	const browser = await launchChromium();
	try {
		const context = await browser.newContext({
			viewport: { width: 1920, height: 1080 },
			deviceScaleFactor: 1,
		});
		await context.addCookies([
			{ name: cookie.slice(0, separator), value: cookie.slice(separator + 1), url: n8n.url },
		]);
		const page = await context.newPage();
		for (const template of templates) {
			await openTemplate(page, n8n, template);
			await visit(page, template);
		}
	} finally {
		await browser.close();
	}
}

/** Imports every template into a fresh real n8n on `port` and shows each to `visit`. */
export async function visitTemplatesInEditor(port: number, visit: TemplateVisitor): Promise<void> {
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
			nodes: workflow.nodes as TemplateInEditor['nodes'],
		}));
		const n8n = await startN8n(userFolder, port);
		try {
			await visitAll(n8n, templates, visit);
		} finally {
			await n8n.stop();
		}
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
}

export interface HiddenNoteText {
	id: string;
	/** Layout pixels of text below the note's bottom edge (or right of its right edge). */
	hiddenBelow: number;
	hiddenRight: number;
	/** The canvas nodes drawn over the note's text (their ids). */
	coveredBy: string[];
}

/**
 * The sticky notes on the canvas whose text a person cannot read whole: n8n draws a note's text
 * in a box that hides what overflows, so a note too small for its text loses its last lines
 * silently; and a node placed over a note's text hides the words under it. Overflow is measured
 * in layout pixels (the canvas zoom does not matter), covering by where things are drawn.
 */
export async function stickyNotesCutOff(page: Page): Promise<HiddenNoteText[]> {
	// A string, not a function: the bundler's helpers would not exist inside the page.
	return await page.evaluate(`(() => {
		const overlaps = (a, b) =>
			a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
		const nodes = [...document.querySelectorAll('.vue-flow__node')].filter(
			(node) => !node.querySelector('.n8n-sticky'),
		);
		return [...document.querySelectorAll('.n8n-sticky')].map((sticky) => {
			const box = sticky.firstElementChild;
			const text = box.firstElementChild.getBoundingClientRect();
			return {
				id: sticky.closest('.vue-flow__node').getAttribute('data-id'),
				hiddenBelow: box.scrollHeight - box.clientHeight,
				hiddenRight: box.scrollWidth - box.clientWidth,
				coveredBy: nodes
					.filter((node) => overlaps(text, node.getBoundingClientRect()))
					.map((node) => node.getAttribute('data-id')),
			};
		}).filter((note) => note.hiddenBelow > 0 || note.hiddenRight > 0 || note.coveredBy.length > 0);
	})()`);
}
