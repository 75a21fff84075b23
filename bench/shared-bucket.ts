/**
 * The pieces `bench:shopify-read` and the shared-bucket test both need: an emulated shop with
 * orders to read, and worker processes that read them concurrently (shopify-read-worker.ts).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

import type { Plan, ServiceTime } from '../sandbox/shopify/cost';
import { seededStore } from '../sandbox/shopify/seed';
import { ShopifyEmulator } from '../sandbox/shopify/server';
import type { WorkerReport } from './shopify-read-worker';

export type { WorkerReport } from './shopify-read-worker';

export const BENCH_TOKEN = 'shpat_bench';

/** An emulator holding `orders` orders tagged `bench`, two lines each. */
export async function benchShop(
	orders: number,
	plan: Plan,
	serviceTime: ServiceTime = {},
): Promise<ShopifyEmulator> {
	const emulator = await ShopifyEmulator.start({
		store: seededStore(),
		accessTokens: [BENCH_TOKEN],
		plan,
		serviceTime,
	});
	for (let index = 0; index < orders; index++) {
		emulator.store.createOrder({
			lines: [
				{ sku: 'SOCKS-TRAIL-42', quantity: 1 },
				{ sku: 'TSHIRT-RED-M', quantity: 2 },
			],
			tags: ['bench'],
		});
	}
	return emulator;
}

const WORKER = path.join(__dirname, 'shopify-read-worker.ts');
const ROOT = path.resolve(__dirname, '..');

/** One worker process with `readers` concurrent readers; resolves with its report. */
async function runWorker(
	shopUrl: string,
	readers: number,
	ordersPerReader: number,
): Promise<WorkerReport> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', WORKER, shopUrl, BENCH_TOKEN, String(readers), String(ordersPerReader)],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', resolve);
	});
	const line = output.trim().split('\n').pop() ?? '';
	if (code !== 0 || !line.startsWith('{'))
		throw new Error(`A reader process exited with ${code}: ${output}`);
	return JSON.parse(line) as WorkerReport;
}

/** `processes` worker processes, each with `readers` concurrent readers, against one shop. */
export async function runReaderProcesses(
	shopUrl: string,
	processes: number,
	readers: number,
	ordersPerReader: number,
): Promise<WorkerReport[]> {
	return await Promise.all(
		Array.from(
			{ length: processes },
			async () => await runWorker(shopUrl, readers, ordersPerReader),
		),
	);
}
