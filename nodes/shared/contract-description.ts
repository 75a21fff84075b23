/** Description pieces the ERP and 3PL nodes share. */
import type { INodeOutputConfiguration, INodeProperties } from 'n8n-workflow';
import { NodeConnectionTypes, updateDisplayOptions } from 'n8n-workflow';

import { shadowOption } from './shadow';

const outputs = (names: string[]): INodeOutputConfiguration[] =>
	names.map((displayName) => ({ type: NodeConnectionTypes.Main, displayName }));

/**
 * The outputs of an ERP or 3PL node: a write ends Done, Failed or In Doubt; a read cannot be in
 * doubt, so it shows Done and Failed only (an In Doubt output that never fires invites people
 * to wire it up, or to wonder why they did not). n8n leaves a parameter out while it holds its
 * default, so the expression fills in the resource's and its operation's defaults.
 */
export function contractOutputs(properties: INodeProperties[], writes: string[]): `={{${string}}}` {
	const resourceDefault = properties.find((property) => property.name === 'resource')!.default;
	const operationDefaults = Object.fromEntries(
		properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) =>
				((property.displayOptions?.show?.resource ?? []) as string[]).map((resource) => [
					resource,
					property.default,
				]),
			),
	);
	const resource = `($parameter.resource === undefined ? ${JSON.stringify(resourceDefault)} : $parameter.resource)`;
	const operation = `($parameter.operation === undefined ? ${JSON.stringify(operationDefaults)}[${resource}] : $parameter.operation)`;
	return `={{ ${JSON.stringify(writes)}.includes(${resource} + ":" + ${operation}) ? ${JSON.stringify(outputs(['Done', 'Failed', 'In Doubt']))} : ${JSON.stringify(outputs(['Done', 'Failed']))} }}`;
}

/**
 * The Options of a resource's writes: the Shadow switch on every write, the Idempotency Key on
 * the writes keyed by their item (`keyed`).
 */
export function writeOptions(resource: string, writes: string[], keyed: string[]): INodeProperties {
	const idempotencyKey: INodeProperties = {
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		description:
			'Replaces the source reference in the keys of this write (&lt;key&gt;:create, &lt;key&gt;:update:&lt;version&gt;, &lt;key&gt;:cancel)',
		hint: 'Leave empty: each write is keyed by its source reference, so a retry or a redelivery never writes twice. An override must differ per item (an expression over the item): items under one key are written once.',
	};
	return updateDisplayOptions({ show: { resource: [resource], operation: writes } }, [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				keyed.length === writes.length
					? idempotencyKey
					: { ...idempotencyKey, displayOptions: { show: { '/operation': keyed } } },
				shadowOption(),
			],
		},
	])[0];
}

/** The SKU filter of the ERP's inventory and the 3PL's stock. */
export const skuFilter: INodeProperties = {
	displayName: 'SKU',
	name: 'sku',
	type: 'string',
	default: '',
	description: 'Empty: every SKU',
	hint: 'One SKU, matched exactly as the system stores it (case and dashes count)',
};
