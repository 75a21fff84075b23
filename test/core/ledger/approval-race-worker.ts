/** One racer: decides every approval request as its own approver, at the common start time. */
import { closeAllLedgers, getLedger, type LedgerConfig } from '../../../core/ledger';

async function main(): Promise<void> {
	const [configJson, approver, requestCount, startAt] = process.argv.slice(2);
	const ledger = await getLedger(JSON.parse(configJson) as LedgerConfig);
	const wait = Number(startAt) - Date.now();
	if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
	const settled: string[] = [];
	for (let i = 0; i < Number(requestCount); i++) {
		const outcome = await ledger.decideApproval({ requestId: `request-${i}`, approver, decision: 'approve', comment: null, at: Date.now(), ip: null, userAgent: 'race' });
		if (outcome?.settled) settled.push(`request-${i}`);
	}
	await closeAllLedgers();
	process.stdout.write(JSON.stringify(settled));
}

main().catch((error: unknown) => {
	process.stderr.write(String((error as Error).stack));
	process.exitCode = 1;
});
