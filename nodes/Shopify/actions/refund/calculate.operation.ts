import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { suggestRefund } from '../../../../core/shopify/refunds';
import type { OperationContext } from '../operation';
import { refundFields, refundRequest } from './request';

export const description = updateDisplayOptions(
	{ show: { resource: ['refund'], operation: ['calculate'] } },
	refundFields,
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	return (await suggestRefund(context.client, refundRequest(context))) as IDataObject;
}
