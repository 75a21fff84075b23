/**
 * Decision links: one per approver, signed with the request's own secret (kept in the ledger)
 * over the request, the approver, the execution and the expiry, so a link whose request, approver
 * or expiry was changed no longer verifies, and one approver's link never decides for another.
 * The signed values travel in the URL fragment, which browsers never send to a server or put in a
 * Referer; the decision page posts them back in the form body.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function newSecret(): string {
	return randomBytes(32).toString('base64url');
}

export interface LinkClaim {
	requestId: string;
	/** The approver's key (see approvers.ts). */
	approver: string;
	executionId: string;
	expiresAt: number;
}

export function signLink(secret: string, claim: LinkClaim): string {
	return createHmac('sha256', secret)
		.update(JSON.stringify([claim.requestId, claim.approver, claim.executionId, claim.expiresAt]))
		.digest('base64url');
}

/** The fragment a decision link ends in: `#r=<request>&a=<approver>&e=<expiry>&t=<token>`. */
export function linkFragment(secret: string, claim: LinkClaim): string {
	return `#${new URLSearchParams({ r: claim.requestId, a: claim.approver, e: String(claim.expiresAt), t: signLink(secret, claim) }).toString()}`;
}

export interface PostedLink {
	requestId: string;
	approver: string;
	expiresAt: number;
	token: string;
}

export function postedLink(fields: Record<string, string>): PostedLink {
	return {
		requestId: fields.r ?? '',
		approver: fields.a ?? '',
		expiresAt: Number(fields.e),
		token: fields.t ?? '',
	};
}

export type LinkCheck = 'valid' | 'tampered' | 'expired';

export function checkLink(
	secret: string,
	link: PostedLink,
	stored: { executionId: string; expiresAt: number },
	now: number,
): LinkCheck {
	const expected = Buffer.from(
		signLink(secret, {
			requestId: link.requestId,
			approver: link.approver,
			executionId: stored.executionId,
			expiresAt: link.expiresAt,
		}),
	);
	const given = Buffer.from(link.token);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'tampered';
	if (link.expiresAt !== stored.expiresAt) return 'tampered';
	return now >= stored.expiresAt ? 'expired' : 'valid';
}

/**
 * Chat apps fetch links to draw previews: such requests may see the page but never decide. The
 * Teams desktop client's own user agent carries "Teams" and is a person, so only its preview
 * fetcher (SkypeUriPreview) is matched.
 */
const BOT_AGENTS =
	/bot\b|bot\/|crawler|spider|preview|slack-imgproxy|slackbot|skypeuripreview|facebookexternalhit|whatsapp|telegram|discord|linkedin|embedly|curl\/|wget\//i;

export function isBot(userAgent: string | undefined): boolean {
	return !userAgent || BOT_AGENTS.test(userAgent);
}

/** Signs the node's own "resume if still waiting" call, which no approver link can make. */
export function signResume(secret: string, requestId: string, executionId: string): string {
	return createHmac('sha256', secret)
		.update(JSON.stringify(['resume', requestId, executionId]))
		.digest('base64url');
}

export function checkResume(
	secret: string,
	requestId: string,
	executionId: string,
	token: string,
): boolean {
	const expected = Buffer.from(signResume(secret, requestId, executionId));
	const given = Buffer.from(token);
	return given.length === expected.length && timingSafeEqual(given, expected);
}
