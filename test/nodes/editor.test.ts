/** What the editor shows of the nodes beyond their parameters: canvas subtitles and who is offered as an AI tool. */
import type { INodeType } from 'n8n-workflow';

import { ApprovalCheckpoint } from '../../nodes/ApprovalCheckpoint/ApprovalCheckpoint.node';
import { DedupeGate } from '../../nodes/DedupeGate/DedupeGate.node';
import { Erp } from '../../nodes/Erp/Erp.node';
import { IdempotentWrite } from '../../nodes/IdempotentWrite/IdempotentWrite.node';
import { OrderflowOps } from '../../nodes/OrderflowOps/OrderflowOps.node';
import { ReconciliationCheck } from '../../nodes/ReconciliationCheck/ReconciliationCheck.node';
import { Shopify } from '../../nodes/Shopify/Shopify.node';
import { ThreePl } from '../../nodes/ThreePl/ThreePl.node';

/** The canvas subtitle for these parameters, as n8n's expression would render it. */
function subtitle(node: INodeType, parameter: Record<string, unknown>): string {
	const expression = String(node.description.subtitle)
		.replace(/^=\{\{/, '')
		.replace(/\}\}$/, '');
	return String(new Function('$parameter', `return (${expression});`)(parameter));
}

describe('the editor', () => {
	it('shows the Dedupe Gate as a person reads it, also while its parameters hold their defaults', () => {
		const gate = new DedupeGate();
		expect(subtitle(gate, {})).toBe('Check & Claim · Shopify event');
		expect(subtitle(gate, { operation: 'checkAndClaim', keySource: 'shopifyOrderId' })).toBe(
			'Check & Claim · Shopify order',
		);
		expect(subtitle(gate, { operation: 'confirm', keySource: 'shopifyEventId' })).toBe('Confirm');
	});

	it('offers as AI tools only nodes an agent can call with one input: not the ones that wait for a person, join two inputs or route to many outputs', () => {
		const tools = [
			new ApprovalCheckpoint(),
			new DedupeGate(),
			new Erp(),
			new IdempotentWrite(),
			new OrderflowOps(),
			new ReconciliationCheck(),
			new Shopify(),
			new ThreePl(),
		]
			.filter((node) => node.description.usableAsTool)
			.map((node) => node.description.displayName);
		expect(tools.sort()).toEqual([
			'Orderflow 3PL',
			'Orderflow ERP',
			'Orderflow Ops',
			'Orderflow Shopify',
		]);
	});

	it('names every node that has an n8n namesake (or could) one way: "Orderflow …", triggers ending in "Trigger" as n8n asks', async () => {
		const { RedeliveryTrigger } = await import(
			'../../nodes/RedeliveryTrigger/RedeliveryTrigger.node'
		);
		const { ShopifyPollTrigger } = await import(
			'../../nodes/ShopifyPollTrigger/ShopifyPollTrigger.node'
		);
		const { ShopifyTrigger } = await import('../../nodes/ShopifyTrigger/ShopifyTrigger.node');
		const names = [
			new RedeliveryTrigger(),
			new ShopifyPollTrigger(),
			new ShopifyTrigger(),
			new Shopify(),
			new Erp(),
			new ThreePl(),
		].map((node) => node.description.displayName);
		expect(names).toEqual([
			'Orderflow Redelivery Trigger',
			'Orderflow Shopify Poll Trigger',
			'Orderflow Shopify Trigger',
			'Orderflow Shopify',
			'Orderflow ERP',
			'Orderflow 3PL',
		]);
	});

	it('shows Reconciliation Check’s Fields to Compare with Rule first and, below it, only what the chosen rule reads', () => {
		const fields = new ReconciliationCheck().description.properties.find(
			(property) => property.name === 'fields',
		)!;
		const values = (
			fields.options as Array<{
				values: Array<{ name: string; displayOptions?: { show?: { rule?: string[] } } }>;
			}>
		)[0].values;
		expect(values.slice(0, 3).map((value) => value.name)).toEqual(['rule', 'pathA', 'pathB']);
		const shownFor = (rule: string) =>
			values
				.filter((value) => !value.displayOptions || value.displayOptions.show?.rule?.includes(rule))
				.map((value) => value.name);
		expect(shownFor('money')).toEqual([
			'rule',
			'pathA',
			'pathB',
			'toleranceMinor',
			'amounts',
			'currency',
			'currencyPathA',
			'currencyPathB',
		]);
		expect(shownFor('number')).toEqual(['rule', 'pathA', 'pathB', 'absolute', 'relativePercent']);
		expect(shownFor('date')).toEqual(['rule', 'pathA', 'pathB', 'dateTolerance']);
		expect(shownFor('exact')).toEqual(['rule', 'pathA', 'pathB']);
	});
});
