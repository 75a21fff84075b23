import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';

import { startSandbox } from '../../sandbox';
import { probeSandbox } from '../../sandbox/probes';

const REPO = path.resolve(__dirname, '..', '..');

/** Ports nothing listens on right now (another test run may hold any fixed one). */
async function freePorts(count: number): Promise<number[]> {
	const servers = await Promise.all(
		Array.from({ length: count }, async () => {
			const server = createServer();
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			return server;
		}),
	);
	const ports = servers.map((server) => (server.address() as AddressInfo).port);
	await Promise.all(
		servers.map(async (server) => await new Promise((resolve) => server.close(resolve))),
	);
	return ports;
}

describe('the sandbox', () => {
	it('answers every probe when started in-process', async () => {
		const sandbox = await startSandbox({ ports: { shopify: 0, erp: 0, threePl: 0 } });
		try {
			const results = await probeSandbox({ shopify: sandbox.shopify.url, erp: sandbox.erp.url });
			expect(results.filter((result) => !result.passed)).toEqual([]);
			expect(results).toHaveLength(7);
		} finally {
			await sandbox.close();
		}
	});

	it('`npm run sandbox` starts all three servers on the ports given, prints URLs and credentials, and stops on SIGTERM', async () => {
		const [shopifyPort, erpPort, threePlPort] = await freePorts(3);
		const child = spawn(
			path.join(REPO, 'node_modules', '.bin', 'tsx'),
			[
				'scripts/sandbox.ts',
				'--shopify-port',
				String(shopifyPort),
				'--erp-port',
				String(erpPort),
				'--3pl-port',
				String(threePlPort),
			],
			{
				cwd: REPO,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		try {
			// Generous: a loaded CI machine starts tsx slowly.
			for (let wait = 0; wait < 450 && !output.includes('3PL reference server'); wait++)
				await new Promise((resolve) => setTimeout(resolve, 100));
			expect(output).toContain(`http://127.0.0.1:${shopifyPort}/admin/api/2026-10/graphql.json`);
			expect(output).toContain('shpat_sandbox');
			expect(output).toContain(`http://127.0.0.1:${erpPort}`);
			expect(output).toContain(`http://127.0.0.1:${threePlPort}`);
			const results = await probeSandbox({
				shopify: `http://127.0.0.1:${shopifyPort}`,
				erp: `http://127.0.0.1:${erpPort}`,
			});
			expect(results.filter((result) => !result.passed)).toEqual([]);
		} finally {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			expect(await exited).toBe(0);
		}
	}, 120_000);
});
