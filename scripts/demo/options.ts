/**
 * The demo's command line. A team that changed the templates proves its own copies with
 * `--workflows`; `--only` reruns the scenarios it is working on.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { StagingErp } from '../../harness/staging-erp';

export const USAGE = `npm run demo -- [options]
  --workflows <dir>  run the catalog against the templates in <dir> (same file names as workflows/)
  --only <text>      only the scenarios whose name contains <text> (case-insensitive; repeatable;
                     the closing nightly reconciliation runs only after the whole catalog)
  --out <dir>        where readiness.html and readiness.json go (default: reports/)
  --erp-url <url>    run against your staging ERP (on the Orderflow contract, or your adapter in
                     front of it) instead of the reference ERP; its SKU master must hold the demo's
                     SKUs. Scenarios that need the reference ERP's fault injection are SKIPPED.
  --erp-auth <value> how to sign in to it: "Bearer <token>" or "Basic <base64 of user:password>"
  --idempotency-header <name>  the header it dedupes writes on (default Idempotency-Key; "" for none)
  --help             this text`;

export interface DemoOptions {
	/** The template files to publish: names under workflows/ or absolute paths. */
	templates: string[];
	/** The catalog's scenario names to run, in catalog order. */
	scenarios: string[];
	/** The whole catalog runs, so the closing check over what it left behind runs too. */
	wholeCatalog: boolean;
	reportsDir: string;
	/** A team's staging ERP instead of the reference server. */
	stagingErp?: StagingErp;
}

/** A mistake in the command line: the demo says what to fix and runs nothing. */
export class DemoUsageError extends Error {}

function workflowProblem(file: string): string | undefined {
	let workflow: unknown;
	try {
		workflow = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		return `is not JSON (${(error as Error).message})`;
	}
	const { nodes, connections } = (workflow ?? {}) as { nodes?: unknown; connections?: unknown };
	if (!Array.isArray(nodes) || typeof connections !== 'object' || connections === null)
		return 'is not an n8n workflow (it has no nodes and connections)';
	return undefined;
}

/** Relative paths are read from `cwd`: where the person typed `npm run demo`. */
export function parseDemoOptions(
	argv: string[],
	catalog: { templates: string[]; scenarios: string[]; closingCheck: string },
	paths: { cwd: string; defaultReports: string },
): DemoOptions | 'help' {
	let values: {
		workflows?: string;
		only?: string[];
		out?: string;
		help?: boolean;
		'erp-url'?: string;
		'erp-auth'?: string;
		'idempotency-header'?: string;
	};
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				workflows: { type: 'string' },
				only: { type: 'string', multiple: true },
				out: { type: 'string' },
				help: { type: 'boolean' },
				'erp-url': { type: 'string' },
				'erp-auth': { type: 'string' },
				'idempotency-header': { type: 'string' },
			},
			strict: true,
		}));
	} catch (error) {
		throw new DemoUsageError(`${(error as Error).message}\n\n${USAGE}`);
	}
	if (values.help) return 'help';

	const { templates, closingCheck } = catalog;
	let files = templates;
	if (values.workflows !== undefined) {
		const dir = path.resolve(paths.cwd, values.workflows);
		files = templates.map((file) => path.join(dir, file));
		const missing = files.filter((file) => !existsSync(file));
		if (missing.length > 0)
			throw new DemoUsageError(
				`--workflows ${values.workflows} lacks ${missing.map((file) => path.basename(file)).join(', ')}: the catalog drives all of these templates, under the names they have in workflows/`,
			);
		for (const file of files) {
			const problem = workflowProblem(file);
			if (problem)
				throw new DemoUsageError(
					`--workflows: ${file} ${problem}; export it again from n8n (Download) or copy it from workflows/`,
				);
		}
	}

	let scenarios = catalog.scenarios;
	if (values.only !== undefined) {
		const matches = (text: string) => (name: string) =>
			name.toLowerCase().includes(text.toLowerCase());
		scenarios = catalog.scenarios.filter((name) =>
			values.only!.some((text) => matches(text)(name)),
		);
		const unmatched = values.only.filter((text) => !catalog.scenarios.some(matches(text)));
		const closingOnly = unmatched.filter((text) => matches(text)(closingCheck));
		if (closingOnly.length > 0)
			throw new DemoUsageError(
				`"${closingCheck}" checks what the whole catalog left behind (a SKU the ERP lacks until a scenario adds it, the one refund Finance rejects): run the demo without --only`,
			);
		if (unmatched.length > 0)
			throw new DemoUsageError(
				`--only ${unmatched.map((text) => `"${text}"`).join(', ')} names no scenario. The catalog:\n${catalog.scenarios.map((name) => `  ${name}`).join('\n')}`,
			);
	}

	return {
		templates: files,
		scenarios,
		wholeCatalog: values.only === undefined,
		reportsDir:
			values.out === undefined ? paths.defaultReports : path.resolve(paths.cwd, values.out),
		stagingErp: stagingErpOf(values),
	};
}

function stagingErpOf(values: {
	'erp-url'?: string;
	'erp-auth'?: string;
	'idempotency-header'?: string;
}): StagingErp | undefined {
	const url = values['erp-url'];
	if (url === undefined) {
		if (values['erp-auth'] !== undefined)
			throw new DemoUsageError('--erp-auth signs in to the ERP given by --erp-url: give both');
		return undefined;
	}
	if (!/^https?:\/\/[^/]/i.test(url))
		throw new DemoUsageError(
			`--erp-url ${url} is not an http(s) address, e.g. https://erp-staging.example.com/orderflow`,
		);
	const authorization = values['erp-auth'];
	if (!authorization || !/^(bearer|basic)\s+\S/i.test(authorization))
		throw new DemoUsageError(
			'Say how to sign in to the staging ERP: --erp-auth "Bearer <token>" or --erp-auth "Basic <base64 of user:password>"',
		);
	return {
		url: url.replace(/\/+$/, ''),
		authorization,
		idempotencyHeader: values['idempotency-header'] ?? 'Idempotency-Key',
	};
}
