import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FULFILLMENT_ORDER_RELEASE_HOLD_MUTATION } from '../../../../core/shopify/documents/fulfillment-orders';
import { fulfillmentOrderIdField } from '../common.descriptions';
import type { OperationContext } from '../operation';
import { fulfillmentOrderGid, mutate } from './mutation';

export const description = updateDisplayOptions(
	{ show: { resource: ['fulfillmentOrder'], operation: ['releaseHold'] } },
	[fulfillmentOrderIdField()],
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	const payload = await mutate(
		context,
		FULFILLMENT_ORDER_RELEASE_HOLD_MUTATION,
		'fulfillmentOrderReleaseHold',
		{ id: fulfillmentOrderGid(context) },
	);
	return payload.fulfillmentOrder as IDataObject;
}
