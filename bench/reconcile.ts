/**
 * `npm run bench:reconcile`: the Reconciliation Check's matching at 100k and 1M rows per side
 * (each size in its own process, so peak memory is that size's own), then the same 100k data
 * through n8n's Compare Datasets node and through our node, both executed by n8n's engine, with
 * the ratio of their node execution times; then Compare Shopify With ERP's streamed 5M × 5M
 * over local HTTP (reconcile-streamed.ts). The last line is `reconcile 1000000x1000000 s: <s>`.
 *
 * The rows (two variants, see `Variant`) and the workflows come from reconcile-workflows.ts,
 * which bench:n8n shares.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { reconcile, type ReconcileSpec } from '../core/reconcile';
import {
	compareDatasets,
	comparisonWorkflow,
	node,
	reconciliationCheck,
	rows,
	type Variant,
} from './reconcile-workflows';
import { measureStreamed } from './reconcile-streamed';

const SIZES = [100_000, 1_000_000];
/** A year of a large shop's inventory: levels in Shopify against stock rows in the ERP. */
const STREAMED_SIZE = 5_000_000;

const SPEC: ReconcileSpec = {
	key: { pathsA: ['sku', 'location'], pathsB: ['sku', 'location'] },
	fields: [
		{ name: 'available', pathA: 'available', pathB: 'available', rule: { kind: 'number' } },
		{
			name: 'price',
			pathA: 'price',
			pathB: 'price',
			rule: { kind: 'money', currencyPathA: 'currency', currencyPathB: 'currency' },
		},
		{
			name: 'updatedAt',
			pathA: 'updatedAt',
			pathB: 'updatedAt',
			rule: { kind: 'date', tolerance: 'PT1M' },
		},
	],
};

/** Child mode: generate one size, time the matching, report seconds and peak memory. */
function measureMatching(size: number, variant: Variant): void {
	const a = rows(size, 'a', variant);
	const b = rows(size, 'b', variant);
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
	const started = performance.now();
	const result = reconcile(a, b, SPEC);
	const seconds = (performance.now() - started) / 1000;
	clearInterval(sampler);
	const maxRss = process.resourceUsage().maxRSS * 1024;
	console.log(
		JSON.stringify({
			size,
			variant,
			seconds,
			maxRssBytes: Math.max(maxRss, peak),
			dataRssBytes: before,
			matched: result.matched.length,
			mismatched: result.mismatched.length,
			onlyInA: result.onlyInA.length,
			onlyInB: result.onlyInB.length,
		}),
	);
}

function runChild(
	size: number,
	variant: Variant,
): {
	size: number;
	variant: Variant;
	seconds: number;
	maxRssBytes: number;
	dataRssBytes: number;
	matched: number;
	mismatched: number;
	onlyInA: number;
	onlyInB: number;
} {
	const output = execFileSync(
		process.execPath,
		[...process.execArgv, __filename, '--child', String(size), variant],
		{ encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
	);
	return JSON.parse(output.trim().split('\n').pop()!);
}

async function nodesThroughEngine(
	size: number,
): Promise<{ compareDatasetsS: number; reconciliationCheckS: number }> {
	process.env.N8N_USER_FOLDER = mkdtempSync(path.join(tmpdir(), 'orderflow-bench-'));
	const { Engine } = await import('../harness');
	const engine = await Engine.start({ userFolder: process.env.N8N_USER_FOLDER });
	const items = [{ a: rows(size, 'a'), b: rows(size, 'b') } as unknown as IDataObject];
	const workflow = (compareNode: typeof compareDatasets) =>
		comparisonWorkflow({
			id: `bench${compareNode.name.replace(/\W/g, '')}`,
			name: compareNode.name,
			trigger: node('Start', 'n8n-nodes-base.manualTrigger', [0, 0], {}),
			compareNode,
		});
	const nodeSeconds = async (compareNode: typeof compareDatasets) => {
		const execution = await engine.execute(workflow(compareNode) as never, { items });
		if (execution.status !== 'success')
			throw execution.error ?? new Error(`${compareNode.name} ended ${execution.status}`);
		return execution.data.resultData.runData[compareNode.name][0].executionTime / 1000;
	};
	const compareDatasetsS = await nodeSeconds(compareDatasets);
	const reconciliationCheckS = await nodeSeconds(reconciliationCheck);
	return { compareDatasetsS, reconciliationCheckS };
}

async function printStreamed(mb: (bytes: number) => string): Promise<void> {
	const streamed = await measureStreamed(STREAMED_SIZE);
	const { counts } = streamed;
	console.log(
		`streamed reconcile ${STREAMED_SIZE}x${STREAMED_SIZE}: ${streamed.seconds.toFixed(1)} s, peak RSS ${mb(streamed.maxRssBytes)}`,
	);
	console.log(
		`streamed heap in use at the end (Shopify's side held by key): ${mb(streamed.heapUsedBytes)}`,
	);
	console.log(
		`streamed counts: ${counts.matched} matched, ${counts.mismatched} mismatched, ${counts.onlyInA} only in A, ${counts.onlyInB} only in B`,
	);
	console.log(
		`streamed phases: Shopify bulk file read and indexed ${streamed.shopifyReadS.toFixed(1)} s, ERP's ${STREAMED_SIZE / 500} pages ${(streamed.seconds - streamed.shopifyReadS).toFixed(1)} s`,
	);
	console.log(
		`streamed CPU: reconciling process ${streamed.cpuS.toFixed(1)} s, Shopify emulator + ERP server ${streamed.serversCpuS.toFixed(1)} s; load average ${streamed.loadAverage.toFixed(1)} on ${availableParallelism()} cores (ERP seeded in ${streamed.seedS.toFixed(0)} s beforehand, not counted)`,
	);
}

async function main(): Promise<void> {
	if (process.argv[2] === '--child')
		return measureMatching(Number(process.argv[3]), process.argv[4] as Variant);
	const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
	const measured = SIZES.flatMap((size) =>
		(['sameFormats', 'formatsDiffer'] as const).map((variant) => runChild(size, variant)),
	);
	for (const run of measured) {
		console.log(
			`matching ${run.size}x${run.size} (${run.variant}): ${run.seconds.toFixed(2)} s, peak RSS ${mb(run.maxRssBytes)} (data alone ${mb(run.dataRssBytes)}); ` +
				`${run.matched} matched, ${run.mismatched} mismatched, ${run.onlyInA} only in A, ${run.onlyInB} only in B`,
		);
	}
	const engineSize = SIZES[0];
	const { compareDatasetsS, reconciliationCheckS } = await nodesThroughEngine(engineSize);
	console.log(
		`n8n engine, ${engineSize}x${engineSize}: Compare Datasets node ${compareDatasetsS.toFixed(2)} s, Reconciliation Check node ${reconciliationCheckS.toFixed(2)} s`,
	);
	console.log(
		`ratio (Compare Datasets / Reconciliation Check): ${(compareDatasetsS / reconciliationCheckS).toFixed(1)}x`,
	);
	await printStreamed(mb);
	// The headline figure is the worst case: every value parsed.
	const largest = measured
		.filter((run) => run.size === SIZES[SIZES.length - 1])
		.sort((x, y) => y.seconds - x.seconds)[0];
	console.log(`reconcile ${largest.size}x${largest.size} s: ${largest.seconds.toFixed(2)}`);
}

void main();
