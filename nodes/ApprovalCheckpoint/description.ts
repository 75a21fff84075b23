import type { INodeProperties } from 'n8n-workflow';

import { approverProperties } from './descriptions/approvers';
import { ruleProperties } from './descriptions/rules';

/** How long the request waits, and where and how it is announced. */
const requestProperties: INodeProperties[] = [
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'string',
		default: '24 hours',
		placeholder: 'PT4H or 4 hours',
		description: 'How long the link stays valid (ISO 8601 or words)',
		hint: 'e.g. PT4H, 4 hours or 2 days; after it the link no longer works and On Timeout decides',
	},
	{
		displayName: 'On Timeout',
		name: 'timeoutPolicy',
		description: 'What happens when nobody decides in time',
		hint: 'Approve lets items through when nobody looked: keep Route to Timed Out or Reject for refunds',
		type: 'options',
		options: [
			{ name: 'Approve', value: 'approve' },
			{ name: 'Reject', value: 'reject' },
			{ name: 'Route to Timed Out', value: 'timedOut' },
		],
		default: 'timedOut',
	},
	{
		displayName: 'Notify Through',
		name: 'channel',
		description: 'Where the request for a decision is posted',
		type: 'options',
		options: [
			{ name: 'Microsoft Teams Webhook', value: 'teams' },
			{
				name: 'JSON Webhook',
				value: 'webhook',
				description: 'POST the request as JSON to any URL',
			},
			{ name: 'Slack Incoming Webhook', value: 'slack' },
		],
		default: 'slack',
	},
	{
		displayName: 'Webhook URL',
		name: 'notifyUrl',
		description: 'The incoming webhook the request goes to',
		hint: 'Approvers with their own Webhook URL are notified there instead of here',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://hooks.slack.com/services/…',
	},
	{
		displayName: 'Title',
		name: 'title',
		description: 'The first line of the request',
		type: 'string',
		default: 'Approval needed',
	},
	{
		displayName: 'Item Summary',
		name: 'summary',
		type: 'string',
		default:
			'={{ $json.payload?.name ?? $json.name ?? $json.payload?.order_id ?? $json.sku ?? "Item" }}',
		description: 'One line per item on the decision page and in the notification',
		hint: 'e.g. {{ $json.name }}: {{ $json.total_price }} {{ $json.currency }}',
	},
];

export const properties: INodeProperties[] = [
	...ruleProperties,
	...approverProperties,
	...requestProperties,
];
