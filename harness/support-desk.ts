/**
 * The support desk template as a person's browser uses it, through the engine: GET the page
 * (signed in with the desk's Basic Auth login), and post an action's form with the token of the
 * page last served. For tests and the go-live run.
 */
import type { Engine, WebhookCall } from './engine';
import { readTemplate } from './workflow-json';

export const DESK_PATH = 'support-desk';

export interface DeskClient {
	get(query?: Record<string, string>): Promise<WebhookCall>;
	/** Posts a form of the page last served (its token is added unless the fields carry one). */
	post(fields: Record<string, string>): Promise<WebhookCall>;
}

export const tokenOf = (html: string): string =>
	/name="token" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Adds the desk's login to the engine's credentials and returns a client of the template. */
export function supportDesk(
	engine: Engine,
	login = { user: 'support@example.com', password: 'desk-password' },
): DeskClient {
	engine.credentials.set('Support Desk Login', { type: 'httpBasicAuth', data: login });
	const desk = readTemplate('support-desk.json');
	const authorization = `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}`;
	let lastPage = '';
	const remember = (call: WebhookCall) => ((lastPage = call.response.body), call);
	return {
		get: async (query = {}) =>
			remember(
				await engine.webhook(desk, {
					method: 'GET',
					path: DESK_PATH,
					query,
					headers: { authorization },
				}),
			),
		post: async (fields) => {
			const body = new URLSearchParams({ token: tokenOf(lastPage), ...fields }).toString();
			return remember(
				await engine.webhook(desk, {
					method: 'POST',
					path: DESK_PATH,
					headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
					rawBody: body,
				}),
			);
		},
	};
}
