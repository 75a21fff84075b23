import type { INodeProperties } from 'n8n-workflow';

const claimOnly = { show: { operation: ['checkAndClaim'] } };

export const properties: INodeProperties[] = [
	{
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
	},
	{
		displayName: 'Key',
		name: 'keySource',
		description: 'What identifies a delivery or record as the same one again',
		type: 'options',
		options: [
			{
				name: 'Shopify Webhook Event ID',
				value: 'shopifyEventId',
				description:
					'X-Shopify-Event-ID with the topic: Shopify delivering the same event again. Headers are not signed: a replay with a new ID passes, so key writes on the order or refund.',
			},
			{
				name: 'Shopify Order ID',
				value: 'shopifyOrderId',
				description: 'The order from the signed payload, whatever delivered it (webhook or poll)',
			},
			{
				name: 'Shopify Refund ID',
				value: 'shopifyRefundId',
				description: 'The refund from the signed payload (webhook or poll)',
			},
			{ name: 'Custom Expression', value: 'custom' },
		],
		default: 'shopifyEventId',
	},
	{
		displayName: 'Key Value',
		name: 'key',
		type: 'string',
		default: '',
		required: true,
		placeholder: '={{ $json.sku }}',
		displayOptions: { show: { keySource: ['custom'] } },
		description: 'What makes two items the same',
	},
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'string',
		default: '',
		placeholder: 'shopify:order:5531',
		description:
			'The record this item is about, for its audit trail. Empty: derived from the key (shopify:order:&lt;ID&gt; for order keys).',
	},
	{
		displayName: 'Namespace',
		name: 'namespaceScope',
		description:
			'Whose keys this gate compares with: this workflow’s own, or every workflow that names the same namespace',
		type: 'options',
		options: [
			{
				name: 'This Workflow',
				value: 'workflow',
				description: 'Keys are private to this workflow',
			},
			{
				name: 'Shared (Named)',
				value: 'shared',
				description:
					'Workflows using the same name share keys, e.g. the webhook and the poll workflow',
			},
		],
		default: 'workflow',
	},
	{
		displayName: 'Namespace Name',
		name: 'namespaceName',
		description:
			'The shared name: the order sync’s webhook, poll and re-sync paths use the same one (e.g. shopify-orders)',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'shopify-orders',
		displayOptions: { show: { namespaceScope: ['shared'] } },
	},
	{
		displayName: 'Mode',
		name: 'mode',
		description: 'When a key seen before may pass again',
		type: 'options',
		displayOptions: claimOnly,
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
		displayOptions: { show: { operation: ['checkAndClaim'], mode: ['newerVersionWins'] } },
		description: 'A number or a date that grows with every change, e.g. updated_at',
	},
	{
		displayName: 'Claim Style',
		name: 'claimStyle',
		description:
			'Whether a passing key is settled at once or held until the write it guards is done',
		type: 'options',
		displayOptions: claimOnly,
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
		displayOptions: { show: { operation: ['checkAndClaim'], claimStyle: ['hold'] } },
		description:
			'How long a held key waits for its confirmation (ISO 8601 such as PT15M, or "15 minutes")',
	},
	{
		displayName: 'Retention',
		name: 'retention',
		type: 'string',
		default: 'P30D',
		displayOptions: claimOnly,
		description:
			'How long a key is remembered (ISO 8601 such as P30D, or "30 days"). Expired keys are purged.',
	},
];
