import type { INodeProperties } from 'n8n-workflow';

import { shadowOption } from '../shared/shadow';

const request = { show: { mode: ['request'] } };

export const properties: INodeProperties[] = [
	{
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
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		description: 'The credential that signs the request; its base URL lets the URL below be a path',
		type: 'options',
		displayOptions: request,
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
		displayOptions: request,
		options: ['POST', 'PUT', 'PATCH', 'DELETE'].map((method) => ({ name: method, value: method })),
		default: 'POST',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		displayOptions: request,
		placeholder: '/sales-orders',
		description:
			"A full URL, or with an Orderflow credential a path below the credential's base URL",
	},
	{
		displayName: 'Body',
		name: 'body',
		description: 'The JSON body to send; part of what the idempotency key stands for',
		type: 'json',
		default: '={{ JSON.stringify($json) }}',
		displayOptions: request,
	},
	{
		displayName: 'Headers',
		name: 'headers',
		type: 'json',
		default: '{}',
		displayOptions: request,
		description: 'Extra headers as a JSON object',
	},
	{
		displayName: 'Idempotency Header',
		name: 'idempotencyHeader',
		type: 'string',
		default: 'Idempotency-Key',
		displayOptions: { show: { mode: ['request'], authentication: ['none'] } },
		description:
			'The header the remote system dedupes writes on; empty if it dedupes nothing (maybe-applied writes are then never resent)',
	},
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'shopify:order:5531:v3',
		description: 'One key per intended write: the entity, the operation and the version it writes',
	},
	{
		displayName: 'Key Scope',
		name: 'scope',
		type: 'string',
		default: 'default',
		description: 'Keys are unique within a scope (for example one per remote system)',
	},
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'string',
		default: '',
		placeholder: 'shopify:order:5531',
		description: 'The record the write is about, for its audit trail. Empty: the key.',
	},
	{
		displayName: 'Request to Guard',
		name: 'payload',
		type: 'json',
		default: '={{ JSON.stringify($json) }}',
		displayOptions: { show: { mode: ['begin'] } },
		description: 'What the guarded write will send: the same key with something else is a conflict',
	},
	{
		displayName: 'Safe to Repeat',
		name: 'repeatable',
		type: 'boolean',
		default: false,
		displayOptions: { show: { mode: ['begin'] } },
		description:
			'Whether the guarded write dedupes by itself, so it may run again when an earlier run stopped without completing',
	},
	{
		displayName: 'Owner',
		name: 'owner',
		type: 'string',
		default: '={{ $json.write?.owner }}',
		displayOptions: { show: { mode: ['complete'] } },
		description: 'The owner Begin gave this write',
	},
	{
		displayName: 'Succeeded',
		name: 'succeeded',
		description:
			'Whether the guarded write succeeded: a success is replayed to later runs with the key, a failure is recorded as failed',
		type: 'boolean',
		default: true,
		displayOptions: { show: { mode: ['complete'] } },
	},
	{
		displayName: 'Result',
		name: 'result',
		type: 'json',
		default: '={{ JSON.stringify($json) }}',
		displayOptions: { show: { mode: ['complete'] } },
		description: 'Stored and replayed to later runs with the same key',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'First Backoff',
				name: 'baseDelay',
				type: 'string',
				default: 'PT0.5S',
				description: 'Backoff ceiling of the first retry; it doubles per attempt (full jitter)',
			},
			{
				displayName: 'Lease',
				name: 'lease',
				type: 'string',
				default: 'PT10M',
				description: 'How long one run owns the key; must outlast its retries',
			},
			{
				displayName: 'Max Attempts',
				name: 'maxAttempts',
				type: 'number',
				default: 8,
				typeOptions: { minValue: 1 },
				description:
					'Attempts per run, the first included, before the write counts as failed (or in doubt)',
			},
			{
				displayName: 'Max Retry Time',
				name: 'maxElapsed',
				type: 'string',
				default: 'PT2M',
				description: 'No new attempt starts after this long',
			},
			shadowOption({ show: { '/mode': ['request'] } }),
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'string',
				default: 'PT30S',
				description: 'Per attempt',
			},
			{
				displayName: 'Wait for a Concurrent Run',
				name: 'wait',
				type: 'string',
				default: 'PT1M',
				description:
					'How long to wait for another run writing the same key before reporting a conflict. A run whose worker died counts as dead after 40 s: wait longer, and its write is taken over instead.',
			},
		],
	},
];
