/** Cancel Shipment Request: once per request (key `<ref>:cancel`); 409 (already shipped) goes to Failed. */
import type { INodeProperties } from 'n8n-workflow';

import { performIdempotentWrite, type SendResult } from '../../../../core/idempotency';
import { read, writeAttempt } from '../../../shared/contract-client';
import type { ContractContext, OperationResult } from '../../../shared/contract-operation';

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

export async function execute(context: ContractContext): Promise<OperationResult[]> {
	const { fns, client } = context;
	const results: OperationResult[] = [];
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		const ref = String(fns.getNodeParameter('externalRef', itemIndex));
		const base = context.keyBase(itemIndex, ref);
		const outcome = await performIdempotentWrite({
			...context.write(ref),
			key: `${base}:cancel`,
			request: { operation: 'cancelShipmentRequest', externalRef: ref },
			send: async (): Promise<SendResult> => {
				let found;
				try {
					found = await read<{ items: Array<{ id: string }> }>(fns, client, `/shipment-requests?externalRef=${encodeURIComponent(ref)}`, itemIndex);
				} catch (error) {
					return { kind: 'not-sent', error: (error as Error).message };
				}
				if (!found.items[0]) return { kind: 'response', status: 404, body: JSON.stringify({ title: 'Not found', detail: `No shipment request ${ref}` }) };
				return await writeAttempt(fns, client, 'POST', `/shipment-requests/${encodeURIComponent(found.items[0].id)}/cancel`, {}, `${base}:cancel`);
			},
		});
		results.push({ itemIndex, outcome, json: { externalRef: ref } });
	}
	return results;
}
