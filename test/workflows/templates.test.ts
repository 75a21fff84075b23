import { NodeHelpers, Workflow, type INode, type INodeOutputConfiguration } from 'n8n-workflow';

import { Engine, readTemplate, templateFiles, type WorkflowJson } from '../../harness';

/** Outputs that carry what went wrong: each must lead someone to hear of it. */
const FAILURE_OUTPUTS = ['Failed', 'In Doubt', 'Rejected', 'Timed Out', 'Error'];
const CREDENTIAL_NAMES = ['Shopify Admin API', 'ERP', 'In-house WMS', '3PL', 'Support Desk Login'];

let engine: Engine;
beforeAll(async () => (engine = await Engine.start()));

/** The output names n8n's editor shows for a node of the workflow (with the Error output "On Error: Continue (using error output)" adds). */
function outputsOf(workflow: Workflow, node: INode): string[] {
	const { description } = engine.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	return NodeHelpers.getNodeOutputs(workflow, node, description).map((output, index) =>
		typeof output === 'string'
			? (description.outputNames?.[index] ?? `output ${index}`)
			: ((output as INodeOutputConfiguration).displayName ??
				description.outputNames?.[index] ??
				`output ${index}`),
	);
}

/** The nodes reachable from one output of a node, through the workflow's connections. */
function reachableFrom(json: WorkflowJson, node: string, output: number): INode[] {
	const seen = new Set<string>();
	const queue = (json.connections[node]?.main?.[output] ?? []).map((connection) => connection.node);
	while (queue.length > 0) {
		const next = queue.shift()!;
		if (seen.has(next)) continue;
		seen.add(next);
		for (const targets of json.connections[next]?.main ?? [])
			queue.push(...(targets ?? []).map((connection) => connection.node));
	}
	return json.nodes.filter((candidate) => seen.has(candidate.name));
}

/** An alert; (on a page a person uses) the answer that person reads; or, for an alert that could not be sent, the exception queue. */
const notifies = (node: INode) =>
	!node.disabled &&
	(['n8n-nodes-base.httpRequest', 'n8n-nodes-base.respondToWebhook'].includes(node.type) ||
		(node.type === 'n8n-nodes-orderflow.orderflowOps' &&
			node.parameters.operation === 'recordAlertFailure'));

describe.each(templateFiles())('template %s', (file) => {
	const json = readTemplate(file);
	const working = json.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');

	it('uses only Orderflow and n8n-nodes-base nodes that n8n’s engine knows', () => {
		for (const node of working) {
			expect(node.type).toMatch(/^n8n-nodes-(orderflow|base)\./);
			expect(() => engine.nodeTypes.getByNameAndVersion(node.type, node.typeVersion)).not.toThrow();
		}
	});

	it('references credentials by the names the README tells people to create, with types the nodes accept', () => {
		for (const node of working) {
			const accepted =
				engine.nodeTypes
					.getByNameAndVersion(node.type, node.typeVersion)
					.description.credentials?.map((credential) => credential.name) ?? [];
			for (const [type, reference] of Object.entries(node.credentials ?? {})) {
				expect({ node: node.name, type, accepted: accepted.includes(type) }).toEqual({
					node: node.name,
					type,
					accepted: true,
				});
				expect(CREDENTIAL_NAMES).toContain(reference.name);
			}
		}
	});

	it('retries every alert, and records one that still cannot be sent: each alert node’s Error output leads to Record Alert Failure', () => {
		const alerts = working.filter((node) => node.type === 'n8n-nodes-base.httpRequest');
		expect(
			alerts
				.filter((node) => !(node.retryOnFail === true && Number(node.maxTries) >= 3))
				.map((node) => node.name),
		).toEqual([]);
		const unrecorded = alerts.filter(
			(node) =>
				node.onError !== 'continueErrorOutput' ||
				!reachableFrom(json, node.name, 1).some(
					(next) => next.parameters.operation === 'recordAlertFailure',
				),
		);
		expect(unrecorded.map((node) => node.name)).toEqual([]);
	});

	it('says how to make the error workflow its Error Workflow, so a failed execution becomes an exception', () => {
		const notes = json.nodes
			.filter((node) => node.type === 'n8n-nodes-base.stickyNote')
			.map((node) => String(node.parameters.content));
		expect(
			file === 'error-workflow.json' ||
				notes.some(
					(note) => note.includes('Error Workflow') && note.includes('error-workflow.json'),
				),
		).toBe(true);
	});

	it('explains itself in sticky notes', () => {
		expect(
			json.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').length,
		).toBeGreaterThanOrEqual(2);
	});

	it('ends every failure output in a message to someone, never in nothing', () => {
		const workflow = new Workflow({
			nodes: json.nodes,
			connections: json.connections,
			active: false,
			nodeTypes: engine.nodeTypes,
		});
		const failureExits = working.flatMap((node) =>
			outputsOf(workflow, workflow.getNode(node.name)!)
				.map((name, index) => ({ node: node.name, output: name, index }))
				.filter((exit) => FAILURE_OUTPUTS.includes(exit.output)),
		);
		expect(failureExits.length).toBeGreaterThan(0);
		const unheard = failureExits
			.filter((exit) => !reachableFrom(json, exit.node, exit.index).some(notifies))
			.map((exit) => `${exit.node} → ${exit.output}`);
		expect(unheard).toEqual([]);
	});
});
