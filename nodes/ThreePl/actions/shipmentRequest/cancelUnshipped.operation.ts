/**
 * Cancel Unshipped Units: after a Shopify refund cancelled units that were not shipped yet, the
 * order's shipment requests that consisted only of those units are cancelled (once each); a
 * request the refund only shrinks goes to Failed, named with what changed, for a person to adjust
 * at the warehouse — the contract cancels whole requests only. For a cancelled order every
 * request not shipped yet is cancelled, and one already shipped goes to Failed: recall it.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	cancelledUnitsOf,
	isCancelledOrder,
	planOrderCancellation,
	planUnshippedCancellation,
	type OpenShipmentRequest,
} from '../../../../core/contract/unshipped-cancellation';
import type { WriteOutcome } from '../../../../core/idempotency';
import { readPages } from '../../../shared/contract-client';
import type { ContractWrite } from '../../../shared/contract-node';
import {
	unreadableItem,
	type ContractContext,
	type OperationResult,
} from '../../../shared/contract-operation';
import { cancelByReference } from './cancel.operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Order Reference',
		name: 'refundOrderRef',
		type: 'string',
		default:
			'={{ "shopify:order:" + String($json.payload?.order_id ?? $json.order_id ?? $json.order?.id ?? $json.payload?.id ?? $json.id).split("/").pop() }}',
		required: true,
		description:
			'The order whose shipment requests the refund or the cancelled order (the input item) affects',
		hint: 'A request holding only units the refund cancelled is cancelled; one it only shrinks goes to Failed, to adjust at the warehouse (the contract cancels whole requests). For a cancelled order, every unshipped request is cancelled and a shipped one goes to Failed: recall it.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['shipmentRequest'], operation: ['cancelUnshipped'] } },
	properties,
);

/** Each cancel is keyed by its own request's reference: one Idempotency Key would merge them. */
export const write: ContractWrite = { idempotencyKeyOption: false };

/** What became of one cancel, as the item reports it; and the output it sends the item to. */
function cancelResult(outcome: WriteOutcome): { result: string; route: OperationResult['route'] } {
	switch (outcome.outcome) {
		case 'done':
			return { result: 'cancelled', route: 'done' };
		case 'shadow':
			return { result: 'recorded, not sent (shadow run)', route: 'done' };
		case 'failed':
			return {
				result: `not cancelled: HTTP ${outcome.status} ${outcome.error ?? ''}`.trim(),
				route: 'failed',
			};
		default:
			return { result: `in doubt: ${outcome.reason}`, route: 'inDoubt' };
	}
}

export async function execute(keyedContext: ContractContext): Promise<OperationResult[]> {
	// Every cancel under its request's own key, whatever an Idempotency Key option says.
	const context: ContractContext = { ...keyedContext, keyBase: (_, reference) => reference };
	const { fns, client } = context;
	const results: OperationResult[] = [];
	for (let itemIndex = 0; itemIndex < fns.getInputData().length; itemIndex++) {
		const item = fns.getInputData()[itemIndex].json;
		const orderCancelled = isCancelledOrder(item);
		let units;
		try {
			units = orderCancelled ? [] : cancelledUnitsOf(item);
		} catch (error) {
			results.push(unreadableItem(fns, itemIndex, error));
			continue;
		}
		if (!orderCancelled && units.length === 0) {
			results.push({
				itemIndex,
				route: 'done',
				json: { cancelled: [], note: 'the refund cancelled no unshipped units' },
			});
			continue;
		}
		const orderRef = String(fns.getNodeParameter('refundOrderRef', itemIndex) ?? '').trim();
		if (!orderRef || /:(undefined|null)?$/.test(orderRef)) {
			throw new NodeOperationError(fns.getNode(), `"${orderRef}" does not name an order`, {
				itemIndex,
				description:
					'Feed this operation a Shopify refund or a cancelled order (webhook, trigger or Shopify node item), or set Order Reference, e.g. shopify:order:5531.',
			});
		}
		const requests = await readPages<OpenShipmentRequest>(
			fns,
			client,
			'/shipment-requests',
			{ orderRef },
			itemIndex,
		);
		const plan = orderCancelled
			? planOrderCancellation(requests)
			: planUnshippedCancellation(requests, units);
		const cancelled: IDataObject[] = [];
		let route: OperationResult['route'] = 'done';
		for (const request of plan.cancel) {
			const outcome = cancelResult(
				await cancelByReference(context, itemIndex, request.externalRef),
			);
			cancelled.push({
				externalRef: request.externalRef,
				warehouse: request.warehouse ?? null,
				result: outcome.result,
			});
			if (outcome.route === 'failed') route = 'failed';
			else if (outcome.route === 'inDoubt' && route === 'done') route = 'inDoubt';
		}
		const adjust = plan.adjust.map(({ request, changes, shipped }) => ({
			externalRef: request.externalRef,
			warehouse: request.warehouse ?? null,
			status: request.status,
			changes: changes
				.map((change) => `${change.sku}: ${change.cancelled} of ${change.requested} cancelled`)
				.join(', '),
			shipped: shipped ?? false,
		}));
		if (adjust.length) route = 'failed';
		const reasons = adjust.map((entry) =>
			entry.shipped
				? `${entry.externalRef} is ${entry.status.replace('_', ' ')} although the order was cancelled: recall the parcel or expect a return`
				: `${entry.externalRef} still asks for units the refund cancelled (${entry.changes}): adjust it at the warehouse`,
		);
		results.push({
			itemIndex,
			route,
			json: { orderRef, cancelled, adjust, ...(reasons.length ? { reasons } : {}) } as IDataObject,
		});
	}
	return results;
}
