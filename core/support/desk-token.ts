/**
 * The desk's form token: a person's browser sends the desk's credentials to any page that posts
 * to it, so every action also carries a token only the desk's own page holds (an HMAC with a
 * secret kept in the ledger over when it was issued). Cross-site forms cannot read it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A page stays usable for a working day. */
export const TOKEN_LIFETIME_MS = 12 * 3_600_000;

const mac = (secret: string, issuedAt: number) =>
	createHmac('sha256', secret).update(`orderflow-desk:${issuedAt}`).digest('base64url');

export function issueToken(secret: string, now: number): string {
	return `${now}.${mac(secret, now)}`;
}

/** Why a token is refused, or undefined when it is good. */
export function tokenProblem(secret: string, token: string, now: number): string | undefined {
	const [issued, signature = ''] = token.split('.');
	const issuedAt = Number(issued);
	if (!/^\d+$/.test(issued ?? '') || !Number.isSafeInteger(issuedAt))
		return 'the form carries no valid token';
	const expected = Buffer.from(mac(secret, issuedAt));
	const given = Buffer.from(signature);
	if (given.length !== expected.length || !timingSafeEqual(given, expected))
		return 'the form carries no valid token';
	if (now - issuedAt > TOKEN_LIFETIME_MS || issuedAt > now + 60_000) return 'the page is too old';
	return undefined;
}
