/** The fields every mode of Idempotent Write reads: the key a write is known by, and the retry options. */
import type { INodeProperties } from 'n8n-workflow';

import { shadowOption } from '../../shared/shadow';

export const keyFields: INodeProperties[] = [
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'shopify:order:5531:v3',
		description: 'One key per intended write: the entity, the operation and the version it writes',
		hint: 'e.g. shopify:order:{{ $json.id }}:v{{ $json.updated_at }}: a new version writes again, a retry does not',
	},
	{
		displayName: 'Key Scope',
		name: 'scope',
		type: 'string',
		default: 'default',
		description: 'Keys are unique within a scope (for example one per remote system)',
		hint: 'One per remote system, e.g. erp; keys are kept in the Ledger credential’s database, or the embedded ledger when none is set',
	},
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'string',
		default: '',
		placeholder: 'shopify:order:5531',
		description: 'The record the write is about, for its audit trail. Empty: the key.',
		hint: 'Orderflow Ops → Trail finds the write under this name',
	},
];

export const writeOptions: INodeProperties = {
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
			hint: 'Raised to Max Retry Time plus two timeouts when set lower; e.g. PT10M or 10 minutes',
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
			hint: 'e.g. PT2M or 2 minutes; a write still unanswered then is Failed or In Doubt, never Done',
		},
		shadowOption({ show: { '/mode': ['request'] } }),
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'string',
			default: 'PT30S',
			description: 'Per attempt',
			hint: 'e.g. PT30S or 30 seconds; an attempt that timed out may have been applied, so it is retried under the same key',
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
};
