import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	closeAllLedgers,
	embeddedLedgerConfig,
	getLedger,
	LedgerError,
} from '../../../core/ledger';
import { otherInstances } from '../../../core/ledger/file-guard';
import type { ProcessRecord } from '../../../core/ledger/liveness';

const REPO = path.join(__dirname, '..', '..', '..');

const record = (host: string, pid: number): ProcessRecord => ({
	id: `${host}-${pid}`,
	host,
	pid,
	command: 'n8n start',
	startedAt: 0,
	beatAt: 0,
});

describe('one n8n instance per embedded ledger file', () => {
	const here = { host: 'box', pid: 100, alive: (pid: number) => pid === 200 };

	it('counts a live process of another host, or a running other pid of this one, as another instance', () => {
		expect(
			otherInstances([record('other', 100), record('box', 200)], here).map((r) => r.id),
		).toEqual(['other-100', 'box-200']);
	});

	it('does not count a stopped predecessor: its pid is gone, or it is ours (a restarted container)', () => {
		expect(otherInstances([record('box', 300), record('box', 100)], here)).toEqual([]);
	});

	describe('with a second process on the file', () => {
		let holder: ChildProcess | undefined;
		afterEach(async () => {
			holder?.kill('SIGKILL');
			await closeAllLedgers();
		});

		async function startHolder(file: string): Promise<ChildProcess> {
			// Node itself (not the tsx wrapper), so the pid the ledger records is the one we kill.
			const child = spawn(
				process.execPath,
				['--import', 'tsx', path.join(__dirname, 'file-guard-holder.ts'), file],
				{ cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
			);
			await new Promise<void>((resolve, reject) => {
				child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
				child.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
			});
			return child;
		}

		it('refuses the embedded ledger while the other runs, naming it and what to set; opens at once after it is killed', async () => {
			const userFolder = mkdtempSync(path.join(tmpdir(), 'orderflow-guard-'));
			const config = embeddedLedgerConfig({ userFolder });
			if (config.backend !== 'sqlite') throw new Error('expected the embedded ledger');
			holder = await startHolder(config.file);

			const refused = await getLedger(config).then(
				() => undefined,
				(error: unknown) => error,
			);
			expect(refused).toBeInstanceOf(LedgerError);
			expect((refused as LedgerError).message).toContain(
				`already in use by another n8n instance: pid ${holder.pid} on `,
			);
			expect((refused as LedgerError).hint).toContain('ORDERFLOW_LEDGER_POSTGRES_URL');
			// Core users that share a file on purpose (several connections of one host) are not refused.
			await expect(getLedger({ backend: 'sqlite', file: config.file })).resolves.toBeDefined();

			const exited = new Promise((resolve) => holder!.once('exit', resolve));
			holder.kill('SIGKILL');
			await exited;
			await closeAllLedgers(); // the shared opening above is cached under the same file
			// Its last beat is seconds old, but its pid is gone: no waiting for the heartbeat window.
			await expect(getLedger(config)).resolves.toBeDefined();
		});
	});
});
