/**
 * `npm run conformance`: the contract's behaviour checked against a team's ERP and/or 3PL (or
 * their adapters in front of a vendor API) — or, with no address given, against the reference
 * servers. Prints each rule (pass, FAIL naming what the server did, or skipped saying why) and
 * exits 1 when one fails.
 *
 *   npm run conformance -- --erp-url https://erp-adapter.example.com --auth "Bearer …"
 *   npm run conformance -- --3pl-url https://3pl.example.com --auth "Basic …" --shipped-request SR-1
 *   options: --erp-auth / --3pl-auth (per system), --idempotency-header (default Idempotency-Key)
 */
import { parseArgs } from 'node:util';

import { startSandbox, SANDBOX_CREDENTIALS } from '../../sandbox';
import type { RuleResult } from './rules';
import { runConformance, type ConformanceRun } from './run';
import type { Target } from './session';

const USAGE =
	'usage: npm run conformance -- [--erp-url URL] [--3pl-url URL] [--auth "Bearer TOKEN" | --erp-auth … --3pl-auth …] [--idempotency-header NAME] [--shipped-request ID]';

function targets(argv: string[]): ConformanceRun | undefined {
	const { values } = parseArgs({
		args: argv,
		options: {
			'erp-url': { type: 'string' },
			'3pl-url': { type: 'string' },
			auth: { type: 'string' },
			'erp-auth': { type: 'string' },
			'3pl-auth': { type: 'string' },
			'idempotency-header': { type: 'string' },
			'shipped-request': { type: 'string' },
		},
	});
	if (!values['erp-url'] && !values['3pl-url']) return undefined;
	const header = values['idempotency-header'] ?? 'Idempotency-Key';
	const target = (
		system: Target['system'],
		baseUrl: string | undefined,
		auth: string | undefined,
	): Target | undefined => {
		if (!baseUrl) return undefined;
		if (!auth)
			throw new Error(
				`Say how to sign in to the ${system}: --auth "Bearer <token>" or "Basic <base64 user:password>"`,
			);
		return { system, baseUrl, authorization: auth, idempotencyHeader: header };
	};
	return {
		erp: target('ERP', values['erp-url'], values['erp-auth'] ?? values.auth),
		threePl: target('3PL', values['3pl-url'], values['3pl-auth'] ?? values.auth),
		shippedRequest: values['shipped-request'],
	};
}

function print(results: RuleResult[]): number {
	for (const result of results)
		console.log(
			`${{ pass: 'PASS', fail: 'FAIL', skipped: 'SKIP' }[result.status]} ${result.system}: ${result.rule}${result.status === 'pass' ? '' : ` — ${result.detail}`}`,
		);
	const count = (system: string, status: RuleResult['status']) =>
		results.filter((result) => result.system === system && result.status === status).length;
	for (const system of [...new Set(results.map((result) => result.system))]) {
		console.log(
			`conformance ${system}: ${count(system, 'pass')} passed, ${count(system, 'fail')} failed, ${count(system, 'skipped')} skipped`,
		);
	}
	return results.filter((result) => result.status === 'fail').length;
}

async function main(): Promise<void> {
	let run: ConformanceRun | undefined;
	try {
		run = targets(process.argv.slice(2));
	} catch (error) {
		console.error(`${(error as Error).message}\n${USAGE}`);
		process.exitCode = 2;
		return;
	}
	if (run) {
		process.exitCode = print(await runConformance(run)) > 0 ? 1 : 0;
		return;
	}
	console.log('no --erp-url or --3pl-url: checking the reference servers');
	const sandbox = await startSandbox({ ports: { shopify: 0, erp: 0, threePl: 0 } });
	try {
		const header = 'Idempotency-Key';
		const results = await runConformance({
			erp: {
				system: 'ERP',
				baseUrl: sandbox.erp.url,
				authorization: `Bearer ${SANDBOX_CREDENTIALS.erp.bearerToken}`,
				idempotencyHeader: header,
			},
			threePl: {
				system: '3PL',
				baseUrl: sandbox.threePl.url,
				authorization: `Bearer ${SANDBOX_CREDENTIALS.threePl.bearerToken}`,
				idempotencyHeader: header,
			},
		});
		process.exitCode = print(results) > 0 ? 1 : 0;
	} finally {
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
