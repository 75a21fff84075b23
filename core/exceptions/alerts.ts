/**
 * An alert that could not be sent (a template still pointing at its placeholder Slack URL, a
 * revoked webhook) must not be the end of the story: the exception it was about says so on its
 * trail; an alert about something that was no exception yet becomes one, holding what it was to say.
 */
import { exceptionName, exceptionNumber, type Ledger } from '../ledger/types';

export interface FailedAlert {
	/** What the alert was to carry: the item as it reached the alert node. */
	item: Record<string, unknown>;
	alertNode: string;
	workflowId: string;
	executionId: string | null;
	/** What the item is about, when known (shopify:order:1025); else the workflow is. */
	entity?: string;
	error: string;
	at: number;
}

/** The exception the alert names (`exception: "E-12"` on the item or on one of its outcome fields). */
export function namedException(item: Record<string, unknown>): number | undefined {
	const candidates = [
		item.exception,
		...Object.values(item).map((value) =>
			value && typeof value === 'object' ? (value as Record<string, unknown>).exception : undefined,
		),
	];
	return candidates
		.map((value) => (typeof value === 'string' ? exceptionNumber(value) : undefined))
		.find((id) => id !== undefined);
}

/** Records each failed alert; returns the exception each is now on the trail of, or was opened as. */
export async function recordFailedAlerts(
	ledger: Ledger,
	alerts: FailedAlert[],
): Promise<Array<{ exception: string; opened: boolean }>> {
	const results: Array<{ exception: string; opened: boolean }> = [];
	for (const alert of alerts) {
		const named = namedException(alert.item);
		const existing = named === undefined ? undefined : await ledger.getException(named);
		if (existing) {
			const details = {
				exception: exceptionName(existing.id),
				node: alert.alertNode,
				error: alert.error,
			};
			await ledger.appendAudit([
				{
					entity: existing.entity,
					event: 'exception.alert-failed',
					decision: 'not-sent',
					workflowId: alert.workflowId,
					executionId: alert.executionId ?? undefined,
					node: alert.alertNode,
					at: alert.at,
					details,
				},
			]);
			results.push({ exception: exceptionName(existing.id), opened: false });
			continue;
		}
		const [opened] = await ledger.recordExceptions([
			{
				kind: 'failed',
				entity: alert.entity ?? `workflow:${alert.workflowId}`,
				workflowId: alert.workflowId,
				node: alert.alertNode,
				executionId: alert.executionId,
				reason: `The alert could not be sent: ${alert.error}`,
				action: `Fix the URL or credential of "${alert.alertNode}" (a template comes with a placeholder); what the alert was to say is this exception's item.`,
				item: alert.item,
				at: alert.at,
			},
		]);
		results.push({ exception: exceptionName(opened.id), opened: true });
	}
	return results;
}
