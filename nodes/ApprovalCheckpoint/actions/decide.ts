/**
 * The decision page behind each approver's link. A GET is answered with a neutral shell (link
 * previews see nothing); the shell posts the link's signed values (`action=view`) and gets the
 * request; the form posts them back with the decision (`action=decide`), which only a person's
 * browser may make. The approver is the one the link was signed for, never a typed name.
 * n8n calls this only while the execution waits, so a settled or timed-out request seen here was
 * never acted on: it is resumed now with what the ledger holds.
 */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { decisionPage, messagePage, shellPage } from '../../../core/approval/page';
import type { Ledger } from '../../../core/ledger';
import { formFields } from '../../shared/web-page';
import { send } from './answers';
import { recordDecision } from './decision';
import { resolveLink, resume, type Deciding } from './link';
import { payloadOf } from './outcome';
import { settledAnswer } from './settled';

/** The decision form for the approver the link was signed for (or a name field, for Anyone With the Link). */
function view(fns: IWebhookFunctions, { state, link, approver }: Deciding): IWebhookResponseData {
	const payload = payloadOf(state.request);
	const form = {
		action: fns.getRequestObject().url ?? '',
		link: { r: link.requestId, a: link.approver, e: String(link.expiresAt), t: link.token },
		approverName: approver?.name ?? null,
	};
	return send(fns, 200, decisionPage(state.request, state.decisions, payload.summaries, form));
}

export async function webhook(
	fns: IWebhookFunctions,
	ledger: Ledger,
): Promise<IWebhookResponseData> {
	if (fns.getRequestObject().method.toUpperCase() !== 'POST')
		return send(fns, 200, shellPage(fns.getRequestObject().url ?? ''));
	try {
		return await answer(fns, ledger, formFields(fns));
	} catch (error) {
		// Decision, verdict and trail commit together: a failure leaves nothing half-written to retry over.
		fns.logger.error(
			`Approval Checkpoint: the ledger failed on a decision page request: ${(error as Error).message}`,
		);
		return send(
			fns,
			503,
			messagePage(
				'Not recorded',
				'The decision could not be recorded just now, and nothing was decided. Try again in a minute with the same link.',
			),
		);
	}
}

async function answer(
	fns: IWebhookFunctions,
	ledger: Ledger,
	fields: Record<string, string>,
): Promise<IWebhookResponseData> {
	if (fields.action === 'resume') return await resume(fns, ledger, fields);
	const resolved = await resolveLink(fns, ledger, fields);
	if (!('state' in resolved)) return resolved;
	if (resolved.state.request.status !== 'pending')
		return await settledAnswer(
			fns,
			ledger,
			resolved.state.request,
			resolved.state.decisions,
			fields.action === 'decide' ? 409 : 200,
		);
	return fields.action === 'decide'
		? await recordDecision(fns, ledger, fields, resolved)
		: view(fns, resolved);
}
