import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { flowStatus } from '../../../../core/flows/pause';
import { flowWorkflowId } from '../common.descriptions';
import { text, type OpsContext } from '../operation';

export const description = updateDisplayOptions(
	{ show: { resource: ['flow'], operation: ['getStatus'] } },
	[flowWorkflowId],
);

export async function execute(context: OpsContext): Promise<IDataObject[]> {
	return [{ ...(await flowStatus(context.ledger, text(context, 'workflowId'))) }];
}
