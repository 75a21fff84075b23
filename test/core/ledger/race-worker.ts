/**
 * One racer: opens the ledger itself, waits at the start line for the others, claims every key of
 * each round in shuffled batches of 100, and prints the keys it won.
 */
import { checkAndClaim } from '../../../core/dedupe/gate';
import { closeAllLedgers, getLedger, type LedgerConfig } from '../../../core/ledger';
import { startTogether } from './barrier';

async function main(): Promise<void> {
	const [configJson, workerId, keyCount, barrierDir, racers, rounds] = process.argv.slice(2);
	const config = JSON.parse(configJson) as LedgerConfig;
	const ledger = await getLedger(config);
	const startAt = await startTogether(barrierDir, workerId, Number(racers));
	const won: Record<string, string[]> = {};
	for (let round = 0; round < Number(rounds); round++) {
		const keys = Array.from({ length: Number(keyCount) }, (_, i) => `order-${i}`).sort(
			() => Math.random() - 0.5,
		);
		const wait = Number(startAt) + round * 1500 - Date.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		won[round] = [];
		for (let i = 0; i < keys.length; i += 100) {
			const decisions = await checkAndClaim(
				ledger,
				keys.slice(i, i + 100).map((key) => ({ key, entity: key })),
				{
					namespace: `race-${round}`,
					mode: 'firstSeenWins',
					hold: round % 2 === 1,
					leaseMs: 60_000,
					retentionMs: 86_400_000,
					workflowId: 'race',
					executionId: `worker-${workerId}`,
					node: 'race',
				},
			);
			won[round].push(
				...decisions
					.filter((decision) => decision.outcome === 'new')
					.map((decision) => decision.key),
			);
			// Executions do not claim back to back: without a pause, the process that holds SQLite's
			// write lock takes it again before the others' retries come round, and the race is one-sided.
			await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
		}
	}
	await closeAllLedgers();
	process.stdout.write(JSON.stringify(won));
}

main().catch((error: unknown) => {
	process.stderr.write(String((error as Error).stack));
	process.exitCode = 1;
});
