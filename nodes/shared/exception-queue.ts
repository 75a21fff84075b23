/**
 * Every Failed, In Doubt, Rejected and Timed Out item of an Orderflow node lands in the ledger's
 * exception queue by itself, whether or not the workflow's alert gets through; a success for the
 * same entity at the same node resolves what was unresolved. The item's outcome field gains
 * `exception` (E-12) for the alert.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, Logger } from 'n8n-workflow';

import { adviceFor } from '../../core/exceptions/advice';
import { deskLink, deskUrl } from '../../core/support/desk-link';
import {
	exceptionName,
	type ExceptionKind,
	type Ledger,
	type NewException,
} from '../../core/ledger';
import { actor } from './ledger';

export interface QueuedOutputs {
	outputs: INodeExecutionData[][];
	/** Output index → the kind its items are, for the outputs that are exceptions. */
	kinds: Partial<Record<number, ExceptionKind>>;
	/** The output whose items resolve what is unresolved for their entity. */
	success?: number;
	/** The field the node writes its outcome to (erp, 3pl, write, approval). */
	field: string;
	remote: string;
	entityOf: (item: INodeExecutionData) => string | undefined;
	/** The reason in plain words; default: the outcome's error, reasons or reason. */
	reasonOf?: (outcome: IDataObject) => string;
}

/** Who the exceptions are recorded for, and where a ledger failure is said. */
export interface QueueingNode {
	workflowId: string;
	node: string;
	executionId: string | null;
	logger: Pick<Logger, 'warn'>;
}

function outcomeReason(outcome: IDataObject): string {
	const reasons = outcome.reasons as string[] | undefined;
	return String(
		outcome.error ??
			(reasons?.length ? reasons.join('; ') : undefined) ??
			outcome.reason ??
			'see the execution',
	);
}

function exceptionsOf(
	queued: QueuedOutputs,
	who: QueueingNode,
	at: number,
): Array<{ item: INodeExecutionData; exception: NewException }> {
	const { workflowId, node, executionId } = who;
	return Object.entries(queued.kinds).flatMap(([index, kind]) =>
		queued.outputs[Number(index)].flatMap((item) => {
			const entity = queued.entityOf(item);
			if (!entity) return [];
			const outcome = (item.json[queued.field] ?? {}) as IDataObject;
			const reason = (queued.reasonOf ?? outcomeReason)(outcome);
			const action = adviceFor(kind!, {
				remote: queued.remote,
				retryable: outcome.retryable === true,
			});
			return [
				{
					item,
					exception: {
						kind: kind!,
						entity,
						workflowId,
						node,
						executionId,
						reason,
						action,
						item: item.json,
						at,
					},
				},
			];
		}),
	);
}

/** Records the exceptions and resolutions of one run's outputs; a ledger failure is logged, the items still route. */
export async function queueOutputs(
	ledger: Ledger,
	queued: QueuedOutputs,
	who: QueueingNode,
): Promise<void> {
	const at = Date.now();
	const opened = exceptionsOf(queued, who, at);
	const resolvedEntities =
		queued.success === undefined
			? []
			: [
					...new Set(
						queued.outputs[queued.success]
							.map(queued.entityOf)
							.filter((entity): entity is string => !!entity),
					),
				];
	try {
		const records = await ledger.recordExceptions(opened.map((entry) => entry.exception));
		const desk = records.length > 0 ? await deskUrl(ledger, process.env) : undefined;
		records.forEach((record, index) => {
			const json = opened[index].item.json;
			// The alert names the exception and, once the support desk is known, links its page.
			json[queued.field] = {
				...((json[queued.field] as IDataObject) ?? {}),
				exception: exceptionName(record.id),
				...(desk ? { desk: deskLink(desk, record.entity) } : {}),
			};
		});
		await ledger.resolveExceptionsOf(
			{
				workflowId: who.workflowId,
				node: who.node,
				entities: resolvedEntities,
				executionId: who.executionId,
			},
			at,
		);
	} catch (error) {
		who.logger.warn(
			`Orderflow could not record ${opened.length} exception(s) in the ledger (the items still went to their outputs): ${(error as Error).message}`,
		);
	}
}

/** queueOutputs for a node's execute(): the node and execution it runs as. */
export async function queueExceptions(
	fns: IExecuteFunctions,
	ledger: Ledger,
	queued: QueuedOutputs,
): Promise<void> {
	await queueOutputs(ledger, queued, { ...actor(fns), logger: fns.logger });
}
