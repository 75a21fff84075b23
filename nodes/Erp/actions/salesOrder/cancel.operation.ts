/** Cancel Sales Order: once per order (key `<ref>:cancel`). */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ContractWrite } from '../../../shared/contract-node';
import {
	writeToReferencedRecord,
	type ContractContext,
	type OperationResult,
} from '../../../shared/contract-operation';

// External Reference: shared with Get (SalesOrder.resource.ts).
const properties: INodeProperties[] = [
	{
		displayName: 'Reason',
		name: 'reason',
		description: 'Why the order was cancelled, as the ERP records it',
		hint: 'Cancels once per order: a second cancel of the same order, in this run or a later one, replays the first answer and sends nothing',
		type: 'string',
		default:
			'={{ $json.payload?.cancel_reason ?? $json.cancel_reason ?? $json.cancelReason ?? "cancelled in Shopify" }}',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['salesOrder'], operation: ['cancel'] } },
	properties,
);

export const write: ContractWrite = { idempotencyKeyOption: true };

export async function execute(context: ContractContext): Promise<OperationResult[]> {
	const { fns } = context;
	const results: OperationResult[] = [];
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		const ref = String(fns.getNodeParameter('externalRef', itemIndex));
		const outcome = await writeToReferencedRecord(context, itemIndex, {
			reference: ref,
			entity: ref,
			listPath: '/sales-orders',
			action: 'cancel',
			body: { reason: String(fns.getNodeParameter('reason', itemIndex, '') ?? '') },
			path: (id) => `/sales-orders/${encodeURIComponent(id)}/cancel`,
		});
		results.push({ itemIndex, outcome, json: { externalRef: ref } });
	}
	return results;
}
