/**
 * Webhook intake of one n8n main (regular mode, the embedded SQLite ledger): how many signed
 * orders/create deliveries per second the Shopify Trigger accepts — HMAC checked, recorded in
 * the inbox, answered 200 — with BENCH_INTAKE_CLIENTS posting at once, while main also runs the
 * executions they start. Then a duplicate flood (every delivery sent three times, shuffled) and
 * how many executions it started per order.
 */
import { DatabaseSync } from 'node:sqlite';

import { defaultSqliteFile } from '../core/ledger';
import type { ShopifyEmulator } from '../sandbox/shopify/server';
import type { DeliveryRecord } from '../sandbox/shopify/webhooks';
import { seededRandom } from '../scripts/n8n/queue/flood';
import type { N8nInstance } from '../scripts/n8n/real-n8n';
import {
	assertRecorded,
	intakeLines,
	isAccepted,
	meanBodyBytes,
	postDeliveries,
	type IntakeRun,
} from './intake-client';
import {
	importIntake,
	INTAKE_WORKFLOW_ID,
	intakePath,
	signedDeliveries,
	startIntakeShop,
} from './intake-shop';
import { executionsOf, round } from './n8n-api';

export const INTAKE_DELIVERIES = Number(process.env.BENCH_INTAKE_DELIVERIES ?? 600);
export const INTAKE_CLIENTS = Number(process.env.BENCH_INTAKE_CLIENTS ?? 16);
/** Posted first and not counted: the ledger opens, n8n warms up. */
export const INTAKE_WARM_UP = 50;
const FLOOD_ORDERS = 200;
/** Each delivery three times: two of three POSTs repeat one. */
const COPIES = 3;
const SEED = 20_411_021;
const LABEL = 'one main';

/** The shop, and the intake workflow imported and published, before n8n starts; close the shop after. */
export async function prepareIntake(userFolder: string): Promise<ShopifyEmulator> {
	const shop = await startIntakeShop();
	try {
		importIntake(userFolder, shop);
	} catch (error) {
		await shop.close();
		throw error;
	}
	return shop;
}

/** The event ids the embedded ledger's inbox holds for the intake workflow. */
function inboxEventIds(userFolder: string): Set<string> {
	const database = new DatabaseSync(defaultSqliteFile({ userFolder }), { readOnly: true });
	try {
		const rows = database
			.prepare('SELECT event_id FROM inbox WHERE workflow_id = ?')
			.all(INTAKE_WORKFLOW_ID) as Array<{ event_id: string }>;
		return new Set(rows.map((row) => row.event_id));
	} finally {
		database.close();
	}
}

/**
 * The workflow's executions once at least `atLeast` are saved and the count held still for two
 * polls (executions of accepted deliveries are still running when the last answer comes).
 */
async function settledExecutions(n8n: N8nInstance, apiKey: string, atLeast: number) {
	const deadline = Date.now() + 120_000;
	let last = -1;
	for (;;) {
		const count = (await executionsOf(n8n, apiKey, INTAKE_WORKFLOW_ID, false)).length;
		if (count >= atLeast && count === last) return count;
		if (Date.now() > deadline)
			throw new Error(`executions of the intake workflow: ${count}, expected at least ${atLeast}`);
		last = count;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

function shuffled<T>(values: T[], random: () => number): T[] {
	const copy = [...values];
	for (let index = copy.length - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[copy[index], copy[other]] = [copy[other], copy[index]];
	}
	return copy;
}

const accepted = (run: IntakeRun) => run.answers.filter(isAccepted).length;

/** Every order's delivery three times, shuffled: executions started per order. */
async function duplicateFlood(
	n8n: N8nInstance,
	apiKey: string,
	shop: ShopifyEmulator,
	url: string,
	before: number,
): Promise<string[]> {
	const originals = signedDeliveries(shop, FLOOD_ORDERS);
	const posts = shuffled(
		originals.flatMap((delivery) => Array<DeliveryRecord>(COPIES).fill(delivery)),
		seededRandom(SEED),
	);
	const run = await postDeliveries(posts, [url], INTAKE_CLIENTS);
	assertRecorded(`duplicate flood (${LABEL})`, run, inboxEventIds(n8n.userFolder));
	const orders = new Set(run.answers.filter(isAccepted).map((answer) => answer.eventId)).size;
	const after = await settledExecutions(n8n, apiKey, before + orders);
	return [
		`executions per order under a duplicate flood (${LABEL}): ${round((after - before) / orders, 2)}`,
		`duplicate flood (${LABEL}): ${posts.length} POSTs for ${FLOOD_ORDERS} orders (${COPIES} copies each, shuffled), ${accepted(run)} answered 2xx, ${after - before} executions started for ${orders} orders`,
	];
}

/** Warm-up, then the measured deliveries; their lines, and how many deliveries were accepted in all. */
async function acceptance(
	n8n: N8nInstance,
	shop: ShopifyEmulator,
	url: string,
	label: string,
): Promise<{ lines: string[]; accepted: number }> {
	const warmUp = await postDeliveries(signedDeliveries(shop, INTAKE_WARM_UP), [url], 4);
	const deliveries = signedDeliveries(shop, INTAKE_DELIVERIES);
	const run = await postDeliveries(deliveries, [url], INTAKE_CLIENTS);
	assertRecorded(label, run, inboxEventIds(n8n.userFolder));
	return {
		lines: intakeLines(label, run, meanBodyBytes(deliveries)),
		accepted: accepted(warmUp) + accepted(run),
	};
}

/** Runs the intake measure and the duplicate flood against a started n8n; returns their `name: value` lines. */
export async function intakeBench(
	n8n: N8nInstance,
	apiKey: string,
	shop: ShopifyEmulator,
): Promise<string[]> {
	const url = `${n8n.url}${await intakePath(shop)}`;
	const measured = await acceptance(n8n, shop, url, LABEL);
	const before = await settledExecutions(n8n, apiKey, measured.accepted);
	return [...measured.lines, ...(await duplicateFlood(n8n, apiKey, shop, url, before))];
}

/**
 * n8n 2.x builds a V8 isolate for its expression engine on every delivery to a trigger other
 * than its own Webhook node, needed or not; with lazy acquire it builds one only when an
 * expression is evaluated — which a webhook process handing executions to workers never does.
 */
export const LAZY_ISOLATE_ENV = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };

/** The intake measure alone against an n8n started with the lazy isolate. */
export async function lazyIntakeBench(n8n: N8nInstance, shop: ShopifyEmulator): Promise<string[]> {
	const url = `${n8n.url}${await intakePath(shop)}`;
	return (await acceptance(n8n, shop, url, `${LABEL}, lazy isolate`)).lines;
}
