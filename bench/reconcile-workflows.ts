/**
 * What the reconciliation benches share: the rows both sides hold, and the workflows that feed
 * them to n8n's Compare Datasets and to the Reconciliation Check — a trigger, then one Split Out
 * per side (A, B) into the comparing node's two inputs.
 *
 * Data: inventory-like rows (SKU + location key; available quantity, a decimal price with its
 * currency, a timestamp); B differs from A in 1 % of the rows, and 0.5 % of each side is missing
 * on the other.
 */
import { toMinorUnits } from '../core/money';
import type { Row } from '../core/reconcile/values';

const CURRENCIES = ['EUR', 'USD', 'JPY', 'KWD'];

/**
 * `sameFormats`: both systems write values alike, so most comparisons see identical values.
 * `formatsDiffer`: B writes money as the contract does ({amount: minor units, currency}) and
 * times with an offset, so every value on both sides is parsed: the worst case.
 */
export type Variant = 'sameFormats' | 'formatsDiffer';

export function rows(count: number, side: 'a' | 'b', variant: Variant = 'sameFormats'): Row[] {
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

/** What `rows` makes of `count` rows per side (sameFormats): the findings both nodes must agree on. */
export function expectedFindings(count: number): {
	same: number;
	different: number;
	onlyInA: number;
	onlyInB: number;
} {
	let same = 0;
	let different = 0;
	let onlyInA = 0;
	let onlyInB = 0;
	for (let i = 0; i < count; i++) {
		if (i % 200 === 0) onlyInA++;
		else if (i % 200 === 100) onlyInB++;
		else if (i % 100 === 7) different++;
		else same++;
	}
	return { same, different, onlyInA, onlyInB };
}

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	webhookId?: string;
}

export const node = (
	name: string,
	type: string,
	position: [number, number],
	parameters: Record<string, unknown>,
	typeVersion = 1,
): WorkflowNode => ({ id: name, name, type, typeVersion, position, parameters });

/** n8n's Compare Datasets, matching on the SKU (every other field compared as it is). */
export const compareDatasets = node(
	'Compare Datasets',
	'n8n-nodes-base.compareDatasets',
	[400, 0],
	{ mergeByFields: { values: [{ field1: 'sku', field2: 'sku' }] }, options: {} },
	2.3,
);

/** The Reconciliation Check on the same key, each field by its rule. */
export const reconciliationCheck = node(
	'Reconciliation Check',
	'n8n-nodes-orderflow.reconciliationCheck',
	[400, 0],
	{
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
	},
);

/**
 * trigger → A (Split Out of `<sidesField>a`) and B (of `<sidesField>b`) → the comparing node's
 * inputs 0 and 1. `sidesField` is where the trigger's item holds the sides (`body.` for a webhook).
 */
export function comparisonWorkflow(options: {
	id: string;
	name: string;
	trigger: WorkflowNode;
	sidesField?: string;
	compareNode: WorkflowNode;
}) {
	const { trigger, compareNode } = options;
	const prefix = options.sidesField ?? '';
	const splitOut = (side: 'A' | 'B', y: number) =>
		node(side, 'n8n-nodes-base.splitOut', [200, y], {
			fieldToSplitOut: `${prefix}${side.toLowerCase()}`,
			options: {},
		});
	return {
		id: options.id,
		name: options.name,
		active: false,
		nodes: [trigger, splitOut('A', -100), splitOut('B', 100), compareNode],
		connections: {
			[trigger.name]: {
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
	};
}
