import { spawn } from 'node:child_process';
import path from 'node:path';

import { startSandbox } from '../../sandbox';
import { probeSandbox } from '../../sandbox/probes';

const REPO = path.resolve(__dirname, '..', '..');

describe('the sandbox', () => {
	it('answers every probe when started in-process', async () => {
		const sandbox = await startSandbox({ ports: { shopify: 0, erp: 0, tpl: 0 } });
		try {
			const results = await probeSandbox({ shopify: sandbox.shopify.url, erp: sandbox.erp.url });
			expect(results.filter((result) => !result.passed)).toEqual([]);
			expect(results).toHaveLength(7);
		} finally {
			await sandbox.close();
		}
	});

	it('`npm run sandbox` starts all three servers on the ports given, prints URLs and credentials, and stops on SIGTERM', async () => {
		const child = spawn(path.join(REPO, 'node_modules', '.bin', 'tsx'), ['scripts/sandbox.ts', '--shopify-port', '17781', '--erp-port', '17782', '--3pl-port', '17783'], {
			cwd: REPO,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		try {
			// Generous: a loaded CI machine starts tsx slowly.
			for (let wait = 0; wait < 450 && !output.includes('3PL reference server'); wait++) await new Promise((resolve) => setTimeout(resolve, 100));
			expect(output).toContain('http://127.0.0.1:17781/admin/api/2026-10/graphql.json');
			expect(output).toContain('shpat_sandbox');
			expect(output).toContain('http://127.0.0.1:17782');
			expect(output).toContain('http://127.0.0.1:17783');
			const results = await probeSandbox({ shopify: 'http://127.0.0.1:17781', erp: 'http://127.0.0.1:17782' });
			expect(results.filter((result) => !result.passed)).toEqual([]);
		} finally {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			expect(await exited).toBe(0);
		}
	}, 120_000);
});
