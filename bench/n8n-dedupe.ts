/**
 * The Dedupe Gate against n8n's Remove Duplicates inside real n8n: two workflows "Webhook
 * (production URL, respond when the last node finishes) → Split Out → the node", fed the same
 * orders — 100 per execution, 30 % of them orders already seen — with 10k keys stored first.
 */
import { randomUUID } from 'node:crypto';

import type { N8nInstance } from '../scripts/n8n/real-n8n';
import { executionsOf, nodeTime, passed, percentile, round } from './n8n-api';

const ITEMS = 100;
const REPEATS = 0.3;
const STORED = 10_000;
const FILL_BATCH = 1_000;
const WARM_UP = 20;
const FRESH = ITEMS - Math.round(ITEMS * REPEATS);
export const MEASURED = Number(process.env.BENCH_N8N_EXECUTIONS ?? 200);

export interface Contender {
	label: string;
	workflowId: string;
	path: string;
	node: string;
	definition: {
		type: string;
		typeVersion: number;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
	};
}

const GATE = { type: 'n8n-nodes-orderflow.dedupeGate', typeVersion: 1 };
const GATE_PARAMETERS = { operation: 'checkAndClaim', mode: 'firstSeenWins' };

export const CONTENDERS: Contender[] = [
	{
		label: 'dedupe node',
		workflowId: 'benchDedupeGate1',
		path: 'bench-dedupe-gate',
		node: 'Dedupe Gate',
		definition: { ...GATE, parameters: { ...GATE_PARAMETERS, keySource: 'shopifyOrderId' } },
	},
	{
		label: 'remove duplicates',
		workflowId: 'benchRemoveDups1',
		path: 'bench-remove-duplicates',
		node: 'Remove Duplicates',
		// The history holds every key the bench stores: at its default (10,000) it would drop the oldest.
		definition: {
			type: 'n8n-nodes-base.removeDuplicates',
			typeVersion: 2,
			parameters: {
				operation: 'removeItemsSeenInPreviousExecutions',
				logic: 'removeItemsWithAlreadySeenKeyValues',
				dedupeValue: '={{ $json.id }}',
				options: { historySize: 1_000_000 },
			},
		},
	},
	{
		// The same key as an expression, as Remove Duplicates takes it: what n8n's expressions cost.
		label: 'dedupe node with custom key',
		workflowId: 'benchDedupeGate2',
		path: 'bench-dedupe-gate-custom-key',
		node: 'Dedupe Gate',
		definition: {
			...GATE,
			parameters: { ...GATE_PARAMETERS, keySource: 'custom', key: '={{ $json.id }}' },
		},
	},
];

/** The workflow n8n imports for one contender. */
export function benchWorkflow(contender: Contender): unknown {
	return {
		id: contender.workflowId,
		name: `Bench: ${contender.node}`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: contender.node, type: 'main', index: 0 }]] },
		},
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: randomUUID(),
				position: [0, 0],
				parameters: {
					httpMethod: 'POST',
					path: contender.path,
					responseMode: 'lastNode',
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.orders', options: {} },
			},
			{ id: randomUUID(), name: contender.node, position: [440, 0], ...contender.definition },
		],
	};
}

const order = (id: number) => ({
	id: 5_500_000_000 + id,
	admin_graphql_api_id: `gid://shopify/Order/${5_500_000_000 + id}`,
	name: `#${1000 + id}`,
	total_price: '42.00',
});

/** The bodies every contender receives, in order: the fill, then warm-up and measured executions. */
function deliveries(): { fill: unknown[]; runs: unknown[] } {
	let next = 0;
	const fresh = (count: number) => Array.from({ length: count }, () => order(next++));
	const fill = Array.from({ length: STORED / FILL_BATCH }, () => ({ orders: fresh(FILL_BATCH) }));
	const runs = Array.from({ length: WARM_UP + MEASURED }, () => {
		const seen = Array.from({ length: ITEMS - FRESH }, () =>
			order(Math.floor(Math.random() * next)),
		);
		return { orders: [...fresh(FRESH), ...seen].sort(() => Math.random() - 0.5) };
	});
	return { fill, runs };
}

async function deliver(n8n: N8nInstance, contender: Contender, body: unknown): Promise<number> {
	const started = performance.now();
	const response = await fetch(`${n8n.url}/webhook/${contender.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	await response.arrayBuffer();
	const elapsed = performance.now() - started;
	if (!response.ok) throw new Error(`${contender.node}: webhook answered HTTP ${response.status}`);
	return elapsed;
}

/** Runs the comparison and returns its `name: value` lines, the ratio last. */
export async function dedupeBench(n8n: N8nInstance, apiKey: string): Promise<string[]> {
	const { fill, runs } = deliveries();
	for (const contender of CONTENDERS) for (const body of fill) await deliver(n8n, contender, body);
	const roundTrips = new Map<string, number[]>(CONTENDERS.map((c) => [c.label, []]));
	// Interleaved, so both see the same machine load at the same moment.
	for (const [index, body] of runs.entries()) {
		for (const contender of CONTENDERS) {
			const elapsed = await deliver(n8n, contender, body);
			if (index >= WARM_UP) roundTrips.get(contender.label)!.push(elapsed);
		}
	}
	const lines: string[] = [];
	const medians: Record<string, number> = {};
	for (const contender of CONTENDERS) {
		const executions = await executionsOf(n8n, apiKey, contender.workflowId);
		const measured = executions.slice(-MEASURED);
		// Both must let exactly the new orders through, or the times compare different work.
		const wrong = measured.find((execution) => passed(execution, contender.node) !== FRESH);
		if (wrong)
			throw new Error(
				`${contender.node} passed ${passed(wrong, contender.node)} of ${ITEMS} items in execution ${wrong.id}, not ${FRESH}`,
			);
		const times = measured.map((execution) => nodeTime(execution, contender.node));
		const trips = roundTrips.get(contender.label)!;
		medians[contender.label] = percentile(times, 0.5);
		lines.push(
			`${contender.label} node time median ms: ${round(percentile(times, 0.5))}`,
			`${contender.label} node time mean ms: ${round(times.reduce((a, b) => a + b, 0) / times.length, 2)}`,
			`${contender.label} node time p90 ms: ${round(percentile(times, 0.9))}`,
			`${contender.label} round trip median ms: ${round(percentile(trips, 0.5))}`,
			`${contender.label} round trip p90 ms: ${round(percentile(trips, 0.9))}`,
		);
	}
	lines.push(
		`dedupe executions measured: ${MEASURED} per node (${ITEMS} items, ${REPEATS * 100} % repeats, ${STORED} keys stored first, ${WARM_UP} warm-up runs excluded; n8n records node time in whole ms)`,
		`dedupe node vs remove duplicates: ${round(medians['remove duplicates'] / medians['dedupe node'], 2)} x`,
	);
	return lines;
}
