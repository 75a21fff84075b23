/**
 * The go-live catalog's health scenarios: what stops silently after go-live, made to happen in the
 * sandbox, seen by the ops-health template's heartbeat (one alert when it begins, one when it
 * ends), and the week's indicators over everything the catalog did.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	orderRefOf,
	SHIP_TO_BERLIN as ADDRESS,
	type TemplateRig,
	type WorkflowJson,
} from '../../harness';
import type { OrderRecord } from '../../sandbox/shopify/store';
import { check, type Scenario } from './scenarios';

function template(rig: TemplateRig, trigger: string): WorkflowJson {
	const workflow = rig.workflows.find((candidate) =>
		candidate.nodes.some((node) => node.name === trigger),
	);
	if (!workflow) throw new Error(`No published template has a node named "${trigger}"`);
	return workflow;
}

/**
 * One heartbeat of the ops-health template (its Health Check's parameters changed as given);
 * returns the alerts it sent.
 */
async function heartbeat(rig: TemplateRig, parameters: INodeParameters = {}): Promise<string[]> {
	const health = structuredClone(template(rig, 'Health Check'));
	const node = health.nodes.find((candidate) => candidate.name === 'Health Check')!;
	node.parameters = { ...node.parameters, ...parameters };
	const before = rig.sent('Alert').length;
	const run = await rig.engine.execute(health, { startNode: 'Every 15 Minutes' });
	if (run.status !== 'success') throw new Error(`the health check ended ${run.status}`);
	return rig
		.sent('Alert')
		.slice(before)
		.map((message) => String(message.text));
}

async function control(
	rig: TemplateRig,
	method: string,
	path: string,
	body?: unknown,
): Promise<void> {
	const response = await fetch(`${rig.shopify.url}/_control${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok)
		throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
}

async function placeOrder(rig: TemplateRig): Promise<OrderRecord> {
	const order = rig.shopify.store.createOrder({
		lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
		shippingAddress: ADDRESS,
		customer: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
	});
	await rig.settle();
	return order;
}

const bookedTimes = async (rig: TemplateRig, order: OrderRecord) =>
	(await rig.salesOrders()).filter((salesOrder) => salesOrder.externalRef === orderRefOf(order))
		.length;
const matching = (alerts: string[], pattern: RegExp) =>
	alerts.filter((alert) => pattern.test(alert));

/** The order sync's poll stops (here: its staleness limit is a second): breached within one heartbeat, recovered once it polls again. */
const pollStops: Scenario = {
	name: 'A poll that stops (heartbeat)',
	run: async ({ rig }) => {
		const orderSync = template(rig, 'Poll Fallback');
		await rig.engine.poll(orderSync, 'Poll Fallback');
		await rig.settle();
		const fast = { thresholds: { pollIntervals: 1 / 900 } }; // 15-minute polls: stale after 1 s
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const stopped = matching(
			await heartbeat(rig, fast),
			/^🔴 Orderflow: poll breached — .* \/ Poll Fallback/,
		);
		await rig.engine.poll(orderSync, 'Poll Fallback');
		await rig.settle();
		const resumed = matching(await heartbeat(rig, fast), /^✅ Orderflow: poll recovered/);
		return {
			orders: [],
			checks: [
				check('the heartbeat alerts the poll that stopped, once', stopped.length === 1, stopped),
				check('it announces the recovery once the poll runs again', resumed.length === 1, resumed),
			],
		};
	},
};

/** Shopify drops the orders/create subscription: breached and re-created by the heartbeat, and orders flow again. */
const subscriptionDeleted: Scenario = {
	name: 'A webhook subscription Shopify deleted (heartbeat)',
	run: async ({ rig }) => {
		await control(rig, 'DELETE', '/webhooks/subscriptions/ORDERS_CREATE');
		const repaired = matching(
			await heartbeat(rig),
			/^🔴 Orderflow: subscriptions breached — .*: Shopify has no subscription for orders\/create .*Re-created now/,
		);
		const order = await placeOrder(rig);
		const recovered = matching(await heartbeat(rig), /^✅ Orderflow: subscriptions recovered/);
		return {
			orders: [order],
			checks: [
				check(
					'the heartbeat finds the missing subscription and re-creates it',
					repaired.length === 1,
					repaired,
				),
				check(
					'an order placed afterwards arrives by webhook and is booked once',
					(await bookedTimes(rig, order)) === 1,
				),
				check('the next heartbeat announces the recovery', recovered.length === 1, recovered),
			],
		};
	},
};

/** The Shopify token is revoked: breached naming the credential; what arrives meanwhile is booked once the token works again (poll catch-up). */
const tokenRevoked: Scenario = {
	name: 'A Shopify token revoked (heartbeat)',
	run: async ({ rig }) => {
		const token = String(
			(rig.engine.credentials.get('Shopify Admin API')!.data as IDataObject).accessToken,
		);
		await control(rig, 'POST', '/tokens/revoke', { token });
		const revoked = matching(
			await heartbeat(rig),
			/^🔴 Orderflow: credential breached — Shopify: Shopify Admin API: Token revoked or expired: Shopify Admin API/,
		);
		const order = await placeOrder(rig);
		const untaggedMeanwhile = !rig.shopify.store.order(order.id)!.tags.includes('erp-synced');
		await control(rig, 'POST', '/tokens/grant', { token });
		await rig.engine.poll(template(rig, 'Poll Fallback'), 'Poll Fallback');
		await rig.settle();
		const recovered = matching(
			await heartbeat(rig),
			/^✅ Orderflow: credential recovered after \d+ min — Shopify: Shopify Admin API/,
		);
		return {
			orders: [order],
			checks: [
				check(
					'the heartbeat names the credential whose token was revoked',
					revoked.length === 1,
					revoked,
				),
				check('meanwhile the order could not be marked synced in Shopify', untaggedMeanwhile),
				check(
					'once the token works again, the poll catches up: booked once and tagged erp-synced',
					(await bookedTimes(rig, order)) === 1 &&
						rig.shopify.store.order(order.id)!.tags.includes('erp-synced'),
				),
				check('the heartbeat announces the recovery', recovered.length === 1, recovered),
			],
		};
	},
};

/** The weekly digest over everything the catalog did: each indicator with its value and verdict. */
const weeklyIndicators: Scenario = {
	name: 'The week’s indicators over the catalog',
	run: async ({ rig }) => {
		const weekly = template(rig, 'Monday Morning');
		const before = rig.sent('Send Digest').length;
		const run = await rig.engine.execute(weekly, { startNode: 'Monday Morning' });
		const digest = rig.sent('Send Digest')[before] as IDataObject | undefined;
		const lines = String(digest?.text ?? '')
			.split('\n')
			.slice(1);
		const line = (name: string) =>
			lines.find((candidate) => candidate.includes(` ${name}`)) ?? `${name}: missing`;
		return {
			orders: [],
			checks: [
				check(
					'the digest is sent, breaches first',
					run.status === 'success' && !!digest,
					digest?.subject,
				),
				check(
					'every indicator has a value (or says there was nothing to measure) and a verdict',
					lines.length >= 8 &&
						lines.every((candidate) => /^(🔴|✅) .+: .+ \(≤ [\d.]+\)$/.test(candidate)),
					lines,
				),
				check(
					'the catalog’s injected failures show as exceptions',
					/^🔴/.test(line('Exception rate')),
					line('Exception rate'),
				),
				check(
					'the duplicate deliveries it injected were absorbed',
					!/: 0 %/.test(line('Duplicates absorbed')),
					line('Duplicates absorbed'),
				),
				check(
					'no write was left in doubt in this sandbox',
					/^✅ In doubt: 0 writes/.test(line('In doubt')),
					line('In doubt'),
				),
			],
		};
	},
};

export const HEALTH_SCENARIOS: Scenario[] = [
	pollStops,
	subscriptionDeleted,
	tokenRevoked,
	weeklyIndicators,
];
