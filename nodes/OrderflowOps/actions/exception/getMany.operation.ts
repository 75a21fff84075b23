import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ExceptionFilter } from '../../../../core/ledger';
import { limit } from '../common.descriptions';
import { text, type OpsContext } from '../operation';
import { exceptionView } from './view';

const properties: INodeProperties[] = [
	{
		displayName: 'State',
		name: 'state',
		description: 'Only exceptions in this state',
		type: 'options',
		options: [
			{ name: 'Acknowledged', value: 'acknowledged' },
			{ name: 'Any', value: 'any' },
			{ name: 'Open', value: 'open' },
			{ name: 'Resolved', value: 'resolved' },
			{ name: 'Unresolved', value: 'unresolved', description: 'Open or acknowledged' },
		],
		default: 'unresolved',
	},
	{
		displayName: 'Kind',
		name: 'kind',
		description: 'Only exceptions of this kind',
		type: 'options',
		options: [
			{
				name: 'Abandoned',
				value: 'abandoned',
				description: 'A delivery re-driven until the limit without finishing',
			},
			{ name: 'Any', value: 'any' },
			{
				name: 'Errored',
				value: 'errored',
				description: 'An execution that failed (recorded by the error workflow)',
			},
			{ name: 'Failed', value: 'failed', description: 'The remote refused, or kept failing' },
			{
				name: 'In Doubt',
				value: 'in_doubt',
				description: 'Sent, answer lost; nobody knows whether it was applied',
			},
			{ name: 'Rejected', value: 'rejected' },
			{ name: 'Timed Out', value: 'timed_out' },
		],
		default: 'any',
	},
	{
		displayName: 'Workflow ID',
		name: 'workflowId',
		type: 'string',
		default: '',
		description: 'Only this workflow’s exceptions; empty: every workflow’s',
	},
	{
		displayName: 'Entity',
		name: 'entity',
		type: 'string',
		default: '',
		placeholder: 'shopify:order:1025',
		description: 'Only exceptions about this order, refund or other entity; empty: any',
	},
	{
		displayName: 'Older Than (Hours)',
		name: 'olderThanHours',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Only exceptions opened at least this long ago; 0: any age',
		hint: '24 lists what the health check counts as aged, with its default Exception Age',
	},
	limit,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['exception'], operation: ['getMany'] } },
	properties,
);

export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const { fns, itemIndex } = context;
	const state = fns.getNodeParameter('state', itemIndex) as ExceptionFilter['state'] | 'any';
	const kind = fns.getNodeParameter('kind', itemIndex) as ExceptionFilter['kind'] | 'any';
	const hours = Number(fns.getNodeParameter('olderThanHours', itemIndex, 0));
	const now = Date.now();
	const filter: ExceptionFilter = {
		state: state === 'any' ? undefined : state,
		kind: kind === 'any' ? undefined : kind,
		workflowId: text(context, 'workflowId') || undefined,
		entity: text(context, 'entity') || undefined,
		openedBefore: hours > 0 ? now - hours * 3_600_000 : undefined,
		limit: Number(fns.getNodeParameter('limit', itemIndex, 50)),
	};
	return (await context.ledger.listExceptions(filter)).map((record) => exceptionView(record, now));
}
