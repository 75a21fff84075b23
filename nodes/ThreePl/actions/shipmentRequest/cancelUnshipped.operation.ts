/**
 * Cancel Unshipped Units: after a Shopify refund cancelled units that were not shipped yet, the
 * order's shipment requests that consisted only of those units are cancelled (once each); a
 * request the refund only shrinks goes to Failed, named with what changed, for a person to adjust
 * at the warehouse — the contract cancels whole requests only. For a cancelled order every
 * request not shipped yet is cancelled, and one already shipped goes to Failed: recall it.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	cancelledUnitsOf,
	isCancelledOrder,
	planOrderCancellation,
	planUnshippedCancellation,
	type OpenShipmentRequest,
} from '../../../../core/contract/unshipped-cancellation';
import { readPages } from '../../../shared/contract-client';
import {
	unreadableItem,
	type ContractContext,
	type OperationResult,
} from '../../../shared/contract-operation';
import { cancelByReference } from './cancel.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Order Reference',
		name: 'refundOrderRef',
		type: 'string',
		default:
			'={{ "shopify:order:" + String($json.payload?.order_id ?? $json.order_id ?? $json.order?.id ?? $json.payload?.id ?? $json.id).split("/").pop() }}',
		required: true,
		displayOptions: { show: { resource: ['shipmentRequest'], operation: ['cancelUnshipped'] } },
		description:
			'The order whose shipment requests the refund or the cancelled order (the input item) affects',
	},
];

export async function execute(context: ContractContext): Promise<OperationResult[]> {
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
			const outcome = await cancelByReference(context, itemIndex, request.externalRef);
			const result =
				outcome.outcome === 'done'
					? 'cancelled'
					: outcome.outcome === 'failed'
						? `not cancelled: HTTP ${outcome.status} ${outcome.error ?? ''}`.trim()
						: `in doubt: ${'reason' in outcome ? outcome.reason : ''}`;
			cancelled.push({
				externalRef: request.externalRef,
				warehouse: request.warehouse ?? null,
				result,
			});
			if (outcome.outcome === 'failed') route = 'failed';
			else if (outcome.outcome !== 'done' && route === 'done') route = 'inDoubt';
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
