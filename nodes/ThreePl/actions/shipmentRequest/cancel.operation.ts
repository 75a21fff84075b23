/** Cancel Shipment Request: once per request (key `<ref>:cancel`); 409 (already shipped) goes to Failed. */
import type { INodeProperties } from 'n8n-workflow';

import type { WriteOutcome } from '../../../../core/idempotency';
import {
	writeToReferencedRecord,
	type ContractContext,
	type OperationResult,
} from '../../../shared/contract-operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Shipment Request Reference',
		name: 'externalRef',
		type: 'string',
		default: '={{ $json.externalRef }}',
		required: true,
		displayOptions: { show: { resource: ['shipmentRequest'], operation: ['cancel'] } },
		description: 'The external reference it was created with, e.g. shopify:fulfillment-order:77',
	},
];

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
