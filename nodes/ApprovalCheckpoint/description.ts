import type { INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'multiOptions',
		options: [
			{ name: 'Address Changed After Dispatch', value: 'addressChangedAfterDispatch' },
			{ name: 'Custom Condition', value: 'custom' },
			{ name: 'Inventory Below Safety Stock', value: 'belowSafetyStock' },
			{ name: 'Money Moved (Any Refund, Capture or Transaction)', value: 'moneyMoved' },
			{ name: 'Refund Above Threshold', value: 'refundAbove' },
		],
		default: ['refundAbove'],
		description:
			'An item that fires any rule waits for a decision; items that fire none go straight to Approved',
	},
	{
		displayName: 'Refund Thresholds',
		name: 'refundThresholds',
		type: 'string',
		default: 'EUR 500',
		placeholder: 'EUR 500, USD 550, JPY 80000',
		description:
			'Per currency, held against the money the refund moved (or its lines, tax and shipping, if more); a refund in a currency without a threshold, or whose amount cannot be read, always needs a decision',
		displayOptions: { show: { rules: ['refundAbove'] } },
	},
	{
		displayName: 'Two Approvers Above',
		name: 'secondThresholds',
		type: 'string',
		default: '',
		placeholder: 'EUR 2000',
		description:
			'Refunds above these amounts (or whose amount cannot be read) need two different named approvers',
		displayOptions: { show: { rules: ['refundAbove'] } },
	},
	{
		displayName: 'Current Address',
		name: 'currentAddress',
		description: 'The order’s shipping address now, compared with the address it was dispatched to',
		type: 'json',
		default: '={{ $json.payload?.shipping_address ?? $json.shippingAddress }}',
		displayOptions: { show: { rules: ['addressChangedAfterDispatch'] } },
	},
	{
		displayName: 'Dispatched To',
		name: 'dispatchedAddress',
		type: 'json',
		default: '={{ $json.dispatchedAddress }}',
		description:
			'The address the shipment went to (e.g. from the 3PL shipment request). The order counts as dispatched when Shopify reports it fulfilled or partially fulfilled, or the item has dispatched = true.',
		displayOptions: { show: { rules: ['addressChangedAfterDispatch'] } },
	},
	{
		displayName: 'Available',
		name: 'available',
		description: 'The quantity available now, compared with the safety stock',
		type: 'string',
		default: '={{ $json.available ?? $json.quantities?.available }}',
		displayOptions: { show: { rules: ['belowSafetyStock'] } },
	},
	{
		displayName: 'Safety Stock',
		name: 'safetyStock',
		description: 'The quantity below which a decision is needed',
		type: 'string',
		default: '={{ $json.safetyStock ?? $json.quantities?.safety_stock }}',
		displayOptions: { show: { rules: ['belowSafetyStock'] } },
	},
	{
		displayName: 'Condition',
		name: 'customCondition',
		type: 'boolean',
		default: false,
		description:
			'Whether the item needs a decision; set it with an expression on the item, e.g. its total above 1000',
		displayOptions: { show: { rules: ['custom'] } },
	},
	{
		displayName: 'Condition Reason',
		name: 'customReason',
		type: 'string',
		default: 'custom condition',
		description: 'What the decision page says about items the condition selects',
		displayOptions: { show: { rules: ['custom'] } },
	},
	{
		displayName: 'Who May Decide',
		name: 'approverMode',
		description: 'Named approvers, each with their own signed link, or one link anyone may use',
		type: 'options',
		options: [
			{
				name: 'Named Approvers',
				value: 'named',
				description: 'Each approver gets their own signed link; the decision records who they are',
			},
			{
				name: 'Anyone With the Link (Single Approver)',
				value: 'anyone',
				description:
					'One link; whoever opens it decides and types their name. Only for one approver.',
			},
		],
		default: 'named',
	},
	{
		displayName: 'Approvers',
		name: 'approvers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Approver',
		default: {},
		description:
			'The people who may decide. Each gets their own link, sent only to them; quorum counts people, not names typed in a form.',
		displayOptions: { show: { approverMode: ['named'] } },
		options: [
			{
				displayName: 'Approver',
				name: 'approver',
				values: [
					{
						displayName: 'Approves Up To',
						name: 'upTo',
						type: 'string',
						default: '',
						placeholder: 'EUR 2000, USD 2200',
						description: 'The largest refund they may decide, per currency; empty: any amount',
					},
					{
						displayName: 'Decides On',
						name: 'rules',
						type: 'multiOptions',
						options: [
							{
								name: 'Address Changed After Dispatch',
								value: 'addressChangedAfterDispatch',
							},
							{
								name: 'Custom Condition',
								value: 'custom',
							},
							{
								name: 'Inventory Below Safety Stock',
								value: 'belowSafetyStock',
							},
							{
								name: 'Money Moved',
								value: 'moneyMoved',
							},
							{
								name: 'Refund Above Threshold',
								value: 'refundAbove',
							},
						],
						default: [],
						description: 'The rules this person may decide; none selected: all rules',
					},
					{
						displayName: 'Email or Chat ID',
						name: 'contact',
						type: 'string',
						default: '',
						placeholder: 'grace@example.com or U024BE7LH',
						description:
							'Who they are (one person, listed once); a Slack member ID is mentioned in the Slack message',
					},
					{
						displayName: 'Name',
						name: 'name',
						description: 'Their name, as the decision page and the trail show it',
						type: 'string',
						default: '',
						required: true,
						placeholder: 'Grace Hopper',
					},
					{
						displayName: 'Webhook URL',
						name: 'webhookUrl',
						type: 'string',
						default: '',
						placeholder: 'https://hooks.slack.com/services/…',
						description:
							"Where their notice goes, e.g. a Slack workflow that messages them directly; empty: the channel below. Needed when two approvers must decide, so no one sees another's link.",
					},
				],
			},
		],
	},
	{
		displayName: 'Approvers Needed',
		name: 'quorum',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description:
			'How many different named approvers must approve (one rejection rejects); "Anyone With the Link" allows only 1',
	},
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'string',
		default: '24 hours',
		placeholder: 'PT4H or 4 hours',
		description: 'How long the link stays valid (ISO 8601 or words)',
	},
	{
		displayName: 'On Timeout',
		name: 'timeoutPolicy',
		description: 'What happens when nobody decides in time',
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
	},
];
