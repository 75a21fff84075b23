/**
 * After each test file: close the ledgers the loaded nodes cached (their heartbeat timers would
 * otherwise fire after the file's environment is gone, and Jest fails the run for it), and the
 * ones the file opened through the core directly.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { loadedPackages } from '../../harness/loaded-packages';
import { closeAllLedgers } from '../../core/ledger';

afterAll(async () => {
	for (const root of loadedPackages()) {
		const built = path.join(root, 'dist', 'core', 'ledger', 'index.js');
		// require, not import(): the file's module registry hands back the instance the nodes loaded.
		if (!existsSync(built)) continue;
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const ledgers = require(built) as { closeAllLedgers(): Promise<void> };
		await ledgers.closeAllLedgers();
	}
	await closeAllLedgers();
});
