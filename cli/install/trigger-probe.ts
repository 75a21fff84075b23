/**
 * Whether a published workflow's triggers took. n8n 2.x publishes in the background and, when a
 * trigger fails to activate (a Shopify Trigger that cannot subscribe, say), still reports the
 * workflow published; its public API does not say which trigger failed. From outside, the
 * difference shows on the trigger's production URL: n8n answers 404 for a webhook it has not
 * registered, while a live Shopify Trigger refuses an unsigned probe (401) and a live Webhook
 * node answers its own way — neither starts an execution for it.
 */
import type { TemplateNode } from './templates';
import { webhookUrls } from './templates';

/** The node types whose production URL n8n registers on publish. */
const PROBED_TYPES: Record<string, (node: TemplateNode) => string> = {
	'n8n-nodes-orderflow.shopifyTrigger': () => 'POST',
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
		const response = await fetch(url, { method, headers: method === 'GET' ? {} : { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}', signal: AbortSignal.timeout(10_000) });
		await response.body?.cancel();
		return String(response.status);
	} catch (error) {
		return `unreachable (${String((error as Error).cause ?? (error as Error).message)})`;
	}
}

/**
 * The triggers of `nodes` whose production URL is still not registered after `timeoutMs`
 * (publication runs in the background, so a 404 is asked again until then).
 */
export async function deadTriggers(webhookBaseUrl: string, nodes: TemplateNode[], timeoutMs = 60_000, pauseMs = 1_000): Promise<DeadTrigger[]> {
	const probed = webhookUrls(webhookBaseUrl, nodes).flatMap((hook) => {
		const node = nodes.find((candidate) => candidate.name === hook.node)!;
		const method = PROBED_TYPES[node.type];
		return method ? [{ ...hook, method: method(node) }] : [];
	});
	const deadline = Date.now() + timeoutMs;
	let dead: DeadTrigger[] = [];
	for (;;) {
		const answers = await Promise.all(probed.map(async (hook) => ({ node: hook.node, url: hook.url, answer: await answerOf(hook.url, hook.method) })));
		dead = answers.filter((probe) => probe.answer === '404' || probe.answer.startsWith('unreachable'));
		if (!dead.length || Date.now() >= deadline) return dead;
		await new Promise((resolve) => setTimeout(resolve, pauseMs));
	}
}
