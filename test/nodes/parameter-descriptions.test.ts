/**
 * What the editor shows of every node: each parameter says what it is for (as n8n's own nodes do;
 * the resource and operation pickers and an Options collection describe their choices instead),
 * a hint (the line under a field) adds to the description instead of repeating it and sits on a
 * field the editor shows it under, and no text carries a literal TAB.
 */
import type { INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';

import { ApprovalCheckpoint } from '../../nodes/ApprovalCheckpoint/ApprovalCheckpoint.node';
import { DedupeGate } from '../../nodes/DedupeGate/DedupeGate.node';
import { Erp } from '../../nodes/Erp/Erp.node';
import { IdempotentWrite } from '../../nodes/IdempotentWrite/IdempotentWrite.node';
import { OrderflowOps } from '../../nodes/OrderflowOps/OrderflowOps.node';
import { ReconciliationCheck } from '../../nodes/ReconciliationCheck/ReconciliationCheck.node';
import { RedeliveryTrigger } from '../../nodes/RedeliveryTrigger/RedeliveryTrigger.node';
import { Shopify } from '../../nodes/Shopify/Shopify.node';
import { ShopifyPollTrigger } from '../../nodes/ShopifyPollTrigger/ShopifyPollTrigger.node';
import { ShopifyTrigger } from '../../nodes/ShopifyTrigger/ShopifyTrigger.node';
import { ThreePl } from '../../nodes/ThreePl/ThreePl.node';

const NODES: INodeType[] = [
	new ApprovalCheckpoint(),
	new DedupeGate(),
	new Erp(),
	new IdempotentWrite(),
	new OrderflowOps(),
	new ReconciliationCheck(),
	new RedeliveryTrigger(),
	new Shopify(),
	new ShopifyPollTrigger(),
	new ShopifyTrigger(),
	new ThreePl(),
];

/** Every parameter of a node, nested ones included, with the path the editor shows it under. */
function parameters(
	properties: INodeProperties[],
	prefix = '',
): Array<{ path: string; property: INodeProperties }> {
	return properties.flatMap((property) => {
		const path = `${prefix}${property.displayName}`;
		const nested =
			property.type === 'fixedCollection'
				? ((property.options ?? []) as INodePropertyCollection[]).flatMap((group) =>
						parameters(group.values, `${path} › ${group.displayName} › `),
					)
				: property.type === 'collection'
					? parameters((property.options ?? []) as INodeProperties[], `${path} › `)
					: [];
		return [{ path, property }, ...nested];
	});
}

const describesItsChoices = (property: INodeProperties) =>
	['resource', 'operation'].includes(property.name) ||
	(property.name === 'options' && property.type === 'collection') ||
	property.type === 'notice' ||
	property.type === 'hidden';

describe.each(NODES.map((node) => [node.description.displayName, node] as const))(
	'%s',
	(_name, node) => {
		const all = parameters(node.description.properties);

		it('describes every parameter', () => {
			expect(
				all
					.filter(({ property }) => !describesItsChoices(property) && !property.description)
					.map(({ path }) => path),
			).toEqual([]);
		});

		it('gives hints that add to the description, on fields that show them', () => {
			const repeated = all.filter(
				({ property }) =>
					property.hint !== undefined &&
					(property.type === 'notice' ||
						property.hint.trim() === '' ||
						(property.description ?? '').includes(property.hint)),
			);
			expect(repeated.map(({ path }) => path)).toEqual([]);
		});

		it('has no literal TAB in what the editor shows', () => {
			const texts = all.flatMap(({ path, property }) =>
				[property.displayName, property.description, property.hint, property.placeholder]
					.filter((text): text is string => typeof text === 'string')
					.map((text) => ({ path, text })),
			);
			expect(texts.filter(({ text }) => text.includes('\t')).map(({ path }) => path)).toEqual([]);
		});
	},
);
