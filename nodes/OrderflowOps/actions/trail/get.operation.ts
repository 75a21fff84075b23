import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { findTrails } from '../../../../core/trail/find';
import { partOf, trailHtml } from '../../../../core/trail/html';
import { text, type OpsContext } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'handle',
		type: 'string',
		required: true,
		default: '',
		placeholder: '#1025',
		description:
			'What support has in hand: an order name (#1025), an order ID or gid, an ERP or 3PL reference (SO-000042), or an entity (shopify:refund:77)',
	},
	{
		displayName: 'Output',
		name: 'output',
		description: 'One item per entry, or one item ready to show or send',
		type: 'options',
		options: [
			{ name: 'Events', value: 'events', description: 'One item per event, oldest first' },
			{
				name: 'HTML',
				value: 'html',
				description: 'One item with the trail as HTML, ready to show',
			},
		],
		default: 'events',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['trail'], operation: ['get'] } },
	properties,
);

/** The trails of what the handle names, in plain sentences. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const handle = text(context, 'handle');
	const trails = await findTrails(context.ledger, handle);
	if (context.fns.getNodeParameter('output', context.itemIndex) === 'html') {
		return [
			{ handle, entities: trails.map((trail) => trail.entity), html: trailHtml(trails, handle) },
		];
	}
	return trails.flatMap((trail) =>
		trail.events.map((event) => ({
			entity: trail.entity,
			at: new Date(event.at).toISOString(),
			part: partOf(event.event),
			summary: event.summary,
			event: event.event,
			decision: event.decision,
			workflowId: event.workflowId,
			executionId: event.executionId,
			node: event.node,
			details: event.details as IDataObject,
		})),
	);
}
