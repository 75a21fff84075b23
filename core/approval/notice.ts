/**
 * The notification that carries one approver's decision link, in the shape each channel expects.
 * Every text that can come from a customer or a shop (titles, item summaries, rule reasons,
 * names) is escaped for the target's markup, so an address like `<https://evil|Review> <!channel>`
 * stays text and never becomes a link or a mention.
 */
import type { PendingItemSummary } from './page';

export type Channel = 'slack' | 'teams' | 'webhook';

export interface ApprovalNotice {
	title: string;
	url: string;
	requestId: string;
	expiresAt: string;
	quorum: number;
	items: PendingItemSummary[];
	/** Who this link is for; null for an "anyone with the link" request. */
	to: { name: string; contact: string | null } | null;
}

/** Slack mrkdwn: `&`, `<` and `>` are the control characters (links, mentions, commands). */
export function slackText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Teams (Adaptive Card markdown): backslash-escape the characters that start markup. */
export function teamsText(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+\-.!|~<>]/g, (char) => `\\${char}`);
}

const SLACK_MEMBER = /^[UW][A-Z0-9]{6,}$/;

function headline(notice: ApprovalNotice): string {
	const count = `${notice.items.length} item${notice.items.length === 1 ? '' : 's'}`;
	return `${notice.title} (${count}${notice.quorum > 1 ? `, ${notice.quorum} approvers needed` : ''})`;
}

const lines = (notice: ApprovalNotice, escape: (text: string) => string) =>
	notice.items.map(
		(item) =>
			`• ${escape(item.title)}: ${item.rules.map((rule) => escape(rule.reason)).join('; ')}`,
	);

function addressee(notice: ApprovalNotice, escape: (text: string) => string): string {
	if (!notice.to) return 'Anyone with this link may decide.';
	const mention =
		notice.to.contact && SLACK_MEMBER.test(notice.to.contact) && escape === slackText
			? `<@${notice.to.contact}> `
			: '';
	return `${mention}For ${escape(notice.to.name)} only: this link decides as you.`;
}

function slackBody(notice: ApprovalNotice): Record<string, unknown> {
	const head = slackText(headline(notice));
	return {
		text: `${head}: ${slackText(notice.url)}`,
		blocks: [
			{
				type: 'section',
				text: {
					type: 'mrkdwn',
					text: `*${head}*\n${addressee(notice, slackText)}\n${lines(notice, slackText).join('\n')}`,
				},
			},
			{
				type: 'actions',
				elements: [
					{
						type: 'button',
						text: { type: 'plain_text', text: 'Review and decide' },
						url: notice.url,
					},
				],
			},
			{ type: 'context', elements: [{ type: 'mrkdwn', text: `Expires ${notice.expiresAt}` }] },
		],
	};
}

function teamsBody(notice: ApprovalNotice): Record<string, unknown> {
	const body = [
		{ type: 'TextBlock', weight: 'Bolder', wrap: true, text: teamsText(headline(notice)) },
		{ type: 'TextBlock', wrap: true, text: addressee(notice, teamsText) },
		...lines(notice, teamsText).map((line) => ({ type: 'TextBlock', wrap: true, text: line })),
		{ type: 'TextBlock', isSubtle: true, text: `Expires ${notice.expiresAt}` },
	];
	return {
		type: 'message',
		attachments: [
			{
				contentType: 'application/vnd.microsoft.card.adaptive',
				content: {
					type: 'AdaptiveCard',
					version: '1.4',
					body,
					actions: [{ type: 'Action.OpenUrl', title: 'Review and decide', url: notice.url }],
				},
			},
		],
	};
}

export function noticeBody(channel: Channel, notice: ApprovalNotice): Record<string, unknown> {
	if (channel === 'slack') return slackBody(notice);
	if (channel === 'teams') return teamsBody(notice);
	// JSON receivers (mailers, DM bots) get the raw values and escape for their own format.
	return { event: 'approval.requested', ...notice };
}
