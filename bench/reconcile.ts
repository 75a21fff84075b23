/**
 * `npm run bench:reconcile`: the Reconciliation Check's matching at 100k and 1M rows per side
 * (each size in its own process, so peak memory is that size's own), then the same 100k data
 * through n8n's Compare Datasets node and through our node, both executed by n8n's engine, with
 * the ratio of their node execution times. The last line is `reconcile 1000000x1000000 s: <s>`.
 *
 * Data (two variants, see `Variant`): inventory-like rows (SKU + location key; available quantity, a decimal price with its
 * currency, a timestamp); B differs from A in 1 % of the rows, and 0.5 % of each side is missing
 * on the other.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { toMinorUnits } from '../core/money';
import { measureStreamed } from './reconcile-streamed';
import { reconcile, type ReconcileSpec } from '../core/reconcile';
import type { Row } from '../core/reconcile/values';

const SIZES = [100_000, 1_000_000];
/** A year of a large shop's inventory: levels in Shopify against stock rows in the ERP. */
const STREAMED_SIZE = 5_000_000;
const CURRENCIES = ['EUR', 'USD', 'JPY', 'KWD'];

/**
 * `sameFormats`: both systems write values alike, so most comparisons see identical values.
 * `formatsDiffer`: B writes money as the contract does ({amount: minor units, currency}) and
 * times with an offset, so every value on both sides is parsed: the worst case.
 */
type Variant = 'sameFormats' | 'formatsDiffer';

function rows(count: number, side: 'a' | 'b', variant: Variant = 'sameFormats'): Row[] {
	const result: Row[] = [];
	for (let i = 0; i < count; i++) {
		// 0.5 % of A is missing from B and 0.5 % of B is missing from A.
		if (side === 'b' && i % 200 === 0) continue;
		if (side === 'a' && i % 200 === 100) continue;
		const currency = CURRENCIES[i % 4];
		const changed = side === 'b' && i % 100 === 7;
		const price =
			currency === 'JPY'
				? String(100 + (i % 900))
				: currency === 'KWD'
					? `${i % 50}.${String(i % 1000).padStart(3, '0')}`
					: `${i % 500}.${String(i % 100).padStart(2, '0')}`;
		const updatedAt = new Date(Date.UTC(2026, 10, 1) + (i % 86_400) * 1000).toISOString();
		const reformat = side === 'b' && variant === 'formatsDiffer';
		result.push({
			sku: `SKU-${i}`,
			location: i % 3 === 0 ? 'RTM' : 'BER',
			available: (i % 250) + (changed ? 1 : 0),
			price: reformat ? { amount: toMinorUnits(price, currency), currency } : price,
			currency,
			updatedAt: reformat ? updatedAt.replace('Z', '+00:00') : updatedAt,
		});
	}
	return result;
}

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
	const node = (
		name: string,
		type: string,
		position: [number, number],
		parameters: IDataObject,
		typeVersion = 1,
	) => ({ id: name, name, type, typeVersion, position, parameters });
	const workflow = (name: string, compareNode: ReturnType<typeof node>) => ({
		id: `bench${name.replace(/\W/g, '')}`,
		name,
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', [0, 0], {}),
			node('A', 'n8n-nodes-base.splitOut', [200, -100], { fieldToSplitOut: 'a', options: {} }),
			node('B', 'n8n-nodes-base.splitOut', [200, 100], { fieldToSplitOut: 'b', options: {} }),
			compareNode,
		],
		connections: {
			Start: {
				main: [
					[
						{ node: 'A', type: 'main', index: 0 },
						{ node: 'B', type: 'main', index: 0 },
					],
				],
			},
			A: { main: [[{ node: compareNode.name, type: 'main', index: 0 }]] },
			B: { main: [[{ node: compareNode.name, type: 'main', index: 1 }]] },
		},
		settings: { executionOrder: 'v1' },
	});
	const nodeSeconds = async (json: ReturnType<typeof workflow>, name: string) => {
		const execution = await engine.execute(json as never, { items });
		if (execution.status !== 'success')
			throw execution.error ?? new Error(`${name} ended ${execution.status}`);
		return execution.data.resultData.runData[name][0].executionTime / 1000;
	};
	const compareDatasetsS = await nodeSeconds(
		workflow(
			'Compare Datasets',
			node(
				'Compare Datasets',
				'n8n-nodes-base.compareDatasets',
				[400, 0],
				{ mergeByFields: { values: [{ field1: 'sku', field2: 'sku' }] }, options: {} },
				2.3,
			),
		),
		'Compare Datasets',
	);
	const reconciliationCheckS = await nodeSeconds(
		workflow(
			'Reconciliation Check',
			node('Reconciliation Check', 'n8n-nodes-orderflow.reconciliationCheck', [400, 0], {
				operation: 'compare',
				checkName: 'bench',
				preset: 'custom',
				keyFieldsA: 'sku',
				keyFieldsB: 'sku',
				fields: {
					field: [
						{ pathA: 'available', rule: 'number' },
						{ pathA: 'price', rule: 'money', currencyPathA: 'currency', currencyPathB: 'currency' },
						{ pathA: 'updatedAt', rule: 'date', dateTolerance: 'PT1M' },
						{ pathA: 'location', rule: 'exact' },
					],
				},
			}),
		),
		'Reconciliation Check',
	);
	return { compareDatasetsS, reconciliationCheckS };
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
	// The headline figure is the worst case: every value parsed.
	const largest = measured
		.filter((run) => run.size === SIZES[SIZES.length - 1])
		.sort((x, y) => y.seconds - x.seconds)[0];
	console.log(`reconcile ${largest.size}x${largest.size} s: ${largest.seconds.toFixed(2)}`);
}

void main();
