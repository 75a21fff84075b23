import path from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { readWorkflow, type WorkflowJson } from '../../harness';

/** Reads a workflow fixture that sits beside the test. */
export function fixture(testDir: string, name: string): WorkflowJson {
	return readWorkflow(path.join(testDir, 'workflows', `${name}.workflow.json`));
}

/** A copy of the workflow with some parameters of one node replaced (e.g. a server URL only known at run time). */
export function withParameters(
	workflow: WorkflowJson,
	nodeName: string,
	parameters: INodeParameters,
): WorkflowJson {
	const copy = structuredClone(workflow);
	const node = copy.nodes.find((candidate) => candidate.name === nodeName);
	if (!node) throw new Error(`Workflow "${workflow.name}" has no node "${nodeName}"`);
	node.parameters = { ...node.parameters, ...parameters };
	return copy;
}
