/** An exception as Orderflow Ops outputs it: named as people name it, times as ISO, its age. */
import type { IDataObject } from 'n8n-workflow';

import { exceptionName, type ExceptionRecord } from '../../../../core/ledger';

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

export function exceptionView(record: ExceptionRecord, now = Date.now()): IDataObject {
	return {
		exception: exceptionName(record.id),
		kind: record.kind,
		state: record.state,
		entity: record.entity,
		reason: record.reason,
		action: record.action,
		workflowId: record.workflowId,
		node: record.node,
		executionId: record.executionId,
		openedAt: iso(record.openedAt),
		ageHours: Math.round(((record.resolvedAt ?? now) - record.openedAt) / 36_000) / 100,
		timesSeen: record.timesSeen,
		lastSeenAt: iso(record.lastSeenAt),
		acknowledgedBy: record.acknowledgedBy,
		acknowledgedAt: iso(record.acknowledgedAt),
		resolvedBy: record.resolvedBy,
		resolvedAt: iso(record.resolvedAt),
		resolution: record.resolution,
		note: record.note,
		item: record.item as IDataObject,
	};
}
