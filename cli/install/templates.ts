/**
 * The templates this package ships, and each one made ready for one n8n and one store: its
 * credential links pointed at the installed credentials, its webhook ids and paths made the
 * store's own, its alert URLs set, and the error workflow named in its settings.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { InstallError } from './settings';
import { shadowNode } from './shadow';

/** The templates ship beside the CLI: `workflows/` in the repository, `dist/workflows/` in the package. */
const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', 'workflows');
export const ERROR_WORKFLOW = 'error-workflow';
/** What the templates' alert URLs say until someone sets them. */
export const ALERT_PLACEHOLDER = 'https://hooks.slack.com/services/REPLACE/WITH/YOURS';

export interface TemplateNode {
	name: string;
	type: string;
	webhookId?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

export interface Template {
	/** The file name without `.json`: what `--templates` names. */
	id: string;
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
}

export function availableTemplates(): string[] {
	return readdirSync(TEMPLATE_DIR)
		.filter((file) => file.endsWith('.json'))
		.map((file) => file.slice(0, -'.json'.length))
		.sort();
}

export function loadTemplate(id: string): Template {
	const json = JSON.parse(readFileSync(path.join(TEMPLATE_DIR, `${id}.json`), 'utf8')) as Omit<
		Template,
		'id'
	>;
	return {
		id,
		name: json.name,
		nodes: json.nodes,
		connections: json.connections,
		settings: json.settings ?? {},
	};
}

/** The templates asked for (all when none are named); an unknown name is refused with the list. */
export function selectTemplates(names: string[]): Template[] {
	const available = availableTemplates();
	const unknown = names.filter((name) => !available.includes(name));
	if (unknown.length)
		throw new InstallError(
			`No template named ${unknown.join(', ')}. Templates: ${available.join(', ')}`,
		);
	return (names.length ? names : available).map(loadTemplate);
}

/** The credential ids a template's nodes link to. */
export function credentialIdsOf(template: Template): string[] {
	return [
		...new Set(
			template.nodes.flatMap((node) =>
				Object.values(node.credentials ?? {}).map((link) => link.id),
			),
		),
	];
}

export function storeWorkflowName(name: string, store: string | undefined): string {
	return store ? `${name} · ${store}` : name;
}

/** The same store, template and node always get the same id: re-installing keeps every URL. */
function stableUuid(...parts: string[]): string {
	const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function replaceDeep(value: unknown, from: string, to: string): unknown {
	if (typeof value === 'string') return value.split(from).join(to);
	if (Array.isArray(value)) return value.map((entry) => replaceDeep(entry, from, to));
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, replaceDeep(entry, from, to)]),
		);
	return value;
}

export interface TemplateTarget {
	store?: string;
	/** Template credential id → the installed credential. */
	credentials: Map<string, { id: string; name: string }>;
	alertUrl?: string;
	errorWorkflowId?: string;
	/** Install to run beside the old integration: writes withheld or switched off (see shadow.ts). */
	shadow?: boolean;
}

function storeNode(node: TemplateNode, template: Template, target: TemplateTarget): TemplateNode {
	const ready: TemplateNode = {
		...node,
		parameters: target.alertUrl
			? (replaceDeep(node.parameters, ALERT_PLACEHOLDER, target.alertUrl) as Record<
					string,
					unknown
				>)
			: node.parameters,
	};
	if (node.credentials) {
		ready.credentials = Object.fromEntries(
			Object.entries(node.credentials).map(([type, link]) => {
				const installed = target.credentials.get(link.id);
				if (!installed)
					throw new InstallError(
						`${template.id}: node "${node.name}" needs the ${type} credential "${link.name}", which this install has not set up`,
					);
				return [type, installed];
			}),
		);
	}
	if (target.store && node.webhookId) {
		ready.webhookId = stableUuid(target.store, template.id, node.name);
		// A fixed path is unique per n8n: the store's copy gets its own.
		ready.parameters = structuredClone(ready.parameters);
		const holder = pathHolder(ready.parameters);
		if (holder) holder.path = `${String(holder.path)}-${target.store}`;
	}
	return ready;
}

/** Where a webhook node keeps its fixed path, if it has one: a Webhook node's `path`, a Form Trigger's `options.path`. */
function pathHolder(parameters: Record<string, unknown>): Record<string, unknown> | undefined {
	const options = parameters.options as Record<string, unknown> | undefined;
	return [parameters, options].find(
		(holder) => typeof holder?.path === 'string' && holder.path !== '',
	);
}

function fixedPathOf(node: TemplateNode): string | undefined {
	return pathHolder(node.parameters)?.path as string | undefined;
}

/** The workflow body n8n's public API takes for a template installed for `target`. */
export function prepareTemplate(
	template: Template,
	target: TemplateTarget,
): {
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
} {
	const settings = { ...template.settings };
	if (target.errorWorkflowId && template.id !== ERROR_WORKFLOW)
		settings.errorWorkflow = target.errorWorkflowId;
	return {
		name: storeWorkflowName(template.name, target.store),
		nodes: template.nodes
			.map((node) => storeNode(node, template, target))
			.map((node) => (target.shadow ? shadowNode(node) : node)),
		connections: template.connections,
		settings,
	};
}

/** The production URLs a workflow's webhook nodes answer on, to print after the install and to probe. */
export function webhookUrls(
	n8nUrl: string,
	nodes: TemplateNode[],
): Array<{ node: string; url: string; source: TemplateNode }> {
	return nodes
		.filter((node) => node.webhookId)
		.map((node) => {
			const fixedPath = fixedPathOf(node);
			// n8n serves forms under /form/, everything else under /webhook/.
			const base = node.type === 'n8n-nodes-base.formTrigger' ? 'form' : 'webhook';
			return {
				node: node.name,
				url: `${n8nUrl}/${base}/${fixedPath ?? `${node.webhookId}/webhook`}`,
				source: node,
			};
		});
}
