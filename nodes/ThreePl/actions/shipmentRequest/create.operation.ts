/** Create Shipment Request: once per fulfillment order (key `<ref>:create`). */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapShipmentRequest } from '../../../../core/contract/shipment-request';
import { writeAttempt } from '../../../shared/contract-client';
import type { ContractWrite } from '../../../shared/contract-node';
import {
	refusedItem,
	unreadableItem,
	type ContractContext,
	type OperationResult,
} from '../../../shared/contract-operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Warehouse',
		name: 'warehouse',
		type: 'string',
		default: '',
		description: "The 3PL's warehouse code; empty: the 3PL chooses",
		hint: 'A code as the 3PL names it (e.g. RTM). One request per fulfillment order (the input item), created once: a retry or a redelivery replays the first answer.',
	},
	{
		displayName: 'Service Level',
		name: 'service',
		type: 'string',
		default: '',
		placeholder: 'standard',
		description:
			'The shipping service the warehouse is asked for (as the 3PL names it); empty: its default',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['shipmentRequest'], operation: ['create'] } },
	properties,
);

export const write: ContractWrite = { idempotencyKeyOption: true };

export async function execute(context: ContractContext): Promise<OperationResult[]> {
	const { fns, client } = context;
	const results: OperationResult[] = [];
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		let mapped;
		try {
			mapped = mapShipmentRequest(fns.getInputData()[itemIndex].json, {
				warehouse: String(fns.getNodeParameter('warehouse', itemIndex, '') ?? ''),
				service: String(fns.getNodeParameter('service', itemIndex, '') ?? ''),
			});
		} catch (error) {
			results.push(unreadableItem(fns, itemIndex, error));
			continue;
		}
		if (!mapped.ok) {
			results.push(refusedItem(itemIndex, 'The shipment cannot be requested', mapped.reasons));
			continue;
		}
		const ref = mapped.request.externalRef;
		const base = context.keyBase(itemIndex, ref);
		const outcome = await context.perform({
			...context.write(mapped.request.orderRef),
			key: `${base}:create`,
			request: { operation: 'createShipmentRequest', body: mapped.request },
			send: async () =>
				await writeAttempt(
					fns,
					client,
					'POST',
					'/shipment-requests',
					mapped.request,
					`${base}:create`,
				),
		});
		results.push({
			itemIndex,
			outcome,
			json: { externalRef: ref, orderRef: mapped.request.orderRef },
		});
	}
	return results;
}
