/** What the n8n benches read back from a running n8n: its public API, and the figures they print. */
import type { N8nInstance } from '../scripts/n8n/real-n8n';

interface TaskData {
	startTime?: number;
	executionTime?: number;
	data?: { main?: Array<unknown[] | null> };
}

export interface SavedExecution {
	id: string;
	status: string;
	data?: { resultData?: { runData?: Record<string, TaskData[]> } };
}

async function apiGet<T>(n8n: N8nInstance, apiKey: string, route: string): Promise<T> {
	const response = await fetch(`${n8n.url}/api/v1/${route}`, {
		headers: { 'X-N8N-API-KEY': apiKey },
	});
	if (!response.ok)
		throw new Error(`GET /api/v1/${route}: HTTP ${response.status} ${await response.text()}`);
	return (await response.json()) as T;
}

/**
 * Every saved execution of a workflow, oldest first (the public API pages by cursor); with its
 * run data unless `includeData` is false (large runs: read them one by one with executionOf).
 */
export async function executionsOf(
	n8n: N8nInstance,
	apiKey: string,
	workflowId: string,
	includeData = true,
): Promise<SavedExecution[]> {
	const all: SavedExecution[] = [];
	let cursor: string | undefined;
	do {
		const query = new URLSearchParams({
			workflowId,
			includeData: String(includeData),
			limit: '100',
		});
		if (cursor) query.set('cursor', cursor);
		const page = await apiGet<{ data: SavedExecution[]; nextCursor?: string | null }>(
			n8n,
			apiKey,
			`executions?${query}`,
		);
		all.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return all.sort((a, b) => Number(a.id) - Number(b.id));
}

/** One saved execution with its run data. */
export async function executionOf(
	n8n: N8nInstance,
	apiKey: string,
	id: string,
): Promise<SavedExecution> {
	return await apiGet<SavedExecution>(n8n, apiKey, `executions/${id}?includeData=true`);
}

/** The node's own time in an execution, as n8n recorded it in the run data (ms). */
export function nodeTime(execution: SavedExecution, node: string): number {
	const time = execution.data?.resultData?.runData?.[node]?.[0]?.executionTime;
	if (typeof time !== 'number')
		throw new Error(`execution ${execution.id} (${execution.status}) has no run of "${node}"`);
	return time;
}

/** When the node started in an execution (epoch ms, as n8n recorded it) and how long it ran. */
export function nodeSpan(execution: SavedExecution, node: string): { start: number; ms: number } {
	const start = execution.data?.resultData?.runData?.[node]?.[0]?.startTime;
	if (typeof start !== 'number')
		throw new Error(`execution ${execution.id} has no start time for "${node}"`);
	return { start, ms: nodeTime(execution, node) };
}

/** How many items the node sent to each of its outputs in an execution. */
export function outputCounts(execution: SavedExecution, node: string): number[] {
	return (execution.data?.resultData?.runData?.[node]?.[0]?.data?.main ?? []).map(
		(items) => items?.length ?? 0,
	);
}

/** How many items the node sent to its first output in an execution. */
export function passed(execution: SavedExecution, node: string): number {
	return outputCounts(execution, node)[0] ?? 0;
}

/** The value below which `fraction` of the sorted values lie (nearest rank). */
export function percentile(values: number[], fraction: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
