/** Description pieces the ERP and 3PL nodes share. */
import type { INodeOutputConfiguration, INodeProperties } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

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

/** Options of a contract write: the idempotency key base (the source reference unless set), and shadow runs. */
export function idempotencyKeyOption(writeOperations: string[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: writeOperations } },
		options: [
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description:
					'Replaces the source reference in the keys of this write (&lt;key&gt;:create, &lt;key&gt;:update:&lt;version&gt;, &lt;key&gt;:cancel)',
			},
			shadowOption(),
		],
	};
}
