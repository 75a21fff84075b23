/** Fields more than one operation of Orderflow Ops shares. */
import type { INodeProperties } from 'n8n-workflow';

export const exceptionId: INodeProperties = {
	displayName: 'Exception',
	name: 'exceptionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'E-12',
	description: 'The exception as alerts and the support page name it (E-12), or its number',
};

export const decidedBy: INodeProperties = {
	displayName: 'By',
	name: 'by',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'ada@example.com',
	description: 'Who is doing this (a name or an e-mail): kept with the change and on the trail',
};

export const note: INodeProperties = {
	displayName: 'Note',
	name: 'note',
	type: 'string',
	required: true,
	default: '',
	typeOptions: { rows: 2 },
	description: 'What was found or done, in words support can read later',
};

export const limit: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
};

export const writeScope: INodeProperties = {
	displayName: 'Scope',
	name: 'scope',
	type: 'string',
	required: true,
	default: 'erp',
	description:
		'The write’s scope as In-Doubt Write → Get Many lists it (erp, 3pl, or an Idempotent Write scope)',
};

export const writeKey: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'key',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'shopify:order:1025:create',
	description: 'The write’s key as In-Doubt Write → Get Many lists it',
};

/** The Thresholds collection the health check and the indicators share: each option a number with its default. */
export function thresholds(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Thresholds',
		name: 'thresholds',
		type: 'collection',
		placeholder: 'Change a Threshold',
		default: {},
		options,
		description:
			'Limits above which an indicator or check is reported as breached; unset ones keep their defaults',
	};
}

export const flowWorkflowId: INodeProperties = {
	displayName: 'Workflow ID',
	name: 'workflowId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 8WzSWMx3bS2Hpsv1',
	description:
		'The flow’s workflow ID, as in its address in n8n (…/workflow/&lt;ID&gt;); for the workflow this node is in, an expression reading its own workflow ID',
	hint: 'The workflow with the flow’s Shopify Trigger or Poll Trigger; for this workflow: {{ $workflow.id }}',
};
