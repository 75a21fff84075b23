/**
 * The one definition builder of the ERP and 3PL nodes: each node lists its resources, each
 * resource its operation menu, the fields its operations share and its operations; the node's
 * parameters, outputs, writes and router all follow from those maps, so an operation is
 * registered once.
 */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contractOutputs, writeOptions } from './contract-description';
import { contractRouter, type Operation } from './contract-operation';

/** How an operation that writes takes its idempotency keys. */
export interface ContractWrite {
	/**
	 * Whether the Idempotency Key option applies: true for one write per item (its key base is the
	 * item's reference, which the option replaces); false when an item makes several writes, each
	 * keyed by its own record (one override would merge them into one key).
	 */
	idempotencyKeyOption: boolean;
}

/** One `<op>.operation.ts` module: its fields, what it does, and, for a write, how it is keyed. */
export interface ContractOperation {
	description: INodeProperties[];
	execute: Operation;
	/** Present on writes only: they can end In Doubt and take the Options (Shadow). */
	write?: ContractWrite;
}

/** A resource of an ERP or 3PL node, as its `<Resource>.resource.ts` builds it. */
export interface ContractResource {
	value: string;
	operations: Record<string, ContractOperation>;
	/** The operation menu, the fields several operations share, and each operation's fields. */
	description: INodeProperties[];
	/** The Options collection of the resource's writes (empty when it has none): it goes last. */
	options: INodeProperties[];
}

/**
 * A resource: its operation menu (the property without display options; they are added here),
 * the fields its operations share, then every operation's fields in menu order. Each menu entry
 * must name an operation of the map and each operation must have an entry.
 */
export function contractResource<Operations extends Record<string, ContractOperation>>(resource: {
	value: string;
	operations: Operations;
	menu: INodeProperties & { default: keyof Operations & string };
	sharedFields?: INodeProperties[];
}): ContractResource {
	const { value, operations, menu } = resource;
	const listed = menuValues(`The ${value} menu`, menu, Object.keys(operations), 'operations');
	const writes = listed.filter((operation) => operations[operation].write);
	const keyed = writes.filter((operation) => operations[operation].write!.idempotencyKeyOption);
	return {
		value,
		operations,
		description: [
			...updateDisplayOptions({ show: { resource: [value] } }, [menu]),
			...(resource.sharedFields ?? []),
			...listed.flatMap((operation) => operations[operation].description),
		],
		options: writes.length ? [writeOptions(value, writes, keyed)] : [],
	};
}

/** The values of a menu, which must be exactly `names` (a menu entry without code, or code without an entry, is a bug). */
function menuValues(
	menuName: string,
	menu: INodeProperties,
	names: string[],
	what: string,
): string[] {
	const listed = (menu.options ?? []).map((option) => String((option as { value: unknown }).value));
	if (listed.length !== names.length || !names.every((name) => listed.includes(name)))
		throw new Error(
			`${menuName} (${listed.join(', ')}) and its ${what} (${names.join(', ')}) differ`,
		);
	return listed;
}

/** The `resource:operation` names of a node's writes: only they can end in doubt. */
function writesOf(resources: ContractResource[]): string[] {
	return resources.flatMap((resource) =>
		Object.entries(resource.operations)
			.filter(([, operation]) => operation.write)
			.map(([operation]) => `${resource.value}:${operation}`),
	);
}

/**
 * An ERP or 3PL node from its Resource menu and its resources: the menu, each resource's fields,
 * the Options collections last; the outputs a write or a read has; the writes; and the router
 * that runs the chosen operation against the node's contract credential.
 */
export function contractNode(node: {
	credentialType: string;
	/** The item field an outcome is written to, and the ledger scope of its writes (`erp`, `3pl`). */
	scope: string;
	resourceMenu: INodeProperties;
	resources: ContractResource[];
}) {
	const { resourceMenu, resources } = node;
	menuValues(
		'The Resource menu',
		resourceMenu,
		resources.map((resource) => resource.value),
		'resources',
	);
	const properties: INodeProperties[] = [
		resourceMenu,
		...resources.flatMap((resource) => resource.description),
		// Options last, below the fields of the operation, as in n8n's own nodes.
		...resources.flatMap((resource) => resource.options),
	];
	const writes = writesOf(resources);
	const operations = (write: boolean) =>
		Object.fromEntries(
			resources.flatMap((resource) =>
				Object.entries(resource.operations)
					.filter(([, operation]) => Boolean(operation.write) === write)
					.map(([name, operation]) => [`${resource.value}:${name}`, operation.execute]),
			),
		);
	return {
		properties,
		outputs: contractOutputs(properties, writes),
		writes,
		router: contractRouter(node.credentialType, node.scope, {
			writes: operations(true),
			reads: operations(false),
		}),
	};
}
