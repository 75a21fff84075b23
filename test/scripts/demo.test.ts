import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { templateFiles, TEMPLATES_DIR } from '../../harness';
import { startErpServer } from '../../sandbox/erp/server';
import { seededStore } from '../../sandbox/shopify/seed';

const REPO = path.resolve(__dirname, '..', '..');

/** `npm run demo` as a person runs it (the build is already there: `npm test` builds first). */
function demo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(
			path.join(REPO, 'node_modules', '.bin', 'tsx'),
			['scripts/demo/index.ts', ...args],
			{ cwd: REPO, maxBuffer: 16 * 1024 * 1024 },
			(error, stdout, stderr) =>
				resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
		);
	});
}

function copyOfTemplates(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'orderflow-demo-'));
	for (const file of templateFiles())
		copyFileSync(path.join(TEMPLATES_DIR, file), path.join(dir, file));
	return dir;
}

describe('npm run demo', () => {
	it('refuses a command line it cannot carry out, saying what to fix, with exit code 2', async () => {
		const unknownScenario = await demo(['--only', 'no such scenario']);
		expect(unknownScenario.code).toBe(2);
		expect(unknownScenario.stderr).toContain('--only "no such scenario" names no scenario');
		expect(unknownScenario.stderr).toContain('  Refund above threshold, rejected');

		const closingAlone = await demo(['--only', 'nightly reconciliation']);
		expect(closingAlone.code).toBe(2);
		expect(closingAlone.stderr).toContain('checks what the whole catalog left behind');

		const incomplete = copyOfTemplates();
		writeFileSync(path.join(incomplete, 'refund-propagation.json'), '{"name": "half an export"');
		const broken = await demo(['--workflows', incomplete]);
		expect(broken.code).toBe(2);
		expect(broken.stderr).toContain(
			`${path.join(incomplete, 'refund-propagation.json')} is not JSON`,
		);
	}, 120_000);

	it('runs a team’s changed templates, fails the scenario the change breaks, reports why, and exits 1', async () => {
		// A plausible edit: the order sync template tags orders "synced" instead of "erp-synced".
		const workflows = copyOfTemplates();
		const orderSync = JSON.parse(readFileSync(path.join(workflows, 'order-sync.json'), 'utf8')) as {
			nodes: Array<{ name: string; parameters: Record<string, unknown> }>;
		};
		orderSync.nodes.find((node) => node.name === 'Tag Order Synced')!.parameters.tags = 'synced';
		writeFileSync(path.join(workflows, 'order-sync.json'), JSON.stringify(orderSync));
		const out = mkdtempSync(path.join(tmpdir(), 'orderflow-readiness-'));

		const run = await demo([
			'--workflows',
			workflows,
			'--only',
			'standard order',
			'--only',
			'GIFT CARD',
			'--out',
			out,
		]);

		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/FAIL {2}Standard order +2\/3 checks/);
		expect(run.stdout).toMatch(/PASS {2}Gift card purchase/);
		expect(run.stdout).toContain('readiness: 1 passed, 1 failed');
		const report = JSON.parse(readFileSync(path.join(out, 'readiness.json'), 'utf8')) as {
			templates: string[];
			scenarios: Array<{
				name: string;
				status: string;
				checks: Array<{ what: string; pass: boolean }>;
				trails: Record<string, unknown[]>;
			}>;
		};
		expect(report.templates).toContain(
			path.relative(REPO, path.join(workflows, 'order-sync.json')),
		);
		expect(report.scenarios.map((scenario) => [scenario.name, scenario.status])).toEqual([
			['Standard order', 'fail'],
			['Gift card purchase', 'pass'],
		]);
		const [standard] = report.scenarios;
		expect(standard.checks.filter((check) => !check.pass).map((check) => check.what)).toEqual([
			'the Shopify order is tagged erp-synced',
		]);
		expect(Object.values(standard.trails)[0].length).toBeGreaterThan(0);
		// Every trail event reads as a sentence support can say on the phone.
		for (const scenario of report.scenarios)
			for (const entries of Object.values(scenario.trails))
				for (const entry of entries as Array<{ summary: string }>)
					expect(entry.summary).toMatch(/\w.*\.$/);
		const html = readFileSync(path.join(out, 'readiness.html'), 'utf8');
		expect(html).toContain('1 passed, 1 failed');
		expect(html).toContain(
			'✘ the Shopify order is tagged erp-synced <code>{&quot;tags&quot;:[&quot;synced&quot;]}</code>',
		);
	}, 180_000);

	it('runs against a staging ERP: the SKU master checked first, scenarios needing the reference ERP skipped with the reason, each run’s orders its own', async () => {
		const skus = seededStore().variants.map((variant) => ({
			sku: variant.sku,
			description: variant.title,
		}));
		const staging = await startErpServer({
			bearerTokens: ['staging-token'],
			seed: { skus, inventory: [] },
		});
		const lacking = await startErpServer({
			bearerTokens: ['staging-token'],
			seed: { skus: skus.filter((row) => row.sku !== 'GIFT-50'), inventory: [] },
		});
		try {
			const against = (
				erp: { url: string },
				auth = 'Bearer staging-token',
				out = mkdtempSync(path.join(tmpdir(), 'orderflow-staging-')),
			) =>
				demo([
					'--erp-url',
					erp.url,
					'--erp-auth',
					auth,
					'--only',
					'standard order',
					'--only',
					'duplicate webhook',
					'--only',
					'ERP 503',
					'--out',
					out,
				]).then((run) => ({ ...run, out }));

			const refused = await against(staging, 'Bearer wrong-token');
			expect([refused.code, refused.stderr.trim()]).toEqual([
				2,
				'The staging ERP refused the sign-in (HTTP 401): check --erp-auth',
			]);
			const missing = await against(lacking);
			expect(missing.code).toBe(2);
			expect(missing.stderr).toContain(
				"The staging ERP's SKU master lacks GIFT-50, which the demo's orders use",
			);
			const orders = await fetch(`${lacking.url}/sales-orders`, {
				headers: { authorization: 'Bearer staging-token' },
			});
			expect(((await orders.json()) as { items: unknown[] }).items).toEqual([]);

			for (const round of [1, 2]) {
				const run = await against(staging);
				expect([round, run.code]).toEqual([round, 0]);
				expect(run.stdout).toContain(
					`readiness: 2 passed, 0 failed, 1 skipped (ERP: ${staging.url})`,
				);
				const report = JSON.parse(readFileSync(path.join(run.out, 'readiness.json'), 'utf8')) as {
					erp: string;
					scenarios: Array<{ name: string; status: string; skipped?: string }>;
				};
				expect(report.scenarios.map((scenario) => [scenario.name, scenario.status])).toEqual([
					['Standard order', 'pass'],
					['Duplicate webhook deliveries', 'pass'],
					['ERP 503 and 429 during a write', 'skipped'],
				]);
				expect(report.scenarios[2].skipped).toMatch(
					/^against a staging ERP: it injects faults through the ERP reference server’s control API/,
				);
				expect(readFileSync(path.join(run.out, 'readiness.html'), 'utf8')).toContain(
					'2 passed, 0 failed, 1 skipped',
				);
			}
			// Two runs, two orders each, none meeting the other's: four sales orders under four references.
			const booked = (
				(await (
					await fetch(`${staging.url}/sales-orders`, {
						headers: { authorization: 'Bearer staging-token' },
					})
				).json()) as { items: Array<{ externalRef: string }> }
			).items;
			expect(new Set(booked.map((order) => order.externalRef)).size).toBe(4);
		} finally {
			await staging.close();
			await lacking.close();
		}
	}, 300_000);
});
