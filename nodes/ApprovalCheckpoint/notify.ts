/** The notification that carries the decision link, in the shape each channel expects. */
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { PendingItemSummary } from '../../core/approval/page';

export type Channel = 'slack' | 'teams' | 'webhook';

export interface ApprovalNotice {
	title: string;
	url: string;
	requestId: string;
	expiresAt: string;
	quorum: number;
	items: PendingItemSummary[];
}

function lines(notice: ApprovalNotice): string[] {
	return notice.items.map((item) => `• ${item.title}: ${item.rules.map((rule) => rule.reason).join('; ')}`);
}

export function noticeBody(channel: Channel, notice: ApprovalNotice): IDataObject {
	const text = `${notice.title} (${notice.items.length} item${notice.items.length === 1 ? '' : 's'}${notice.quorum > 1 ? `, ${notice.quorum} approvers needed` : ''})`;
	if (channel === 'slack') {
		return {
			text: `${text}: ${notice.url}`,
			blocks: [
				{ type: 'section', text: { type: 'mrkdwn', text: `*${text}*\n${lines(notice).join('\n')}` } },
				{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Review and decide' }, url: notice.url }] },
				{ type: 'context', elements: [{ type: 'mrkdwn', text: `Expires ${notice.expiresAt}` }] },
			],
		};
	}
	if (channel === 'teams') {
		return {
			type: 'message',
			attachments: [
				{
					contentType: 'application/vnd.microsoft.card.adaptive',
					content: {
						type: 'AdaptiveCard',
						version: '1.4',
						body: [
							{ type: 'TextBlock', weight: 'Bolder', text },
							...lines(notice).map((line) => ({ type: 'TextBlock', wrap: true, text: line })),
							{ type: 'TextBlock', isSubtle: true, text: `Expires ${notice.expiresAt}` },
						],
						actions: [{ type: 'Action.OpenUrl', title: 'Review and decide', url: notice.url }],
					},
				},
			],
		};
	}
	return { event: 'approval.requested', ...notice } as unknown as IDataObject;
}

/** Sends the notice; a failure stops the execution with what the channel said (nothing waits unseen). */
export async function sendNotice(fns: IExecuteFunctions, channel: Channel, url: string, notice: ApprovalNotice): Promise<void> {
	try {
		await fns.helpers.httpRequest({ method: 'POST', url, body: noticeBody(channel, notice), json: true, timeout: 15_000 });
	} catch (error) {
		throw new NodeApiError(fns.getNode(), error as JsonObject, {
			message: `The approval notification could not be sent to ${new URL(url).host}`,
			description: 'Check the Webhook URL of the channel. The request was not left waiting: fix the URL and run again.',
		});
	}
}
