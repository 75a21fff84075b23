/**
 * The Reconciliation Check against n8n's Compare Datasets inside real n8n: two workflows
 * "Webhook (respond when the last node finishes) → A, B (Split Out) → the node", each posted the
 * same rows (see reconcile-workflows.ts) at 10k and 100k rows per side. The rows are made once,
 * in the bench, so their making is no part of any node's time; the node's time is what n8n
 * recorded in the execution's run data.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';

import type { N8nInstance } from '../scripts/n8n/real-n8n';
import { executionOf, executionsOf, nodeTime, outputCounts, percentile, round } from './n8n-api';
import {
	compareDatasets,
	comparisonWorkflow,
	expectedFindings,
	node,
	reconciliationCheck,
	rows,
	type WorkflowNode,
} from './reconcile-workflows';

/**
 * Rows per side, and the executions per node at that size (the median of three discards a cold
 * first run). Compare Datasets looks every row of A up by scanning B, so its time grows with the
 * square of the rows: seconds at 10k, minutes per run at 100k, where it runs
 * BENCH_N8N_COMPARE_100K_RUNS times (default 1; 0 skips it and prints what 10k projects).
 */
const SIZES: Array<{ rows: number; label: string; runs: number }> = [
	{ rows: 10_000, label: '10k', runs: 3 },
	{ rows: 100_000, label: '100k', runs: 3 },
];
const COMPARE_100K_RUNS = Number(process.env.BENCH_N8N_COMPARE_100K_RUNS ?? 1);

/** 100k rows per side post about 25 MB: above n8n's default webhook payload limit (16 MB). */
export const RECONCILE_N8N_ENV = { N8N_PAYLOAD_SIZE_MAX: '256' };

type Findings = ReturnType<typeof expectedFindings>;

interface Contender {
	label: string;
	workflowId: string;
	path: string;
	compareNode: WorkflowNode;
	/** The node's output counts as findings: its outputs are in its own order. */
	findings: (counts: number[]) => Findings;
}

export const RECONCILE_CONTENDERS: Contender[] = [
	{
		label: 'reconcile node',
		workflowId: 'benchReconcileCheck1',
		path: 'bench-reconciliation-check',
		compareNode: reconciliationCheck,
		// Matched, Mismatched, Only in A, Only in B, Summary.
		findings: ([same, different, onlyInA, onlyInB]) => ({ same, different, onlyInA, onlyInB }),
	},
	{
		label: 'compare datasets node',
		workflowId: 'benchCompareDatasets1',
		path: 'bench-compare-datasets',
		compareNode: compareDatasets,
		// In A only, Same, Different, In B only.
		findings: ([onlyInA, same, different, onlyInB]) => ({ same, different, onlyInA, onlyInB }),
	},
];

/** The workflow n8n imports for one contender. */
export function reconcileWorkflow(contender: Contender): unknown {
	const webhook = node('Webhook', 'n8n-nodes-base.webhook', [0, 0], {
		httpMethod: 'POST',
		path: contender.path,
		responseMode: 'lastNode',
		options: {},
	});
	return comparisonWorkflow({
		id: contender.workflowId,
		name: `Bench: ${contender.compareNode.name}`,
		trigger: { ...webhook, typeVersion: 2, webhookId: randomUUID() },
		sidesField: 'body.',
		compareNode: contender.compareNode,
	});
}

/**
 * Posts the rows and waits for the workflow's answer, however long the node takes (fetch gives up
 * after 5 minutes without response headers; Compare Datasets at 100k takes longer).
 */
async function post(n8n: N8nInstance, contender: Contender, body: string): Promise<void> {
	const status = await new Promise<number>((resolve, reject) => {
		const sent = request(
			`${n8n.url}/webhook/${contender.path}`,
			{ method: 'POST', headers: { 'content-type': 'application/json' } },
			(response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? 0));
				response.on('error', reject);
			},
		);
		sent.on('error', reject);
		sent.end(body);
	});
	if (status < 200 || status >= 300)
		throw new Error(`${contender.compareNode.name}: webhook answered HTTP ${status}`);
}

/** The contenders' node times at one size; refuses when a node's findings are not the data's. */
async function measuredTimes(
	n8n: N8nInstance,
	apiKey: string,
	size: (typeof SIZES)[number],
	runsOf: (contender: Contender) => number,
): Promise<Map<Contender, number[]>> {
	const contenders = RECONCILE_CONTENDERS.filter((contender) => runsOf(contender) > 0);
	const body = JSON.stringify({ a: rows(size.rows, 'a'), b: rows(size.rows, 'b') });
	const seen = new Map<Contender, Set<string>>();
	for (const contender of contenders) {
		const before = await executionsOf(n8n, apiKey, contender.workflowId, false);
		seen.set(contender, new Set(before.map((execution) => execution.id)));
	}
	// Interleaved, so both see the same machine load at the same moment.
	for (let run = 0; run < Math.max(...contenders.map(runsOf)); run++)
		for (const contender of contenders)
			if (run < runsOf(contender)) await post(n8n, contender, body);
	const expected = expectedFindings(size.rows);
	const times = new Map<Contender, number[]>();
	for (const contender of contenders) {
		const listed = await executionsOf(n8n, apiKey, contender.workflowId, false);
		const fresh = listed.filter((execution) => !seen.get(contender)!.has(execution.id));
		if (fresh.length !== runsOf(contender))
			throw new Error(`${contender.label}: ${fresh.length} executions at ${size.label}`);
		const nodeTimes: number[] = [];
		for (const { id } of fresh) {
			// One at a time: a 100k run's data is some 80 MB.
			const execution = await executionOf(n8n, apiKey, id);
			const name = contender.compareNode.name;
			const found = contender.findings(outputCounts(execution, name));
			// Both must find the same, or the times compare different work.
			if (JSON.stringify(found) !== JSON.stringify(expected))
				throw new Error(
					`${contender.label} found ${JSON.stringify(found)} at ${size.label} in execution ${id}, not ${JSON.stringify(expected)}`,
				);
			nodeTimes.push(nodeTime(execution, name));
		}
		times.set(contender, nodeTimes);
	}
	return times;
}

/**
 * Runs the comparison at every size and returns its `name: value` lines, the 100k ratio last
 * (or, when Compare Datasets did not run at 100k, why not and what 10k projects).
 */
export async function reconcileBench(n8n: N8nInstance, apiKey: string): Promise<string[]> {
	const [reconcileNode, compareNode] = RECONCILE_CONTENDERS;
	const lines: string[] = [];
	const medians = new Map<string, number>();
	for (const size of SIZES) {
		const runsOf = (contender: Contender) =>
			contender === compareNode && size.rows > 10_000 ? COMPARE_100K_RUNS : size.runs;
		const times = await measuredTimes(n8n, apiKey, size, runsOf);
		for (const contender of times.keys()) {
			const median = percentile(times.get(contender)!, 0.5);
			medians.set(`${contender.label} ${size.label}`, median);
			lines.push(`${contender.label} ${size.label} ms: ${round(median)}`);
		}
	}
	const [small, large] = SIZES;
	const compareLarge = medians.get(`${compareNode.label} ${large.label}`);
	const reconcileLarge = medians.get(`${reconcileNode.label} ${large.label}`)!;
	const projected =
		medians.get(`${compareNode.label} ${small.label}`)! * (large.rows / small.rows) ** 2;
	const { same, different, onlyInA, onlyInB } = expectedFindings(large.rows);
	lines.push(
		`reconcile executions measured: ${SIZES.map((size) => `${size.runs} at ${size.label}`).join(', ')} per node (Compare Datasets ${COMPARE_100K_RUNS} at ${large.label}), medians (${large.label}: ${same} same, ${different} different, ${onlyInA} only in A, ${onlyInB} only in B; every run's counts checked)`,
		compareLarge === undefined
			? `reconcile vs compare datasets ${large.label}: not measured (Compare Datasets scans B for each row of A: about ${round(projected / 60_000)} min per run, projected from ${small.label} x ${(large.rows / small.rows) ** 2}; ${round(projected / reconcileLarge)} x projected; BENCH_N8N_COMPARE_100K_RUNS=1 measures it)`
			: `reconcile vs compare datasets ${large.label}: ${round(compareLarge / reconcileLarge, 2)} x`,
	);
	return lines;
}
