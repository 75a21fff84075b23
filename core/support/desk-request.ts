/**
 * One request to the desk as n8n's Webhook node hands it over (headers, query, body): a GET shows
 * the page, a form POST with an action performs it after checking the page's token, and either
 * way the answer is the page again with what happened. Who acts defaults to the Basic Auth user
 * n8n let in.
 */
import type { Ledger } from '../ledger/types';
import { DeskRefusal, performDeskAction, type DeskForm, type DeskOutcome } from './desk-actions';
import { rememberDeskUrl } from './desk-link';
import { deskPage, type DeskPage } from './desk-page';
import { issueToken, tokenProblem } from './desk-token';
import { deskFindings } from './desk-view';

export interface DeskRequest {
	headers?: Record<string, unknown>;
	query?: Record<string, unknown>;
	body?: unknown;
	/** As n8n's Webhook node gives them: the production address is remembered for alerts' links. */
	webhookUrl?: unknown;
	executionMode?: unknown;
}

export interface DeskAnswer {
	status: number;
	html: string;
	/** The action done, if one was. */
	outcome?: DeskOutcome;
}

/** The ledger's secret for the desk's form tokens. */
export const DESK_SECRET = 'support-desk-token';

const text = (value: unknown) =>
	typeof value === 'string'
		? value
		: Array.isArray(value)
			? String(value[0] ?? '')
			: value === undefined || value === null
				? ''
				: String(value);

/** The user name of a Basic Authorization header (n8n checked the password already). */
export function basicAuthUser(header: unknown): string {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(text(header));
	if (!match) return '';
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	return decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : '';
}

function formOf(body: unknown): DeskForm {
	if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
	if (!body || typeof body !== 'object') return {};
	return Object.fromEntries(
		Object.entries(body as Record<string, unknown>).map(([name, value]) => [name, text(value)]),
	);
}

async function act(
	ledger: Ledger,
	secret: string,
	form: DeskForm & { token?: string },
	now: number,
): Promise<{ status: number; flash: DeskPage['flash']; outcome?: DeskOutcome }> {
	const problem = tokenProblem(secret, form.token ?? '', now);
	if (problem)
		return {
			status: 403,
			flash: {
				kind: 'refused',
				text: `Nothing was changed: ${problem}. The page below is fresh: do it again from here.`,
			},
		};
	try {
		const outcome = await performDeskAction(ledger, form, now);
		return { status: 200, flash: { kind: 'done', text: outcome.message }, outcome };
	} catch (error) {
		if (error instanceof DeskRefusal)
			return { status: 409, flash: { kind: 'refused', text: error.message } };
		throw error;
	}
}

export async function answerDesk(
	ledger: Ledger,
	request: DeskRequest,
	now = Date.now(),
): Promise<DeskAnswer> {
	const secret = await ledger.secret(DESK_SECRET);
	await rememberDeskUrl(ledger, request);
	const form = formOf(request.body) as DeskForm & { token?: string; q?: string };
	const user = basicAuthUser(request.headers?.authorization);
	const page = async (
		query: string,
		by: string,
		status: number,
		flash?: DeskPage['flash'],
		outcome?: DeskOutcome,
	): Promise<DeskAnswer> => ({
		status,
		html: deskPage({
			findings: await deskFindings(ledger, query),
			by,
			token: issueToken(secret, now),
			flash,
			now,
		}),
		...(outcome ? { outcome } : {}),
	});
	if (!form.action) return await page(text(request.query?.q), text(request.query?.by) || user, 200);
	const result = await act(ledger, secret, form, now);
	return await page(form.q ?? '', form.by || user, result.status, result.flash, result.outcome);
}
