/** Cancel Shipment Request: once per request (key `<ref>:cancel`); 409 (already shipped) goes to Failed. */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { WriteOutcome } from '../../../../core/idempotency';
import type { ContractWrite } from '../../../shared/contract-node';
import {
	writeToReferencedRecord,
	type ContractContext,
	type OperationResult,
} from '../../../shared/contract-operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Shipment Request Reference',
		name: 'externalRef',
		type: 'string',
		default: '={{ $json.externalRef }}',
		required: true,
		description: 'The external reference it was created with, e.g. shopify:fulfillment-order:77',
		hint: 'Cancels the whole request, once. One the warehouse has shipped (even in part) cannot be cancelled: it goes to Failed (HTTP 409).',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['shipmentRequest'], operation: ['cancel'] } },
	properties,
);

export const write: ContractWrite = { idempotencyKeyOption: true };

/** Cancels the shipment request created under `ref`, once (key `<ref>:cancel`). */
export async function cancelByReference(
	context: ContractContext,
	itemIndex: number,
	ref: string,
): Promise<WriteOutcome> {
	return await writeToReferencedRecord(context, itemIndex, {
		reference: ref,
		entity: ref,
		listPath: '/shipment-requests',
		action: 'cancel',
		body: {},
		path: (id) => `/shipment-requests/${encodeURIComponent(id)}/cancel`,
	});
}

export async function execute(context: ContractContext): Promise<OperationResult[]> {
	const { fns } = context;
	const results: OperationResult[] = [];
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		const ref = String(fns.getNodeParameter('externalRef', itemIndex));
		results.push({
			itemIndex,
			outcome: await cancelByReference(context, itemIndex, ref),
			json: { externalRef: ref },
		});
	}
	return results;
}
