/**
 * An execution that failed, as n8n's Error Trigger reports it to the error workflow, becomes an
 * exception (kind errored) on the workflow it belongs to: a repeat at the same node counts on the
 * open one; the health check counts what stays unresolved.
 */
import type { ExceptionRecord, Ledger } from '../ledger/types';
import { adviceFor } from './advice';

export interface FailedExecution {
	workflowId: string;
	workflowName: string;
	executionId: string;
	/** Where n8n shows it. */
	url?: string;
	/** The node it failed at (n8n's lastNodeExecuted). */
	node: string;
	error: string;
	/** What the Error Trigger handed over, kept as the exception's item. */
	item: Record<string, unknown>;
}

export async function recordFailedExecution(
	ledger: Ledger,
	failed: FailedExecution,
	at: number,
): Promise<ExceptionRecord> {
	const [record] = await ledger.recordExceptions([
		{
			kind: 'errored',
			entity: `workflow:${failed.workflowId}`,
			workflowId: failed.workflowId,
			node: failed.node,
			executionId: failed.executionId,
			reason: `Execution ${failed.executionId} of “${failed.workflowName}” failed at ${failed.node}: ${failed.error}`,
			action: adviceFor('errored', { remote: 'n8n', url: failed.url }),
			item: failed.item,
			at,
		},
	]);
	return record;
}
