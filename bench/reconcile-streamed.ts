/**
 * The streamed reconciliation at scale: `size` inventory levels in the Shopify emulator's bulk
 * JSONL against `size` stock rows of the sandbox ERP, both over local HTTP. The servers run in
 * this process; the reconciliation runs in a child process of its own (Shopify's bulk query
 * started, polled and its file streamed; the ERP read page by page), so its peak RSS is the
 * reconciliation's alone.
 *
 * Data: two levels per inventory item (two locations); 0.5 % of each side is not on the other,
 * 1 % of the ERP's quantities differ by more than the tolerance.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

import { pagedItems, pageQuery, type ContractPage } from '../core/contract/pages';
import {
	examplesOf,
	reconcileStreams,
	streamedExceptions,
	streamedPreset,
	summarise,
} from '../core/reconcile';
import type { Row } from '../core/reconcile/values';
import { ShopifyAdminClient } from '../core/shopify/client';
import { streamInventoryLevels } from '../core/shopify/inventory-bulk';
import { startErpServer } from '../sandbox/erp/server';
import { ShopifyEmulator } from '../sandbox/shopify/server';

const LOCATIONS = ['BER', 'RTM'];
const ERP_TOKEN = 'erp-sandbox-token';
const SHOP_TOKEN = 'shpat_sandbox';

/** Row i's SKU and location on a side: the ones only one side has get a key of their own. */
function keyOf(i: number, side: 'a' | 'b'): { sku: string; location: string } {
	const location = LOCATIONS[i % 2];
	if (side === 'a' && i % 200 === 100) return { sku: `ONLY-SHOPIFY-${i}`, location };
	if (side === 'b' && i % 200 === 0) return { sku: `ONLY-ERP-${i}`, location };
	return { sku: `SKU-${i >> 1}`, location };
}

const available = (i: number, side: 'a' | 'b') =>
	(i % 250) + (side === 'b' && i % 100 === 7 ? 5 : 0);

/** The bulk file of `size` levels: an item line, then its two level lines. */
function* levelLines(size: number): Generator<string> {
	for (let i = 0; i < size; i++) {
		const { sku, location } = keyOf(i, 'a');
		const item = `gid://shopify/InventoryItem/${(i >> 1) + 1}`;
		if (i % 2 === 0) yield `{"id":"${item}"}`;
		yield `{"location":{"id":"gid://shopify/Location/${(i % 2) + 1}","name":"${location}"},"quantities":[{"name":"available","quantity":${available(i, 'a')}},{"name":"safety_stock","quantity":0}],"item":{"sku":"${sku}"},"__parentId":"${item}"}`;
	}
}

function* stockRows(size: number) {
	for (let i = 0; i < size; i++) {
		const quantity = available(i, 'b');
		yield { ...keyOf(i, 'b'), onHand: quantity, available: quantity };
	}
}

/** Child: reads both sides over HTTP and reconciles them as they stream; prints one JSON line. */
async function reconcileOverHttp(shopUrl: string, erpUrl: string): Promise<void> {
	const client = new ShopifyAdminClient({
		shopDomain: shopUrl,
		auth: { kind: 'accessToken', accessToken: SHOP_TOKEN },
	});
	let peak = process.memoryUsage().rss;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
	const started = performance.now();
	let shopifyReadS = 0;
	async function* shopify(): AsyncGenerator<Row[]> {
		yield* streamInventoryLevels(client, {
			maxWaitMs: 600_000,
			pollIntervalMs: 50,
		}) as AsyncGenerator<Row[]>;
		shopifyReadS = (performance.now() - started) / 1000;
	}
	const erp = pagedItems<Row>(async (cursor) => {
		const response = await fetch(`${erpUrl}/inventory?${pageQuery({}, cursor)}`, {
			headers: { authorization: `Bearer ${ERP_TOKEN}` },
		});
		if (!response.ok) throw new Error(`ERP page: HTTP ${response.status}`);
		return (await response.json()) as ContractPage<Row>;
	});
	const preset = streamedPreset('inventory', shopify(), erp, {
		locationMap: { 'gid://shopify/Location/1': 'BER', 'gid://shopify/Location/2': 'RTM' },
	});
	const result = await reconcileStreams(preset.a, preset.b, preset.spec, preset);
	const summary = summarise(
		'bench',
		result,
		{},
		new Date(),
		result.flags,
		examplesOf(streamedExceptions(result)),
	);
	const seconds = (performance.now() - started) / 1000;
	clearInterval(sampler);
	console.log(
		JSON.stringify({
			seconds,
			shopifyReadS,
			maxRssBytes: Math.max(process.resourceUsage().maxRSS * 1024, peak),
			cpuS: cpuSeconds(process.cpuUsage()),
			// What the join still holds (A's index) plus garbage not yet collected.
			heapUsedBytes: process.memoryUsage().heapUsed,
			counts: summary.counts,
			totals: summary.totals,
			firstExample: summary.examples?.[0],
		}),
	);
}

const cpuSeconds = ({ user, system }: NodeJS.CpuUsage) => (user + system) / 1e6;

export interface StreamedRun {
	seconds: number;
	heapUsedBytes: number;
	/** CPU time of the reconciling process, and of the two servers while it ran. */
	cpuS: number;
	serversCpuS: number;
	/** The machine's load average when the run ended: other work slows wall-clock seconds. */
	loadAverage: number;
	shopifyReadS: number;
	maxRssBytes: number;
	counts: Record<string, number>;
	totals: { a: number; b: number };
	firstExample?: string;
	seedS: number;
}

function runChild(args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [...process.execArgv, __filename, ...args], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 ? resolve(output) : reject(new Error(`the streamed run exited with ${code}`)),
		);
	});
}

/** Serves `size` × `size` rows and measures one streamed reconciliation of them in a child process. */
export async function measureStreamed(size: number): Promise<StreamedRun> {
	const folder = mkdtempSync(path.join(tmpdir(), 'orderflow-bench-stream-'));
	const seeding = performance.now();
	const erp = await startErpServer({
		databaseFile: path.join(folder, 'erp.sqlite'),
		seed: { skus: [], inventory: stockRows(size) },
	});
	const seedS = (performance.now() - seeding) / 1000;
	const shop = await ShopifyEmulator.start({
		accessTokens: [SHOP_TOKEN],
		bulkDurationMs: 10,
		generatedBulkFiles: (query) =>
			query.includes('inventoryLevels')
				? { lines: () => levelLines(size), objectCount: size * 1.5, rootObjectCount: size / 2 }
				: undefined,
	});
	try {
		const serversBefore = process.cpuUsage();
		const output = await runChild(['--streamed-child', shop.url, erp.url]);
		return {
			...(JSON.parse(output.trim().split('\n').pop()!) as StreamedRun),
			serversCpuS: cpuSeconds(process.cpuUsage(serversBefore)),
			loadAverage: loadavg()[0],
			seedS,
		};
	} finally {
		await shop.close();
		await erp.close();
		rmSync(folder, { recursive: true, force: true });
	}
}

if (process.argv[2] === '--streamed-child')
	void reconcileOverHttp(process.argv[3], process.argv[4]);
