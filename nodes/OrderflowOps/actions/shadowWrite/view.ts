/** A shadow write as Orderflow Ops outputs it. */
import type { IDataObject } from 'n8n-workflow';

import type { ShadowWrite } from '../../../../core/ledger';
import { parsedBody } from '../../../shared/json-body';

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
