/** A second n8n instance's stand-in: opens the embedded ledger at argv[2], says so, and stays. */
import { getLedger } from '../../../core/ledger';

async function main(): Promise<void> {
	await getLedger({ backend: 'sqlite', file: process.argv[2], soleInstance: true });
	process.stdout.write('open\n');
	setInterval(() => undefined, 60_000);
}

void main();
