/** Create Credit Memo: a Shopify refund booked once (key `<refund ref>:create`) against its order's sales order. */
import type { INodeProperties } from 'n8n-workflow';

import { creditMemoFor, readShopifyRefund } from '../../../../core/contract/credit-memo';
import { type SendResult } from '../../../../core/idempotency';
import { read, writeAttempt } from '../../../shared/contract-client';
import type { ContractWrite } from '../../../shared/contract-node';
import {
	refusedItem,
	unreadableItem,
	type ContractContext,
	type OperationResult,
} from '../../../shared/contract-operation';

// No fields: the input item is the Shopify refund.
export const description: INodeProperties[] = [];

export const write: ContractWrite = { idempotencyKeyOption: true };

export async function execute(context: ContractContext): Promise<OperationResult[]> {
	const { fns, client } = context;
	const results: OperationResult[] = [];
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		let mapped;
		try {
			mapped = readShopifyRefund(fns.getInputData()[itemIndex].json);
		} catch (error) {
			results.push(unreadableItem(fns, itemIndex, error));
			continue;
		}
		if (!mapped.ok) {
			results.push(refusedItem(itemIndex, 'The refund cannot be credited', mapped.reasons));
			continue;
		}
		const ref = `shopify:refund:${mapped.refund.refundId}`;
		const orderRef = `shopify:order:${mapped.refund.orderId}`;
		const base = context.keyBase(itemIndex, ref);
		const outcome = await context.perform({
			...context.write(orderRef),
			key: `${base}:create`,
			request: { operation: 'createCreditMemo', refund: mapped.refund },
			send: async (): Promise<SendResult> => {
				let found;
				try {
					found = await read<{ items: Array<{ id: string }> }>(
						fns,
						client,
						`/sales-orders?externalRef=${encodeURIComponent(orderRef)}`,
						itemIndex,
					);
				} catch (error) {
					return { kind: 'not-sent', error: (error as Error).message };
				}
				// The order has not reached the ERP yet: nothing to credit against (a retry may succeed later).
				if (!found.items[0])
					return {
						kind: 'response',
						status: 404,
						body: JSON.stringify({
							title: 'Not found',
							detail: `No sales order for ${orderRef} yet`,
						}),
					};
				return await writeAttempt(
					fns,
					client,
					'POST',
					'/credit-memos',
					creditMemoFor(mapped.refund, found.items[0].id),
					`${base}:create`,
				);
			},
		});
		results.push({ itemIndex, outcome, json: { externalRef: ref, orderRef } });
	}
	return results;
}
