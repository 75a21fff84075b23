/**
 * One layout for every node with resources, derived from the files themselves: each folder
 * `actions/<resource>/` holds one `<Resource>.resource.ts` and one `<op>.operation.ts` per
 * operation; the resource's map runs exactly those files, its menu offers exactly them, each
 * exports a description and an execute, and the node's Resource picker offers exactly the folders.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

const NODES = path.resolve(__dirname, '../../nodes');

/** A module found on disk at run time (what the test derives the layout from). */
function load<T = Record<string, unknown>>(file: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the files are discovered at run time
	return require(file) as T;
}

interface OperationModule {
	description?: unknown;
	execute?: unknown;
}

interface ResourceShape {
	operations: Record<string, OperationModule>;
	description: INodeProperties[];
}

interface ResourceFolder {
	value: string;
	folder: string;
	resourceFile: string;
	operationFiles: string[];
}

function resourceFoldersOf(node: string): ResourceFolder[] {
	const actions = path.join(NODES, node, 'actions');
	return readdirSync(actions)
		.filter((name) => statSync(path.join(actions, name)).isDirectory())
		.map((value) => {
			const folder = path.join(actions, value);
			const files = readdirSync(folder);
			const resourceFiles = files.filter((file) => file.endsWith('.resource.ts'));
			if (resourceFiles.length !== 1)
				throw new Error(`${node}/actions/${value} has ${resourceFiles.length} resource files`);
			return {
				value,
				folder,
				resourceFile: resourceFiles[0],
				operationFiles: files.filter((file) => file.endsWith('.operation.ts')),
			};
		});
}

/** The nodes whose `actions/` folder holds resource folders (every `<Resource>.resource.ts`). */
const resourceNodes = readdirSync(NODES).filter((node) => {
	const actions = path.join(NODES, node, 'actions');
	if (!existsSync(actions)) return false;
	return readdirSync(actions).some((name) => {
		const folder = path.join(actions, name);
		return (
			statSync(folder).isDirectory() &&
			readdirSync(folder).some((file) => file.endsWith('.resource.ts'))
		);
	});
});

/** A resource module exports its map and fields, either directly or as one named resource. */
function resourceOf(module: Record<string, unknown>): ResourceShape {
	if ('operations' in module) return module as unknown as ResourceShape;
	const shapes = Object.values(module).filter(
		(value): value is ResourceShape =>
			typeof value === 'object' && value !== null && 'operations' in value,
	);
	if (shapes.length !== 1) throw new Error('a resource module exports one resource');
	return shapes[0];
}

function nodeType(node: string): INodeType {
	const module = load<Record<string, new () => INodeType>>(
		path.join(NODES, node, `${node}.node.ts`),
	);
	return new module[node]();
}

const values = (property?: INodeProperties) =>
	((property?.options ?? []) as INodePropertyOptions[]).map((option) => String(option.value));

describe('every node with resources follows one layout', () => {
	it('finds the resource nodes', () => {
		expect(resourceNodes.sort()).toEqual(['Erp', 'OrderflowOps', 'Shopify', 'ThreePl']);
	});

	describe.each(resourceNodes)('%s', (node) => {
		const folders = resourceFoldersOf(node);

		it('offers exactly its resource folders in the Resource picker', () => {
			const picker = nodeType(node).description.properties.find(
				(property) => property.name === 'resource',
			);
			expect(values(picker).sort()).toEqual(folders.map((folder) => folder.value).sort());
		});

		it.each(folders.map((folder) => [folder.value, folder] as const))(
			'%s: its map runs exactly its operation files, each with a description and an execute',
			(_value, folder) => {
				const resource = resourceOf(load(path.join(folder.folder, folder.resourceFile)));
				const files = folder.operationFiles.map((file) => file.replace(/\.operation\.ts$/, ''));
				expect(Object.keys(resource.operations).sort()).toEqual(files.sort());
				for (const file of files) {
					const operation = load<OperationModule>(path.join(folder.folder, `${file}.operation.ts`));
					expect(resource.operations[file]).toBe(operation);
					expect(Array.isArray(operation.description)).toBe(true);
					expect(typeof operation.execute).toBe('function');
				}
			},
		);

		it.each(folders.map((folder) => [folder.value, folder] as const))(
			'%s: its menu offers exactly the operations of its map',
			(value, folder) => {
				const resource = resourceOf(load(path.join(folder.folder, folder.resourceFile)));
				const menu = resource.description.find((property) => property.name === 'operation');
				expect(menu?.displayOptions?.show?.resource).toEqual([value]);
				expect(values(menu).sort()).toEqual(Object.keys(resource.operations).sort());
			},
		);
	});
});
