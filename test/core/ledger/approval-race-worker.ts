/** One racer: decides every approval request as its own approver, once every racer is at the start line. */
import { closeAllLedgers, getLedger, type LedgerConfig } from '../../../core/ledger';
import { startTogether } from './barrier';

async function main(): Promise<void> {
	const [configJson, approver, requestCount, barrierDir, racers] = process.argv.slice(2);
	const ledger = await getLedger(JSON.parse(configJson) as LedgerConfig);
	await startTogether(barrierDir, approver, Number(racers));
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
