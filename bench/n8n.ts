/**
 * `npm run bench:n8n`: the nodes timed inside a real n8n 2.41.1, side by side with the n8n nodes
 * they replace, in one run; then webhook intake, once more on a main started with n8n's lazy
 * isolate. Prints `name: value` lines, the ratios last. Each comparison lives in its own
 * bench/n8n-*.ts file and adds its lines here.
 */
import { rmSync } from 'node:fs';

import {
	createApiKey,
	installN8n,
	N8N_VERSION,
	importWorkflow,
	prepareUserFolder,
	publishWorkflow,
	startN8n,
	type N8nInstance,
} from '../scripts/n8n/real-n8n';
import { benchWorkflow, CONTENDERS, dedupeBench } from './n8n-dedupe';
import { intakeBench, LAZY_ISOLATE_ENV, lazyIntakeBench, prepareIntake } from './n8n-intake';
import {
	RECONCILE_CONTENDERS,
	RECONCILE_N8N_ENV,
	reconcileBench,
	reconcileWorkflow,
} from './n8n-reconcile';
import { prepareWritesBench } from './n8n-writes';

/** A port of its own, away from the end-to-end checks (5678–5700). */
const PORT = Number(process.env.BENCH_N8N_PORT ?? 5720);

function importAndPublish(userFolder: string): void {
	for (const contender of CONTENDERS) {
		importWorkflow(userFolder, benchWorkflow(contender));
		publishWorkflow(userFolder, contender.workflowId);
	}
	for (const contender of RECONCILE_CONTENDERS) {
		importWorkflow(userFolder, reconcileWorkflow(contender));
		publishWorkflow(userFolder, contender.workflowId);
	}
}

async function main(): Promise<void> {
	installN8n();
	const userFolder = prepareUserFolder();
	let n8n: N8nInstance | undefined;
	let writes: Awaited<ReturnType<typeof prepareWritesBench>> | undefined;
	let intakeShop: Awaited<ReturnType<typeof prepareIntake>> | undefined;
	try {
		writes = await prepareWritesBench(userFolder);
		intakeShop = await prepareIntake(userFolder);
		importAndPublish(userFolder);
		n8n = await startN8n(userFolder, PORT, undefined, RECONCILE_N8N_ENV);
		const apiKey = await createApiKey(n8n, 'orderflow bench');
		const started = Date.now();
		const lines = [
			...(await dedupeBench(n8n, apiKey)),
			...(await writes.run(n8n, apiKey)),
			...(await reconcileBench(n8n, apiKey)),
			...(await intakeBench(n8n, apiKey, intakeShop)),
		];
		await n8n.stop();
		n8n = await startN8n(userFolder, PORT, undefined, LAZY_ISOLATE_ENV);
		lines.push(...(await lazyIntakeBench(n8n, intakeShop)));
		console.log(`n8n version: ${N8N_VERSION}`);
		// The ratios (`a vs b: N x`) last, after every figure.
		const ratio = (line: string) => line.split(':')[0].includes(' vs ');
		for (const line of [...lines.filter((l) => !ratio(l)), ...lines.filter(ratio)])
			console.log(line);
		console.log(`bench seconds: ${Math.round((Date.now() - started) / 1000)}`);
	} finally {
		await n8n?.stop();
		await writes?.close();
		await intakeShop?.close();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
