/**
 * What a person should do next about an exception, in plain words, by kind: the exception queue
 * stores it beside the reason, so the alert and the support page can say it without an engineer.
 */
import type { ExceptionKind } from '../ledger/types';

export interface AdviceFacts {
	/** The remote, as people call it (the ERP, the 3PL, Shopify). */
	remote: string;
	/** Failed only: a later attempt may succeed without anyone changing anything. */
	retryable?: boolean;
	/** Errored only: where n8n shows the execution. */
	url?: string;
}

export function adviceFor(kind: ExceptionKind, facts: AdviceFacts): string {
	switch (kind) {
		case 'failed':
			return facts.retryable
				? `${facts.remote} kept failing; the next delivery or poll tries again. If it persists, check that ${facts.remote} is up.`
				: `Fix what ${facts.remote} refused (see the reason), then Retry: the next delivery or poll sends it again.`;
		case 'in_doubt':
			return `Check in ${facts.remote} whether it was applied, then resolve the write as Applied (it is kept and replayed) or Not Applied (the next run sends it again).`;
		case 'rejected':
			return 'Rejected by the approver: nothing further happens unless it is decided again.';
		case 'timed_out':
			return 'Nobody decided in time: decide it by hand, or Retry to ask again.';
		case 'abandoned':
			return 'Re-driven several times without finishing: look at its executions, then Retry once the cause is fixed.';
		case 'errored':
			return `Open the execution${facts.url ? ` (${facts.url})` : ''} in n8n to see the error; fix its cause, then retry the execution there. An Orderflow step that failed before it may have its own exception.`;
	}
}
