/** Sends each approver's notice; the shapes and their escaping live in core/approval/notice. */
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { noticeBody, type ApprovalNotice, type Channel } from '../../core/approval/notice';

/**
 * A failure stops the execution with what the channel said (nothing waits unseen). Redirects are
 * not followed: a notice, with its link, goes only to the URL that was configured.
 */
export async function sendNotice(
	fns: IExecuteFunctions,
	channel: Channel,
	url: string,
	notice: ApprovalNotice,
): Promise<void> {
	try {
		await fns.helpers.httpRequest({
			method: 'POST',
			url,
			body: noticeBody(channel, notice) as IDataObject,
			json: true,
			timeout: 15_000,
			disableFollowRedirect: true,
		});
	} catch (error) {
		const who = notice.to ? ` for ${notice.to.name}` : '';
		throw new NodeApiError(fns.getNode(), error as JsonObject, {
			message: `The approval notification${who} could not be sent to ${new URL(url).host}`,
			description:
				'Check the Webhook URL of the channel (and of the approver). The request was not left waiting: fix the URL and run again.',
		});
	}
}
