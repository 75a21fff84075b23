import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { healthChanges } from '../../../../core/health/changes';
import {
	checkHealth,
	DEFAULT_THRESHOLDS,
	type HealthCheck,
	type HealthThresholds,
} from '../../../../core/health/checks';
import { splitList } from '../../../../core/lists';
import { thresholds } from '../common.descriptions';
import type { OpsContext } from '../operation';
import { remoteChecks } from './remote';

const properties: INodeProperties[] = [
	{
		displayName: 'Report',
		name: 'report',
		description: 'Every check, or only the breached ones',
		type: 'options',
		options: [
			{ name: 'All Checks', value: 'all', description: 'One item per check, ok or breached' },
			{ name: 'Breaches', value: 'breaches', description: 'Only the checks that are breached now' },
			{
				name: 'Changes',
				value: 'changes',
				description:
					'A breach once when it begins and once when it ends (for alerts every few minutes)',
			},
		],
		default: 'all',
	},
	{
		displayName: 'Repair Subscriptions',
		name: 'repairSubscriptions',
		type: 'boolean',
		default: false,
		description:
			'Whether to re-create the webhook subscriptions Shopify no longer has for a published trigger (needs the Shopify credential on this node)',
		hint: 'Only adds subscriptions that are missing; off, the check just reports them',
	},
	{
		displayName:
			'Attach the Shopify, ERP and 3PL credentials your flows use to also check that each answers (a revoked token is named) and that Shopify still has the webhook subscriptions of every published Orderflow Shopify Trigger of that shop.',
		name: 'credentialsNotice',
		type: 'notice',
		default: '',
	},
	thresholds([
		{
			displayName: 'Approval Wait (Hours)',
			name: 'approvalWaitHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 4,
			description: 'Approval requests pending longer than this count against Max Waiting Approvals',
		},
		{
			displayName: 'Exception Age (Hours)',
			name: 'exceptionAgeHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 24,
			description: 'Unresolved exceptions older than this count against Max Aged Exceptions',
		},
		{
			displayName: 'Max Aged Exceptions',
			name: 'maxAgedExceptions',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'How many unresolved exceptions older than Exception Age may wait',
		},
		{
			displayName: 'Max Errored Executions',
			name: 'maxErroredExecutions',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'How many failed executions (recorded by the error workflow) may stay unresolved',
		},
		{
			displayName: 'Max In-Doubt Writes',
			name: 'maxInDoubtWrites',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'How many writes may wait in doubt',
		},
		{
			displayName: 'Max Stuck Claims',
			name: 'maxStuckClaims',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'How many dedupe claims may be held past their lease',
		},
		{
			displayName: 'Max Unsettled Deliveries',
			name: 'maxUnsettledDeliveries',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'How many webhook deliveries may stay unsettled longer than Unsettled After',
		},
		{
			displayName: 'Max Waiting Approvals',
			name: 'maxWaitingApprovals',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'How many approval requests may wait longer than Approval Wait',
		},
		{
			displayName: 'Min Free Disk (MB)',
			name: 'minFreeDiskMb',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1024,
			description: 'Room the embedded ledger’s disk must keep',
		},
		{
			displayName: 'Paused Longer Than (Hours)',
			name: 'pausedHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 4,
			description:
				'A flow paused (Orderflow Ops → Flow → Pause) for longer than this is breached: a pause somebody forgot to end',
		},
		{
			displayName: 'Poll Intervals',
			name: 'pollIntervals',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 2,
			description: 'A poll is stale after this many of its intervals without a successful poll',
		},
		{
			displayName: 'Skip Workflows',
			name: 'skipWorkflows',
			type: 'string',
			default: '',
			placeholder: 'wf1, wf2',
			description:
				'Workflow IDs whose triggers are not checked (unpublished for good), comma-separated',
		},
		{
			displayName: 'Sweep Intervals',
			name: 'sweepIntervals',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 3,
			description: 'A Redelivery Trigger is stale after this many of its intervals without a sweep',
		},
		{
			displayName: 'Unsettled After (Minutes)',
			name: 'unsettledMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 15,
			description:
				'Deliveries unsettled for longer than this count against Max Unsettled Deliveries',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['health'], operation: ['check'] } },
	properties,
);

/** One item per check (or per breach, or per change): status ok or breached, the value, the threshold, what to do. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const { fns, itemIndex } = context;
	const given = fns.getNodeParameter('thresholds', itemIndex, {}) as IDataObject;
	const thresholds: HealthThresholds = {
		...DEFAULT_THRESHOLDS,
		...given,
		skipWorkflows: splitList(String(given.skipWorkflows ?? '')),
	} as HealthThresholds;
	const now = Date.now();
	const repair = fns.getNodeParameter('repairSubscriptions', itemIndex, false) as boolean;
	const checks = [
		...(await checkHealth(context.ledger, thresholds, now)),
		...(await remoteChecks(fns, context.ledger, itemIndex, repair)),
	];
	const report = fns.getNodeParameter('report', itemIndex, 'all') as string;
	const reported: HealthCheck[] =
		report === 'changes'
			? await healthChanges(context.ledger, checks, now)
			: checks.filter((check) => report === 'all' || check.status === 'breached');
	return reported.map(
		(check): IDataObject => ({ ...check, checkedAt: new Date(now).toISOString() }),
	);
}
