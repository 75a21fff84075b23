import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { IConnections, INode, IPinData, IWorkflowSettings } from 'n8n-workflow';

import { REPO_ROOT } from './node-types';

/** Where the template workflows ship. */
export const TEMPLATES_DIR = path.join(REPO_ROOT, 'workflows');

/** Workflow JSON as n8n exports it and our templates ship it. */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
}

export function readWorkflow(file: string): WorkflowJson {
	const json = JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
	if (!Array.isArray(json.nodes) || typeof json.connections !== 'object') {
		throw new Error(`${file} is not n8n workflow JSON (it needs "nodes" and "connections")`);
	}
	return json;
}

/** The template workflows' file names, sorted. */
export function templateFiles(): string[] {
	return readdirSync(TEMPLATES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort();
}

/** A template by file name (or absolute path). */
export function readTemplate(file: string): WorkflowJson {
	return readWorkflow(path.resolve(TEMPLATES_DIR, file));
}
