/** Pages a node serves from its own webhook (the approval decision page, the support desk): how they are sent and how their forms are read. */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** Sends an HTML page that is never cached, never framed and never leaks its URL; n8n sends nothing more. */
export function sendPage(
	fns: IWebhookFunctions,
	status: number,
	html: string,
	contentSecurityPolicy: string,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	const response = fns.getResponseObject();
	response.status(status);
	response.setHeader('content-type', 'text/html; charset=utf-8');
	response.setHeader('cache-control', 'no-store');
	response.setHeader('referrer-policy', 'no-referrer');
	response.setHeader('x-content-type-options', 'nosniff');
	response.setHeader('content-security-policy', contentSecurityPolicy);
	for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
	response.send(html);
	return { noWebhookResponse: true };
}

/** A form post's fields, however n8n's body parser left them (parsed, a string, or only the raw body). */
export function formFields(fns: IWebhookFunctions): Record<string, string> {
	const body = fns.getBodyData() as unknown;
	if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
	if (body && typeof body === 'object' && Object.keys(body).length)
		return Object.fromEntries(
			Object.entries(body as IDataObject).map(([key, value]) => [key, String(value ?? '')]),
		);
	const raw = (fns.getRequestObject() as { rawBody?: Buffer }).rawBody?.toString('utf8');
	return raw ? Object.fromEntries(new URLSearchParams(raw)) : {};
}
