/**
 * Part of `npm run screenshots`: every template in `workflows/` as the real n8n 2.41.1 editor
 * draws it, saved as `docs/images/template-<name>.png`. Needs a fresh `npm run build` (the
 * package n8n loads is packed from dist), not the demo.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from '../../harness';
import { stickyNotesCutOff, visitTemplatesInEditor } from './template-editor';

const PORT = 5694;

async function main(): Promise<void> {
	const images = path.join(REPO_ROOT, 'docs', 'images');
	mkdirSync(images, { recursive: true });
	await visitTemplatesInEditor(PORT, async (page, template) => {
		const file = path.join(images, `template-${path.basename(template.file, '.json')}.png`);
		await page.screenshot({ path: file });
		const cutOff = await stickyNotesCutOff(page);
		console.log(
			`${path.relative(REPO_ROOT, file)}${cutOff.length ? ` (${cutOff.length} sticky note(s) cut off: npm run test:n8n names them)` : ''}`,
		);
	});
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
