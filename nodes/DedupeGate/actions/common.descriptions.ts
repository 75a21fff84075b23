/** The fields every Dedupe Gate operation reads: which key an item has, and whose keys it is compared with. */
import type { INodeProperties } from 'n8n-workflow';

export const keySource: INodeProperties = {
	displayName: 'Key',
	name: 'keySource',
	description: 'What identifies a delivery or record as the same one again',
	hint: 'In front of a write, key on the order or refund: a replayed webhook can carry a new event ID',
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
};

export const customKey: INodeProperties = {
	displayName: 'Key Value',
	name: 'key',
	type: 'string',
	default: '',
	required: true,
	placeholder: '={{ $json.sku }}',
	displayOptions: { show: { keySource: ['custom'] } },
	description: 'What makes two items the same',
	hint: 'One text or number per item, e.g. {{ $json.sku + "@" + $json.location }}; an empty key is an error',
};

export const entity: INodeProperties = {
	displayName: 'Entity',
	name: 'entity',
	type: 'string',
	default: '',
	placeholder: 'shopify:order:5531',
	description:
		'The record this item is about, for its audit trail. Empty: derived from the key (shopify:order:&lt;ID&gt; for order keys).',
	hint: 'Orderflow Ops → Trail finds the item under this name',
};

export const namespaceScope: INodeProperties = {
	displayName: 'Namespace',
	name: 'namespaceScope',
	description:
		'Whose keys this gate compares with: this workflow’s own, or every workflow that names the same namespace',
	hint: 'Shared keys meet on one ledger only: give every workflow sharing a name the same Ledger credential, or none (the embedded ledger)',
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
};

export const namespaceName: INodeProperties = {
	displayName: 'Namespace Name',
	name: 'namespaceName',
	description:
		'The shared name: the order sync’s webhook, poll and re-sync paths use the same one (e.g. shopify-orders)',
	hint: 'Renaming it starts an empty namespace: every key passes once more',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'shopify-orders',
	displayOptions: { show: { namespaceScope: ['shared'] } },
};

export const keyFields: INodeProperties[] = [
	keySource,
	customKey,
	entity,
	namespaceScope,
	namespaceName,
];
