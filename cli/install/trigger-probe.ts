/**
 * Whether a published workflow's triggers took. n8n 2.x publishes in the background and, when a
 * trigger fails to activate (a Shopify Trigger that cannot subscribe, say), still reports the
 * workflow published; its public API does not say which trigger failed. From outside, the
 * difference shows on the trigger's production URL: n8n answers 404 for a webhook it has not
 * registered, while a live Shopify Trigger refuses an unsigned probe (401), a live form shows its
 * page (or asks for its login) and a live Webhook node answers its own way — none starts an
 * execution for it.
 */
import type { TemplateNode } from './templates';
import { webhookUrls } from './templates';

/** The node types whose production URL n8n registers on publish. */
const PROBED_TYPES: Record<string, (node: TemplateNode) => string> = {
	'n8n-nodes-orderflow.shopifyTrigger': () => 'POST',
	// A form answers GET with its page (or 401 behind its login).
	'n8n-nodes-base.formTrigger': () => 'GET',
	'n8n-nodes-base.webhook': (node) => {
		const method = node.parameters.httpMethod;
		return String((Array.isArray(method) ? method[0] : method) ?? 'GET');
	},
};

export interface DeadTrigger {
	node: string;
	url: string;
	/** What the last probe saw: an HTTP status or why n8n could not be asked. */
	answer: string;
}

async function answerOf(url: string, method: string): Promise<string> {
	try {
		const response = await fetch(url, {
			method,
			headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
			body: method === 'GET' ? undefined : '{}',
			signal: AbortSignal.timeout(10_000),
		});
		await response.body?.cancel();
		return String(response.status);
	} catch (error) {
		return `unreachable (${String((error as Error).cause ?? (error as Error).message)})`;
	}
}

/**
 * The triggers of `nodes` that are not live. n8n stores a trigger's route before it runs the
 * trigger's activation (a Shopify Trigger subscribing) and, when that fails, clears it and tries
 * again with backoff for about 15 s: so a trigger counts as live only once its URL has answered
 * (not 404) on every probe for `steadyMs`; one still 404 when `timeoutMs` is up is dead.
 */
export async function deadTriggers(
	webhookBaseUrl: string,
	nodes: TemplateNode[],
	options: { timeoutMs?: number; steadyMs?: number; pauseMs?: number } = {},
): Promise<DeadTrigger[]> {
	const { timeoutMs = 90_000, steadyMs = 20_000, pauseMs = 1_000 } = options;
	const probed = webhookUrls(webhookBaseUrl, nodes).flatMap(({ node, url, source }) => {
		const method = PROBED_TYPES[source.type];
		return method
			? [
					{
						node,
						url,
						method: method(source),
						answer: '',
						liveSince: undefined as number | undefined,
					},
				]
			: [];
	});
	const started = Date.now();
	for (;;) {
		await Promise.all(
			probed.map(async (hook) => {
				hook.answer = await answerOf(hook.url, hook.method);
				const live = hook.answer !== '404' && !hook.answer.startsWith('unreachable');
				hook.liveSince = live ? (hook.liveSince ?? Date.now()) : undefined;
			}),
		);
		const now = Date.now();
		const steady = (hook: (typeof probed)[number]) =>
			hook.liveSince !== undefined && now - hook.liveSince >= steadyMs;
		if (probed.every(steady) || now - started >= timeoutMs) {
			// At the deadline a trigger that answered lately but not steadily (404 in between) is not live either.
			return probed
				.filter((hook) => !steady(hook))
				.map(({ node, url, answer, liveSince }) => ({
					node,
					url,
					answer: liveSince === undefined ? answer : `${answer} lately, 404 before: not steady`,
				}));
		}
		await new Promise((resolve) => setTimeout(resolve, pauseMs));
	}
}
