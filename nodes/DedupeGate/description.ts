import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { keyFields } from './actions/common.descriptions';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Check & Claim',
			value: 'checkAndClaim',
			description:
				'Pass items seen for the first time (or in a newer version) to New, the rest to Duplicate',
			action: 'Check and claim keys',
		},
		{
			name: 'Confirm',
			value: 'confirm',
			description: 'Settle keys held until confirmed, once the work they guard succeeded',
			action: 'Confirm held keys',
		},
		{
			name: 'Forget',
			value: 'forget',
			description: 'Delete keys on purpose, so the items are processed again',
			action: 'Forget keys',
		},
		{
			name: 'Inspect',
			value: 'inspect',
			description: 'Show what the ledger knows about each key',
			action: 'Inspect keys',
		},
		{
			name: 'Release',
			value: 'release',
			description: 'Give held keys back so a retry can pass them again',
			action: 'Release held keys',
		},
	],
	default: 'checkAndClaim',
};

/** What only Check & Claim reads: when a key seen before passes again, and how long a claim is held and kept. */
const claimFields = updateDisplayOptions({ show: { operation: ['checkAndClaim'] } }, [
	{
		displayName: 'Mode',
		name: 'mode',
		description: 'When a key seen before may pass again',
		hint: 'First Seen Wins for creates; Newer Version Wins for updates, such as order edits',
		type: 'options',
		options: [
			{ name: 'First Seen Wins', value: 'firstSeenWins', description: 'A key passes once' },
			{
				name: 'Newer Version Wins',
				value: 'newerVersionWins',
				description:
					'A key passes again when its version is newer; equal or older versions are stale',
			},
		],
		default: 'firstSeenWins',
	},
	{
		displayName: 'Version',
		name: 'version',
		type: 'string',
		default:
			'={{ $json.payload?.updated_at ?? $json.body?.updated_at ?? $json.updated_at ?? $json.updatedAt }}',
		displayOptions: { show: { mode: ['newerVersionWins'] } },
		description: 'A number or a date that grows with every change, e.g. updated_at',
		hint: 'Must read as a number or a date (updated_at, a counter); anything else is an error',
	},
	{
		displayName: 'Claim Style',
		name: 'claimStyle',
		description:
			'Whether a passing key is settled at once or held until the write it guards is done',
		hint: 'Hold when a Confirm or an Idempotent Write follows: the keys of a run that dies pass again when the lease ends',
		type: 'options',
		options: [
			{
				name: 'Commit on Pass',
				value: 'commit',
				description: 'A key is settled as soon as an item passes',
			},
			{
				name: 'Hold Until Confirmed',
				value: 'hold',
				description:
					'A key is held under a lease until Confirm (or an Idempotent Write) settles it; if the run fails, a retry passes once the lease ends',
			},
		],
		default: 'commit',
	},
	{
		displayName: 'Lease',
		name: 'lease',
		type: 'string',
		default: 'PT15M',
		displayOptions: { show: { claimStyle: ['hold'] } },
		description:
			'How long a held key waits for its confirmation (ISO 8601 such as PT15M, or "15 minutes")',
		hint: 'Longer than the slowest run from here to Confirm; a shorter lease lets a retry pass while the first run still writes',
	},
	{
		displayName: 'Retention',
		name: 'retention',
		type: 'string',
		default: 'P30D',
		description:
			'How long a key is remembered (ISO 8601 such as P30D, or "30 days"). Expired keys are purged.',
		hint: 'Longer than any redelivery, poll look-back or re-sync you expect: a purged key passes again',
	},
]);

/** What only Confirm reads: the version the flow's own write left the entity at. */
const confirmFields = updateDisplayOptions({ show: { operation: ['confirm'] } }, [
	{
		displayName: 'Own Write Version',
		name: 'ownWriteVersion',
		type: 'string',
		default: '',
		placeholder: 'e.g. the updatedAt an Add Tags returned',
		description:
			"The version your own write to the source left the entity at, such as the order's updatedAt returned by Add Tags. An event carrying exactly this version is the echo of that write: Check & Claim skips it, and a Shopify Trigger set to skip processed versions answers it without starting an execution.",
		hint: 'Leave empty when the write changed nothing at the source (the tag was already there): an empty value records no echo',
	},
]);

export const properties: INodeProperties[] = [
	operation,
	...keyFields,
	...claimFields,
	...confirmFields,
];
