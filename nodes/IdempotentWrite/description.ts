import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { keyFields, writeOptions } from './actions/common.descriptions';

const mode: INodeProperties = {
	displayName: 'Mode',
	name: 'mode',
	description:
		'Send the write from this node, or guard a write another node sends (Begin before it, Complete after it)',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Send Request',
			value: 'request',
			description: 'Perform an HTTP write under the idempotency key',
		},
		{
			name: 'Begin',
			value: 'begin',
			description: 'Guard a write another node performs: proceed only if it has not happened yet',
		},
		{
			name: 'Complete',
			value: 'complete',
			description: 'Record the outcome of a write begun with Begin',
		},
	],
	default: 'request',
};

/** Send Request: the write this node sends. */
const requestFields = updateDisplayOptions({ show: { mode: ['request'] } }, [
	{
		displayName: 'Authentication',
		name: 'authentication',
		description: 'The credential that signs the request; its base URL lets the URL below be a path',
		hint: 'With an Orderflow credential the idempotency header is the one set on the credential; Idempotency Header below is only for None',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Orderflow 3PL API', value: 'orderflowThreePlApi' },
			{ name: 'Orderflow ERP API', value: 'orderflowErpApi' },
			{
				name: 'Orderflow HTTP API (Any System)',
				value: 'orderflowHttpApi',
				description:
					'Bearer, basic, API-key header or OAuth2 client credentials for any other system',
			},
		],
		default: 'none',
	},
	{
		displayName: 'Method',
		name: 'method',
		description: 'The HTTP method of the write',
		type: 'options',
		options: ['POST', 'PUT', 'PATCH', 'DELETE'].map((method) => ({ name: method, value: method })),
		default: 'POST',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/sales-orders',
		description:
			"A full URL, or with an Orderflow credential a path below the credential's base URL",
	},
	{
		displayName: 'Body',
		name: 'body',
		description: 'The JSON body to send; part of what the idempotency key stands for',
		hint: 'A retry with the same key but another body is refused as a conflict, never sent',
		type: 'json',
		default: '={{ JSON.stringify($json) }}',
	},
	{
		displayName: 'Headers',
		name: 'headers',
		type: 'json',
		default: '{}',
		description: 'Extra headers as a JSON object',
	},
	{
		displayName: 'Idempotency Header',
		name: 'idempotencyHeader',
		type: 'string',
		default: 'Idempotency-Key',
		displayOptions: { show: { authentication: ['none'] } },
		description:
			'The header the remote system dedupes writes on; empty if it dedupes nothing (maybe-applied writes are then never resent)',
	},
]);

/** Begin: what the write another node sends will carry, and whether it may run twice. */
const beginFields = updateDisplayOptions({ show: { mode: ['begin'] } }, [
	{
		displayName: 'Request to Guard',
		name: 'payload',
		type: 'json',
		default: '={{ JSON.stringify($json) }}',
		description: 'What the guarded write will send: the same key with something else is a conflict',
		hint: 'Give the body the guarded node sends, as an expression on the same item',
	},
	{
		displayName: 'Safe to Repeat',
		name: 'repeatable',
		type: 'boolean',
		default: false,
		description:
			'Whether the guarded write dedupes by itself, so it may run again when an earlier run stopped without completing',
		hint: 'Leave off unless the remote dedupes by itself: a write that may have happened then goes to In Doubt, not out again',
	},
]);

/** Complete: the outcome of the write begun with Begin. */
const completeFields = updateDisplayOptions({ show: { mode: ['complete'] } }, [
	{
		displayName: 'Owner',
		name: 'owner',
		type: 'string',
		default: '={{ $json.write?.owner }}',
		description: 'The owner Begin gave this write',
		hint: 'Keep the default: Begin puts the owner on the item as write.owner',
	},
	{
		displayName: 'Succeeded',
		name: 'succeeded',
		description:
			'Whether the guarded write succeeded: a success is replayed to later runs with the key, a failure is recorded as failed',
		hint: 'Off on a Complete behind the guarded node’s error output: the key is kept as failed, and later runs with it get that failure back',
		type: 'boolean',
		default: true,
	},
	{
		displayName: 'Result',
		name: 'result',
		type: 'json',
		default: '={{ JSON.stringify($json) }}',
		description: 'Stored and replayed to later runs with the same key',
	},
]);

export const properties: INodeProperties[] = [
	mode,
	...requestFields,
	...keyFields,
	...beginFields,
	...completeFields,
	writeOptions,
];
