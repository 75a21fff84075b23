import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	computeIndicators,
	DEFAULT_INDICATOR_THRESHOLDS,
	type IndicatorThresholds,
} from '../../../../core/indicators/compute';
import { renderDigest } from '../../../../core/indicators/digest';
import { thresholds } from '../common.descriptions';
import type { OpsContext } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Window',
		name: 'window',
		description: 'Which days the indicators cover',
		type: 'options',
		options: [
			{ name: 'Last 24 Hours', value: 'day' },
			{ name: 'Last 7 Days', value: 'week' },
			{ name: 'Custom', value: 'custom' },
		],
		default: 'week',
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { window: ['custom'] } },
		description: 'Start of the window (included)',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { window: ['custom'] } },
		description: 'End of the window (excluded)',
	},
	{
		displayName: 'Output',
		name: 'output',
		description: 'One item per entry, or one item ready to show or send',
		type: 'options',
		options: [
			{ name: 'Indicators', value: 'indicators', description: 'One item per indicator (and flow)' },
			{
				name: 'Digest',
				value: 'digest',
				description: 'One item with subject, html (for an e-mail) and text (for chat)',
			},
		],
		default: 'indicators',
	},
	thresholds([
		{
			displayName: 'Approval Median Wait (Hours)',
			name: 'approvalMedianHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 4,
			description: 'Breached when approvals take longer than this, median',
		},
		{
			displayName: 'Cycle Time P95 (Minutes)',
			name: 'cycleP95Minutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 5,
			description: 'Event in → first successful write',
		},
		{
			displayName: 'Duplicates (% of Deliveries)',
			name: 'duplicatePercent',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 50,
			description: 'Breached when more deliveries than this are duplicates',
		},
		{
			displayName: 'Exception Rate (%)',
			name: 'exceptionRatePercent',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 2,
			description: 'Exceptions opened per event in',
		},
		{
			displayName: 'Max In-Doubt Writes',
			name: 'maxInDoubt',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Breached when more writes than this are left in doubt',
		},
		{
			displayName: 'Poll Catch-Ups (%)',
			name: 'pollCatchUpPercent',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1,
			description: 'Entities only the poll found: the webhook loss rate',
		},
		{
			displayName: 'Reconciliation Exceptions (%)',
			name: 'reconciliationRatePercent',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0.5,
			description: 'The worst exception rate of the latest reconciliations',
		},
		{
			displayName: 'Retries (% of Writes)',
			name: 'retryRatePercent',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 5,
			description: 'Breached when more writes than this needed a retry',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['indicators'], operation: ['compute'] } },
	properties,
);

const DAY = 86_400_000;

function windowOf(context: OpsContext, now: number): { from: number; to: number } {
	const { fns, itemIndex } = context;
	const choice = fns.getNodeParameter('window', itemIndex, 'week') as string;
	if (choice !== 'custom') return { from: now - (choice === 'day' ? DAY : 7 * DAY), to: now };
	const at = (name: string) => Date.parse(String(fns.getNodeParameter(name, itemIndex, '')));
	const window = { from: at('from'), to: at('to') };
	if (Number.isNaN(window.from) || Number.isNaN(window.to) || window.from >= window.to) {
		throw new NodeOperationError(fns.getNode(), 'The custom window needs a From before its To', {
			itemIndex,
			description: 'Set From and To to dates, From first.',
		});
	}
	return window;
}

/** The indicators of the window, each against its threshold; or one digest item. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const { fns, itemIndex } = context;
	const window = windowOf(context, Date.now());
	const thresholds: IndicatorThresholds = {
		...DEFAULT_INDICATOR_THRESHOLDS,
		...(fns.getNodeParameter('thresholds', itemIndex, {}) as IDataObject),
	} as IndicatorThresholds;
	const indicators = await computeIndicators(context.ledger, window, thresholds);
	const range = {
		from: new Date(window.from).toISOString(),
		to: new Date(window.to).toISOString(),
	};
	if (fns.getNodeParameter('output', itemIndex, 'indicators') === 'digest')
		return [{ ...renderDigest(indicators, window), ...range }];
	return indicators.map((indicator) => ({ ...indicator, ...range }) as unknown as IDataObject);
}
