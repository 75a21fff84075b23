/**
 * Upsert Sales Order: a Shopify order mapped to the canonical sales order, created once per
 * order (key `<ref>:create`, shared by every version so concurrent versions cannot book twice)
 * and replaced when a newer version arrives (key `<ref>:update:<version>`).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { mapShopifyOrder, type EntityRule, type SalesOrderInput } from '../../../../core/contract/sales-order';
import { performIdempotentWrite, type SendResult, type WriteOutcome } from '../../../../core/idempotency';
import { read, readPages, writeAttempt } from '../../../shared/contract-client';
import { unreadableItem, type ContractContext, type OperationResult } from '../../../shared/contract-operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'input',
		type: 'options',
		displayOptions: { show: { resource: ['salesOrder'], operation: ['upsert'] } },
		options: [
			{ name: 'Shopify Order', value: 'shopifyOrder', description: 'A webhook payload, a trigger item or an order from the Shopify node: mapped to the canonical sales order' },
			{ name: 'Canonical Sales Order', value: 'canonical', description: 'The item already is a canonical sales order' },
		],
		default: 'shopifyOrder',
	},
	{
		displayName: 'Default Entity',
		name: 'defaultEntity',
		type: 'string',
		default: 'MAIN',
		displayOptions: { show: { resource: ['salesOrder'], operation: ['upsert'], input: ['shopifyOrder'] } },
		description: 'The legal entity an order is booked in when no routing rule matches',
	},
	{
		displayName: 'Entity Routing Rules',
		name: 'entityRules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Rule',
		default: {},
		displayOptions: { show: { resource: ['salesOrder'], operation: ['upsert'], input: ['shopifyOrder'] } },
		description: 'The first rule that matches chooses the entity',
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{ displayName: 'Entity', name: 'entity', type: 'string', default: '' },
					{ displayName: 'Ship-to Countries', name: 'shipToCountries', type: 'string', default: '', placeholder: 'US, CA', description: 'ISO codes, comma-separated; empty: any' },
					{ displayName: 'Sales Channels', name: 'channels', type: 'string', default: '', placeholder: 'amazon, pos', description: 'Shopify source names, comma-separated; empty: any' },
				],
			},
		],
	},
	{
		displayName: 'Check SKUs Against the SKU Master',
		name: 'checkSkus',
		type: 'boolean',
		default: true,
		displayOptions: { show: { resource: ['salesOrder'], operation: ['upsert'], input: ['shopifyOrder'] } },
		description: 'Whether to send orders with SKUs the ERP does not know to Failed instead of booking them',
	},
	{
		displayName: 'Currencies the ERP Books',
		name: 'currencies',
		type: 'string',
		default: '',
		placeholder: 'EUR, USD',
		displayOptions: { show: { resource: ['salesOrder'], operation: ['upsert'], input: ['shopifyOrder'] } },
		description: 'Comma-separated ISO codes; empty: any',
	},
];

const list = (value: unknown) => String(value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);

interface StoredSalesOrder {
	id: string;
	status: string;
	sourceUpdatedAt?: string;
}

function rank(version: string | undefined): number {
	return version ? Date.parse(version) || 0 : 0;
}

async function salesOrderInput(context: ContractContext, itemIndex: number, knownSkus: Set<string> | undefined): Promise<SalesOrderInput | { reasons: string[] }> {
	const { fns } = context;
	const json = fns.getInputData()[itemIndex].json;
	if (fns.getNodeParameter('input', itemIndex) === 'canonical') return json as unknown as SalesOrderInput;
	const rules = ((fns.getNodeParameter('entityRules', itemIndex, {}) as IDataObject).rule as IDataObject[] | undefined) ?? [];
	const result = mapShopifyOrder(json, {
		defaultEntity: String(fns.getNodeParameter('defaultEntity', itemIndex)),
		rules: rules.map((rule): EntityRule => ({ entity: String(rule.entity), shipToCountries: list(rule.shipToCountries), channels: list(rule.channels) })),
		knownSkus,
		currencies: list(fns.getNodeParameter('currencies', itemIndex, '')),
	});
	return result.ok ? result.salesOrder : { reasons: result.reasons };
}

export async function execute(context: ContractContext): Promise<OperationResult[]> {
	const { fns, client } = context;
	const items = fns.getInputData();
	const needsSkus = items.some((_, i) => fns.getNodeParameter('input', i) === 'shopifyOrder' && fns.getNodeParameter('checkSkus', i, true));
	const knownSkus = needsSkus ? new Set((await readPages<{ sku: string }>(fns, client, '/skus', {}, 0)).map((row) => row.sku)) : undefined;
	const results: OperationResult[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let input;
		try {
			input = await salesOrderInput(context, itemIndex, fns.getNodeParameter('checkSkus', itemIndex, true) ? knownSkus : undefined);
		} catch (error) {
			results.push(unreadableItem(fns, itemIndex, error));
			continue;
		}
		if ('reasons' in input) {
			results.push({ itemIndex, outcome: { outcome: 'failed', replayed: false, status: null, body: null, error: `The order cannot be booked: ${input.reasons.join('; ')}`, attempts: 0, retryable: false }, json: { reasons: input.reasons } });
			continue;
		}
		const ref = input.externalRef;
		const base = context.keyBase(itemIndex, ref);
		const write = context.write(ref);
		// Create once per order: find it first (it may exist already), else create it.
		const created = await performIdempotentWrite({
			...write,
			key: `${base}:create`,
			request: { operation: 'createSalesOrder', externalRef: ref },
			send: async (): Promise<SendResult> => {
				try {
					const found = await read<{ items: StoredSalesOrder[] }>(fns, client, `/sales-orders?externalRef=${encodeURIComponent(ref)}`, itemIndex);
					if (found.items[0]) return { kind: 'response', status: 200, body: JSON.stringify(found.items[0]) };
				} catch (error) {
					return { kind: 'not-sent', error: (error as Error).message };
				}
				return await writeAttempt(fns, client, 'POST', '/sales-orders', input, `${base}:create`);
			},
		});
		let outcome: WriteOutcome = created;
		if (created.outcome === 'done') {
			// What the ERP holds now (the create answer may be an older version's).
			const createdOrder = JSON.parse(created.body) as StoredSalesOrder;
			const stored = created.replayed ? await read<StoredSalesOrder>(fns, client, `/sales-orders/${encodeURIComponent(createdOrder.id)}`, itemIndex) : createdOrder;
			if (rank(stored.sourceUpdatedAt) < rank(input.sourceUpdatedAt)) {
				outcome = await performIdempotentWrite({
					...write,
					key: `${base}:update:${input.sourceUpdatedAt}`,
					request: { operation: 'replaceSalesOrder', body: input },
					send: async () => await writeAttempt(fns, client, 'PUT', `/sales-orders/${encodeURIComponent(stored.id)}`, input, `${base}:update:${input.sourceUpdatedAt}`),
				});
			}
		}
		results.push({ itemIndex, outcome, json: { externalRef: ref, entity: input.entity } });
	}
	return results;
}
