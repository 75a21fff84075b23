/** Who may decide: named approvers (each with their own link) or anyone with one link, and how many must approve. */
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { RULE_OPTIONS } from './rules';

const approverMode: INodeProperties = {
	displayName: 'Who May Decide',
	name: 'approverMode',
	description: 'Named approvers, each with their own signed link, or one link anyone may use',
	hint: 'For refunds choose Named Approvers: the trail then says who decided, not a name someone typed',
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
};

const namedApprovers = updateDisplayOptions({ show: { approverMode: ['named'] } }, [
	{
		displayName: 'Approvers',
		name: 'approvers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Approver',
		default: {},
		description:
			'The people who may decide. Each gets their own link, sent only to them; quorum counts people, not names typed in a form.',
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
						hint: 'Same form as Refund Thresholds, e.g. EUR 2000, USD 2200; a currency not listed is outside their limit',
					},
					{
						displayName: 'Decides On',
						name: 'rules',
						type: 'multiOptions',
						options: RULE_OPTIONS,
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
]);

const quorum: INodeProperties = {
	displayName: 'Approvers Needed',
	name: 'quorum',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1,
	description:
		'How many different named approvers must approve (one rejection rejects); "Anyone With the Link" allows only 1',
	hint: 'Refunds above Two Approvers Above need at least 2, whatever this says',
};

export const approverProperties: INodeProperties[] = [approverMode, ...namedApprovers, quorum];
