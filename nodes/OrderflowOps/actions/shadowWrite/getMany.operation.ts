import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ShadowWrite } from '../../../../core/ledger';
import { parsedBody } from '../../../shared/json-body';
import { limit } from '../common.descriptions';
import type { OpsContext } from '../operation';
import { filterFields, shadowQuery } from './filter';

const properties: INodeProperties[] = [
	...filterFields,
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: true,
		description: 'Whether to return all results or only up to a given limit',
	},
	{ ...limit, displayOptions: { show: { returnAll: [false] } } },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['shadowWrite'], operation: ['getMany'] } },
	properties,
);

/** One withheld write as the Reconciliation Check's Shadow Run preset reads it. */
export function shadowWriteView(write: ShadowWrite): IDataObject {
	return {
		scope: write.scope,
		key: write.key,
		entity: write.entity,
		method: write.method,
		url: write.url,
		body: parsedBody(write.body) as IDataObject,
		recordedAt: new Date(write.recordedAt).toISOString(),
		workflowId: write.workflowId,
		executionId: write.executionId,
		node: write.node,
	};
}

/** What the shadow run would have sent, oldest first. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const { fns, itemIndex } = context;
	const returnAll = fns.getNodeParameter('returnAll', itemIndex, true) as boolean;
	const query = {
		...shadowQuery(context),
		limit: returnAll ? undefined : Number(fns.getNodeParameter('limit', itemIndex, 50)),
	};
	return (await context.ledger.shadowWrites(query)).map(shadowWriteView);
}
