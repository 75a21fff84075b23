import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Ledger, StoredAuditEvent } from '../../../core/ledger';

/** The stored summaries of a check, oldest first, the last `limit` of them. */
export async function execute(
	fns: IExecuteFunctions,
	ledger: Ledger,
): Promise<INodeExecutionData[][]> {
	const checkName = String(fns.getNodeParameter('checkName', 0)).trim() || 'reconciliation';
	const limit = Number(fns.getNodeParameter('limit', 0, 50));
	const runs: StoredAuditEvent[] = [];
	// The trail comes oldest first, a page at a time: keep the newest `limit` runs.
	for (let afterId = 0; ; ) {
		const page = await ledger.trail(`reconciliation:${checkName}`, { afterId, limit: 1000 });
		runs.push(...page.filter((event) => event.event === 'reconcile.run'));
		if (runs.length > limit) runs.splice(0, runs.length - limit);
		if (page.length < 1000) break;
		afterId = page[page.length - 1].id;
	}
	const summaries = runs.map((event) => ({
		json: {
			...event.details,
			executionId: event.executionId,
			workflowId: event.workflowId,
		} as IDataObject,
	}));
	return [[], [], [], [], summaries];
}
