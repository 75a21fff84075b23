import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Ledger } from '../../../core/ledger';

/** The stored summaries of a check, oldest first, the last `limit` of them. */
export async function execute(fns: IExecuteFunctions, ledger: Ledger): Promise<INodeExecutionData[][]> {
	const checkName = String(fns.getNodeParameter('checkName', 0)).trim() || 'reconciliation';
	const limit = Number(fns.getNodeParameter('limit', 0, 50));
	const trail = await ledger.trail(`reconciliation:${checkName}`);
	const runs = trail.filter((event) => event.event === 'reconcile.run').slice(-limit);
	const summaries = runs.map((event) => ({ json: { ...event.details, executionId: event.executionId, workflowId: event.workflowId } as IDataObject }));
	return [[], [], [], [], summaries];
}
