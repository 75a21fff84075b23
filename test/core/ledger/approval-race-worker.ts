/**
 * One racer: decides every approval request as its own approver, in its own shuffled order, once
 * every racer is at the start line (shuffled, so any overlap between racers spreads the settling).
 */
import { closeAllLedgers, getLedger, type LedgerConfig } from '../../../core/ledger';
import { startTogether } from './barrier';

async function main(): Promise<void> {
	const [configJson, approver, requestCount, barrierDir, racers] = process.argv.slice(2);
	const ledger = await getLedger(JSON.parse(configJson) as LedgerConfig);
	await startTogether(barrierDir, approver, Number(racers));
	const settled: string[] = [];
	const requests = Array.from({ length: Number(requestCount) }, (_, i) => `request-${i}`).sort(
		() => Math.random() - 0.5,
	);
	for (const requestId of requests) {
		const outcome = await ledger.decideApproval({
			requestId,
			approver,
			approverName: approver,
			decision: 'approve',
			comment: null,
			at: Date.now(),
			ip: null,
			userAgent: 'race',
		});
		if (outcome?.settled) settled.push(requestId);
		// People do not decide back to back: without a pause, the process holding SQLite's write lock
		// takes it again before the others' retries come round, and one racer settles everything.
		await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
	}
	await closeAllLedgers();
	process.stdout.write(JSON.stringify(settled));
}

main().catch((error: unknown) => {
	process.stderr.write(String((error as Error).stack));
	process.exitCode = 1;
});
