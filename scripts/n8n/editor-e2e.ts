/**
 * Part of `npm run test:n8n`: every template as a person sees it in the real n8n 2.41.1 editor.
 * Each sticky note must show its whole text — n8n hides what does not fit a note's size, and a
 * node placed over a note hides the words under it: a setup step or a warning is lost without a sign.
 */
import { stickyNotesCutOff, visitTemplatesInEditor } from './template-editor';

const PORT = 5695;

async function main(): Promise<void> {
	const failures: string[] = [];
	let notes = 0;
	await visitTemplatesInEditor(PORT, async (page, template) => {
		const stickies = template.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
		notes += stickies.length;
		const drawn = await page.locator('.n8n-sticky').count();
		if (drawn !== stickies.length)
			failures.push(`${template.file}: ${drawn} of ${stickies.length} sticky notes drawn`);
		const nameOf = (id: string) => template.nodes.find((node) => node.id === id)?.name ?? id;
		for (const cut of await stickyNotesCutOff(page)) {
			const note = `${template.file}: sticky note "${nameOf(cut.id)}"`;
			if (cut.hiddenBelow > 0 || cut.hiddenRight > 0)
				failures.push(
					`${note} hides ${cut.hiddenBelow} px of text below and ${cut.hiddenRight} px to the right: make it larger`,
				);
			if (cut.coveredBy.length)
				failures.push(`${note} has its text under ${cut.coveredBy.map(nameOf).join(', ')}`);
		}
	});
	for (const failure of failures) console.log(`✗ ${failure}`);
	if (failures.length) {
		process.exitCode = 1;
		return;
	}
	console.log(`✓ every sticky note of every template shows its whole text (${notes} notes)`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
