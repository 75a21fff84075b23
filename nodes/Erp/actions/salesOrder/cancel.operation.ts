/** Cancel Sales Order: once per order (key `<ref>:cancel`). */
import type { INodeProperties } from 'n8n-workflow';

import { performIdempotentWrite, type SendResult } from '../../../../core/idempotency';
import { read, writeAttempt } from '../../../shared/contract-client';
import type { ContractContext, OperationResult } from '../../../shared/contract-operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '={{ $json.payload?.cancel_reason ?? $json.cancel_reason ?? $json.cancelReason ?? "cancelled in Shopify" }}',
		displayOptions: { show: { resource: ['salesOrder'], operation: ['cancel'] } },
	},
];

export async function execute(context: ContractContext): Promise<OperationResult[]> {
	const { fns, client } = context;
	const results: OperationResult[] = [];
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		const ref = String(fns.getNodeParameter('externalRef', itemIndex));
		const base = context.keyBase(itemIndex, ref);
		const reason = String(fns.getNodeParameter('reason', itemIndex, '') ?? '');
		const outcome = await performIdempotentWrite({
			...context.write(ref),
			key: `${base}:cancel`,
			request: { operation: 'cancelSalesOrder', externalRef: ref },
			send: async (): Promise<SendResult> => {
				let found;
				try {
					found = await read<{ items: Array<{ id: string }> }>(fns, client, `/sales-orders?externalRef=${encodeURIComponent(ref)}`, itemIndex);
				} catch (error) {
					return { kind: 'not-sent', error: (error as Error).message };
				}
				if (!found.items[0]) return { kind: 'response', status: 404, body: JSON.stringify({ title: 'Not found', detail: `No sales order for ${ref}` }) };
				return await writeAttempt(fns, client, 'POST', `/sales-orders/${encodeURIComponent(found.items[0].id)}/cancel`, { reason }, `${base}:cancel`);
			},
		});
		results.push({ itemIndex, outcome, json: { externalRef: ref } });
	}
	return results;
}
