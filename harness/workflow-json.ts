import { readFileSync } from 'node:fs';

import type { IConnections, INode, IPinData, IWorkflowSettings } from 'n8n-workflow';

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
