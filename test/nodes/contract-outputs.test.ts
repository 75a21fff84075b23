import {
	NodeHelpers,
	Workflow,
	type INode,
	type INodeOutputConfiguration,
	type INodeParameters,
} from 'n8n-workflow';

import { Engine } from '../../harness';

let engine: Engine;
beforeAll(async () => (engine = await Engine.start()));

/** The outputs n8n's editor draws for an ERP or 3PL node with these parameters. */
function outputNames(type: string, parameters: INodeParameters): string[] {
	const node: INode = { id: 'n', name: 'Node', type, typeVersion: 1, position: [0, 0], parameters };
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: engine.nodeTypes,
	});
	const { description } = engine.nodeTypes.getByNameAndVersion(type, 1);
	return NodeHelpers.getNodeOutputs(workflow, workflow.getNode('Node')!, description).map(
		(output) => (output as INodeOutputConfiguration).displayName as string,
	);
}

const WRITE = ['Done', 'Failed', 'In Doubt'];
const READ = ['Done', 'Failed'];

describe('ERP and 3PL outputs: writes can end in doubt, reads cannot', () => {
	it.each([
		['erp', {}, WRITE],
		['erp', { resource: 'salesOrder', operation: 'cancel' }, WRITE],
		['erp', { resource: 'creditMemo' }, WRITE],
		['erp', { resource: 'salesOrder', operation: 'get' }, READ],
		['erp', { resource: 'salesOrder', operation: 'getMany' }, READ],
		['erp', { resource: 'creditMemo', operation: 'getMany' }, READ],
		['erp', { resource: 'inventory' }, READ],
		['erp', { resource: 'sku' }, READ],
		['threePl', {}, WRITE],
		['threePl', { resource: 'shipmentRequest', operation: 'cancel' }, WRITE],
		['threePl', { resource: 'shipmentRequest', operation: 'cancelUnshipped' }, WRITE],
		['threePl', { resource: 'shipmentRequest', operation: 'getMany' }, READ],
		['threePl', { resource: 'stock' }, READ],
		['threePl', { resource: 'stock', operation: 'checkAvailability' }, READ],
	])('%s %j → %j', (node, parameters, outputs) => {
		expect(outputNames(`n8n-nodes-orderflow.${node}`, parameters as INodeParameters)).toEqual(
			outputs,
		);
	});
});
