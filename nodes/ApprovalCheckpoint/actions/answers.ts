/** How the decision page answers: a page under its content security policy, and the refusal of a link that is not valid. */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { CONTENT_SECURITY_POLICY, messagePage } from '../../../core/approval/page';
import { sendPage } from '../../shared/web-page';

export const send = (fns: IWebhookFunctions, status: number, html: string): IWebhookResponseData =>
	sendPage(fns, status, html, CONTENT_SECURITY_POLICY);

export const NOT_VALID = messagePage(
	'Link not valid',
	'This approval link is not valid. Use the link from the notification as it was sent.',
);
export const when = (at: number | null) => new Date(at ?? 0).toISOString();
