/**
 * Where the support desk is, so alerts can link an exception's page: the address an admin sets
 * (ORDERFLOW_SUPPORT_DESK_URL), else the production address the desk last served a page from.
 */
import type { Ledger } from '../ledger/types';

export const DESK_URL_VARIABLE = 'ORDERFLOW_SUPPORT_DESK_URL';
export const DESK_URL_SETTING = 'support-desk-url';

export async function deskUrl(ledger: Ledger, env: NodeJS.ProcessEnv): Promise<string | undefined> {
	const configured = env[DESK_URL_VARIABLE]?.trim();
	return configured || (await ledger.setting(DESK_URL_SETTING));
}

/** The desk's page for one entity (shopify:order:1025). */
export function deskLink(base: string, entity: string): string {
	const url = new URL(base);
	url.searchParams.set('q', entity);
	return url.toString();
}

/** Remembers the desk's production address when it changed (test runs of the workflow do not count). */
export async function rememberDeskUrl(
	ledger: Ledger,
	request: { webhookUrl?: unknown; executionMode?: unknown },
): Promise<void> {
	if (
		request.executionMode !== 'production' ||
		typeof request.webhookUrl !== 'string' ||
		!/^https?:\/\//.test(request.webhookUrl)
	)
		return;
	if ((await ledger.setting(DESK_URL_SETTING)) !== request.webhookUrl)
		await ledger.putSetting(DESK_URL_SETTING, request.webhookUrl);
}
