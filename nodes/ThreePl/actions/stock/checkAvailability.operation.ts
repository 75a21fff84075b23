/**
 * Check Availability: can the warehouse ship this fulfillment order (or shipment request) in
 * full? The item comes out unchanged with `availability` added — the short lines ready for
 * Shopify's Move or Split — so an If node can route it.
 */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkAvailability, type StockRow } from '../../../../core/contract/availability';
import { mapShipmentRequest } from '../../../../core/contract/shipment-request';
import { readPages } from '../../../shared/contract-client';
import {
	unreadableItem,
	type ContractContext,
	type OperationResult,
} from '../../../shared/contract-operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Warehouse',
		name: 'availabilityWarehouse',
		type: 'string',
		default: '',
		description:
			"The warehouse code whose stock counts; empty: all of the 3PL's warehouses together",
		hint: 'The item comes out with "availability" added: canShipAll for an If node, and shortLines / shippableLines as line specs (line ID=quantity, comma-separated) that Shopify\'s Move or Split take as they are. Nothing is reserved.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stock'], operation: ['checkAvailability'] } },
	properties,
);

export async function execute({ fns, client }: ContractContext): Promise<OperationResult[]> {
	const results: OperationResult[] = [];
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		const item = fns.getInputData()[itemIndex].json;
		let mapped;
		try {
			mapped = mapShipmentRequest(item);
		} catch (error) {
			results.push(unreadableItem(fns, itemIndex, error));
			continue;
		}
		if (!mapped.ok) {
			results.push({
				itemIndex,
				route: 'failed',
				json: {
					error: `Availability cannot be checked: ${mapped.reasons.join('; ')}`,
					reasons: mapped.reasons,
				},
			});
			continue;
		}
		const warehouse =
			String(fns.getNodeParameter('availabilityWarehouse', itemIndex, '') ?? '') || null;
		const stock: StockRow[] = [];
		for (const sku of new Set(mapped.request.lines.map((line) => line.sku))) {
			stock.push(
				...((await readPages(fns, client, '/stock', { sku }, itemIndex)) as unknown as StockRow[]),
			);
		}
		results.push({
			itemIndex,
			items: [
				{ ...item, availability: { ...checkAvailability(mapped.request.lines, stock, warehouse) } },
			],
		});
	}
	return results;
}
