/**
 * `npm run demo` — the main job. Starts the sandbox (Shopify emulator, ERP reference server, the
 * in-house WMS and the 3PL), publishes every template in n8n's engine with the embedded ledger,
 * drives the go-live scenario catalog against them, ends with the nightly reconciliation template,
 * and writes the readiness report (reports/readiness.html and .json) plus a terminal summary.
 * Exits 1 when a scenario fails, 2 when the command line is wrong (see options.ts).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { closeAllLedgers, embeddedLedgerConfig, exceptionName, getLedger } from '../../core/ledger';
import {
	orderRefOf,
	reconciliationOver,
	REPO_ROOT,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	type TemplateRig,
} from '../../harness';
import type { OrderRecord } from '../../sandbox/shopify/store';
import { seededStore } from '../../sandbox/shopify/seed';
import { DemoUsageError, parseDemoOptions, USAGE, type DemoOptions } from './options';
import { preflightStagingErp } from './preflight';
import {
	renderHtml,
	terminalSummary,
	type ReadinessReport,
	type ScenarioException,
	type ScenarioResult,
} from './report';
import { refundRequestApproved, refundRequestRejected, rollbackDrill } from './cutover-scenarios';
import { HEALTH_SCENARIOS } from './health-scenarios';
import { check, SCENARIOS as CATALOG_SCENARIOS, type ScenarioContext } from './scenarios';

/** The go-live catalog, refunds requested before the money moves, the rollback drill, then what stops silently after go-live. */
const SCENARIOS = [
	...CATALOG_SCENARIOS,
	refundRequestApproved,
	refundRequestRejected,
	rollbackDrill,
	...HEALTH_SCENARIOS,
];

const TEMPLATES = [
	'order-sync.json',
	'split-fulfillment.json',
	'refund-propagation.json',
	'refund-request.json',
	'inventory-push.json',
	'nightly-reconciliation.json',
	'ops-health.json',
	'weekly-indicators.json',
];
/** The template nodes that notify someone: their messages land in the sandbox's receiver. */
const NOTIFYING_NODES = [
	'Report Exception',
	'Report Rejection',
	'Approval Checkpoint',
	'Refund Approval',
	'Report Request Problem',
	'Address Change Approval',
	'Report Address Decision',
	'Report Warehouse Adjustment',
	'Report Cancellation',
	'Report Fulfillment Exception',
	'Report Drift',
	'Alert Low Stock',
	'Alert',
	'Send Digest',
];
const NIGHTLY = 'Nightly reconciliation clean after all of the above';
const CATALOG = {
	templates: TEMPLATES,
	scenarios: SCENARIOS.map((scenario) => scenario.name),
	closingCheck: NIGHTLY,
};

function contextFor(rig: TemplateRig): ScenarioContext {
	const salesOrder = async (order: OrderRecord) =>
		(await rig.salesOrders()).find((candidate) => candidate.externalRef === orderRefOf(order));
	return {
		rig,
		order: async (input) => {
			const order = rig.shopify.store.createOrder({
				lines: [],
				shippingAddress: ADDRESS,
				customer: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
				...input,
			});
			await rig.settle();
			return order;
		},
		salesOrder,
		creditMemosOf: async (order) => {
			const booked = await salesOrder(order);
			return (await rig.creditMemos()).filter((memo) => booked && memo.salesOrderId === booked.id);
		},
		runScheduled: async (trigger) => {
			const workflow = rig.workflows.find((candidate) =>
				candidate.nodes.some((node) => node.name === trigger),
			);
			if (!workflow) throw new Error(`No published template has a trigger named "${trigger}"`);
			const execution = await rig.engine.execute(workflow, { startNode: trigger });
			if (execution.status !== 'success')
				throw new Error(`${workflow.name} ended ${execution.status}`);
			await rig.settle();
		},
	};
}

/**
 * The nightly reconciliation template over the run's window (its own window is yesterday), after
 * the hourly inventory push. Every check must come back clean, except the refunds whose booking
 * Finance rejected: Shopify refunded them, the ERP holds no credit memo, and the check must say so.
 */
async function nightlyReconciliation(
	rig: TemplateRig,
	context: ScenarioContext,
	from: Date,
	rejected: OrderRecord[],
): Promise<ScenarioResult> {
	await context.runScheduled('Every Hour');
	const template = rig.workflows.find((workflow) =>
		workflow.nodes.some((node) => node.name === 'Every Night'),
	)!;
	const workflow = reconciliationOver(template, from, new Date(Date.now() + 3_600_000));
	const alertsBefore = rig.sent('Alert').length;
	const execution = await rig.engine.execute(workflow, { startNode: 'Every Night' });
	const summary = (node: string) =>
		execution.output(node, 4)[0] as
			| { exceptions: number; counts: IDataObject; examples?: string[] }
			| undefined;
	const alerts = rig
		.sent('Alert')
		.slice(alertsBefore)
		.map((message) => String(message.text));
	const rejectedRefs = rejected.map((order) => orderRefOf(order));
	const rejectedExamples = rejectedRefs.map((ref) => `${ref}: only in A`);
	const plural = rejectedRefs.length > 1;
	const clean = (node: string, what: string) => {
		const result = summary(node);
		return check(
			`${what}: ${result ? `${Number(result.counts.matched)} matched, no exceptions` : 'did not run'}`,
			result?.exceptions === 0,
			result?.examples ?? result?.counts,
		);
	};
	const refunds = summary('Refunds Check');
	const checks = [
		check('the run ended without an error', execution.status === 'success', execution.status),
		clean('Orders Check', 'orders, Shopify against the ERP'),
		clean('SKU Master Check', 'SKU master'),
		clean('Inventory Check', 'stock by SKU and location'),
		rejectedRefs.length === 0
			? clean('Refunds Check', 'refunds, Shopify against the ERP’s credit memos')
			: check(
					`refunds: only the rejected ${plural ? 'ones' : 'one'} (${rejectedRefs.join(', ')}) ${plural ? 'are exceptions' : 'is an exception'}`,
					refunds?.exceptions === rejectedRefs.length &&
						rejectedExamples.every((example) => refunds.examples?.includes(example)),
					refunds?.examples,
				),
		rejectedRefs.length === 0
			? check('no alert', alerts.length === 0, alerts)
			: check(
					`the one alert names ${plural ? 'them' : 'it'}`,
					alerts.length === 1 && rejectedExamples.every((example) => alerts[0].includes(example)),
					alerts,
				),
	];
	return {
		name: NIGHTLY,
		status: checks.every((c) => c.pass) ? 'pass' : 'fail',
		checks,
		trails: {},
	};
}

async function readiness(options: DemoOptions): Promise<ReadinessReport> {
	rmSync(path.join(options.reportsDir, 'demo'), { recursive: true, force: true });
	const userFolder = path.join(options.reportsDir, 'demo', 'n8n');
	mkdirSync(userFolder, { recursive: true });
	console.log('starting the sandbox and publishing the templates…');
	const staging = options.stagingErp;
	if (staging)
		await preflightStagingErp(
			staging,
			seededStore().variants.map((variant) => variant.sku),
		);
	const rig = await startTemplate(options.templates, NOTIFYING_NODES, {
		userFolder,
		erpInventory: 'inStepWithShopify',
		stagingErp: staging,
	});
	const startedAt = new Date(Date.now() - 60_000);
	const ledger = await getLedger(embeddedLedgerConfig({ userFolder }));
	const context = contextFor(rig);
	const results: ScenarioResult[] = [];
	const unbookedRefunds: OrderRecord[] = [];
	try {
		for (const scenario of SCENARIOS.filter((candidate) =>
			options.scenarios.includes(candidate.name),
		)) {
			if (staging && scenario.needsReferenceErp) {
				results.push({
					name: scenario.name,
					status: 'skipped',
					skipped: `against a staging ERP: ${scenario.needsReferenceErp}`,
					checks: [],
					trails: {},
				});
				console.log(`skip  ${scenario.name}`);
				continue;
			}
			try {
				const { checks, orders, unbooked } = await scenario.run(context);
				unbookedRefunds.push(...(unbooked ?? []));
				const trails: ScenarioResult['trails'] = {};
				const exceptions: ScenarioException[] = [];
				for (const order of orders) {
					const entity = orderRefOf(order);
					trails[entity] = (await ledger.trail(entity)).map((event) => ({
						at: new Date(event.at).toISOString(),
						event: event.event,
						decision: event.decision,
						summary: event.summary,
						details: event.details,
					}));
					exceptions.push(
						...(await ledger.listExceptions({ entity })).map((record) => ({
							exception: exceptionName(record.id),
							kind: record.kind,
							state: record.state,
							entity,
							reason: record.reason,
							resolution: record.resolution,
						})),
					);
				}
				results.push({
					name: scenario.name,
					status: checks.every((c) => c.pass) ? 'pass' : 'fail',
					checks,
					trails,
					...(exceptions.length ? { exceptions } : {}),
				});
			} catch (error) {
				if (process.env.ORDERFLOW_DEMO_DEBUG) console.error(error);
				results.push({
					name: scenario.name,
					status: 'fail',
					checks: [],
					trails: {},
					error: (error as Error).message,
				});
			}
			console.log(`${results.at(-1)!.status === 'pass' ? 'pass' : 'FAIL'}  ${scenario.name}`);
		}
		if (options.wholeCatalog && staging)
			results.push({
				name: NIGHTLY,
				status: 'skipped',
				skipped:
					'against a staging ERP: it holds orders this run did not place, which the nightly template would report; reconcile your own window with it',
				checks: [],
				trails: {},
			});
		else if (options.wholeCatalog)
			results.push(await nightlyReconciliation(rig, context, startedAt, unbookedRefunds));
	} finally {
		await rig.close();
		await closeAllLedgers();
	}
	return {
		generatedAt: new Date().toISOString(),
		templates: options.templates.map((file) =>
			path.relative(REPO_ROOT, path.resolve(REPO_ROOT, 'workflows', file)),
		),
		erp: staging?.url ?? 'reference server',
		scenarios: results,
		summary: {
			passed: results.filter((r) => r.status === 'pass').length,
			failed: results.filter((r) => r.status === 'fail').length,
			skipped: results.filter((r) => r.status === 'skipped').length,
		},
	};
}

async function main(): Promise<void> {
	const options = parseDemoOptions(process.argv.slice(2), CATALOG, {
		cwd: process.env.INIT_CWD ?? process.cwd(),
		defaultReports: path.join(REPO_ROOT, 'reports'),
	});
	if (options === 'help') return console.log(USAGE);
	const report = await readiness(options);
	mkdirSync(options.reportsDir, { recursive: true });
	writeFileSync(
		path.join(options.reportsDir, 'readiness.json'),
		`${JSON.stringify(report, null, 2)}\n`,
	);
	writeFileSync(path.join(options.reportsDir, 'readiness.html'), renderHtml(report));
	const shown = (file: string) =>
		path.relative(process.env.INIT_CWD ?? process.cwd(), path.join(options.reportsDir, file));
	console.log(
		`\n${terminalSummary(report)}\nreport: ${shown('readiness.html')}, ${shown('readiness.json')}`,
	);
	if (report.summary.failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
	console.error(error instanceof DemoUsageError ? error.message : error);
	process.exitCode = error instanceof DemoUsageError ? 2 : 1;
});
