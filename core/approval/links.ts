/**
 * Decision links: signed with the request's own secret (kept in the ledger) over the request id,
 * the execution and the expiry, so a link whose id, execution or expiry was changed no longer
 * verifies. Expired links are refused even when their signature is good.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function newSecret(): string {
	return randomBytes(32).toString('base64url');
}

export function signLink(secret: string, requestId: string, executionId: string, expiresAt: number): string {
	return createHmac('sha256', secret).update(`${requestId}.${executionId}.${expiresAt}`).digest('base64url');
}

export type LinkCheck = 'valid' | 'tampered' | 'expired';

export function checkLink(
	secret: string,
	link: { requestId: string; executionId: string; expiresAt: number; token: string },
	stored: { executionId: string; expiresAt: number },
	now: number,
): LinkCheck {
	const expected = Buffer.from(signLink(secret, link.requestId, link.executionId, link.expiresAt));
	const given = Buffer.from(link.token);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'tampered';
	if (link.executionId !== stored.executionId || link.expiresAt !== stored.expiresAt) return 'tampered';
	return now >= stored.expiresAt ? 'expired' : 'valid';
}

/** Chat apps fetch links to draw previews: such requests may see the page but never decide. */
const BOT_AGENTS = /bot\b|bot\/|crawler|spider|preview|slack|skypeuripreview|teams|facebookexternalhit|whatsapp|telegram|discord|linkedin|embedly|curl\/|wget\//i;

export function isBot(userAgent: string | undefined): boolean {
	return !userAgent || BOT_AGENTS.test(userAgent);
}
