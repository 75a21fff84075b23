import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { cronNodeOptions, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { pollChanges, type PollResource, type PollState } from '../../core/shopify/poll';
import { SHOPIFY_CREDENTIAL, shopifyClient, toNodeError } from '../Shopify/transport';
import { pausedFlow, recordFound, recordPollOutcome } from './poll-records';

export class ShopifyPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Orderflow Shopify Poll Trigger',
		name: 'shopifyPollTrigger',
		icon: { light: 'file:shopify.svg', dark: 'file:shopify.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Poll " + $parameter["resource"]}}',
		description:
			'Polls Shopify for orders or refunds changed since the last poll: the fallback for missed webhooks',
		defaults: { name: 'Shopify Poll Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: SHOPIFY_CREDENTIAL, required: true }],
		properties: [
			{
				// n8n's own polling schedule parameter, with a 15-minute default instead of every minute.
				displayName: 'Poll Times',
				name: 'pollTimes',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Poll Time' },
				default: { item: [{ mode: 'everyX', value: 15, unit: 'minutes' }] },
				description: 'Time at which polling should occur',
				hint: 'Every 15 minutes is enough as a fallback; the health check calls a poll stale after two missed intervals',
				placeholder: 'Add Poll Time',
				options: cronNodeOptions,
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Order',
						value: 'orders',
						description: 'Orders created, changed or cancelled since the last poll',
					},
					{ name: 'Refund', value: 'refunds', description: 'Refunds created since the last poll' },
				],
				default: 'orders',
			},
			{
				displayName: 'Overlap (Minutes)',
				name: 'overlapMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 5,
				description:
					'How far before the last high-water mark each poll looks again, for changes Shopify indexed late; what was already emitted is not emitted again',
				hint: 'Raise it when changes show up late; a wider overlap costs a longer query, never a duplicate',
			},
			{
				displayName: 'Filter',
				name: 'filter',
				type: 'string',
				default: 'status:any',
				placeholder: 'status:any tag:wholesale',
				description: "Extra terms in Shopify's order search syntax",
				hint: 'Applies to the orders searched, for refunds too; keep status:any so closed and cancelled orders are polled',
			},
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'dateTime',
				default: '',
				description:
					'Where the first poll starts; empty means the moment the workflow is published (a manual run looks back one day)',
				hint: 'Set once to catch up from a date, e.g. 2026-01-01T00:00:00Z; later polls go on from their own mark',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node') as PollState & { startedAt?: string };
		const now = Date.now();
		const manual = this.getMode() === 'manual';
		const startFrom = String(this.getNodeParameter('startFrom', '') ?? '');
		if (startFrom && Number.isNaN(Date.parse(startFrom))) {
			throw new NodeOperationError(this.getNode(), `"${startFrom}" is not a date and time`, {
				description: 'Set Start From to an ISO 8601 time, or leave it empty.',
			});
		}
		state.startedAt ??= startFrom
			? new Date(startFrom).toISOString()
			: new Date(manual ? now - 86_400_000 : now).toISOString();
		const pause = manual ? undefined : await pausedFlow(this);
		if (pause) {
			await recordPollOutcome(this, {
				error: `not polled: the flow is paused since ${new Date(pause.pausedAt).toISOString()} by ${pause.by} (${pause.reason})`,
			});
			return null;
		}
		const credentials = await this.getCredentials(SHOPIFY_CREDENTIAL);
		const client = await shopifyClient.call(this);
		try {
			const result = await pollChanges(client, manual ? {} : state, {
				resource: this.getNodeParameter('resource', 'orders') as PollResource,
				overlapMs: Number(this.getNodeParameter('overlapMinutes', 5)) * 60_000,
				startAt: state.startedAt,
				now,
				shopDomain: String(credentials.shopDomain ?? ''),
				apiVersion: client.apiVersion,
				filter: String(this.getNodeParameter('filter', 'status:any') ?? ''),
			});
			// A manual run shows what a poll finds without moving the mark of the published workflow.
			if (!manual) {
				Object.assign(state, result.state);
				await recordPollOutcome(this, { highWaterMark: result.state.highWaterMark });
			}
			if (result.deliveries.length === 0) return null;
			await recordFound(this, result.deliveries, manual ? 'manual' : 'poll');
			return [result.deliveries.map((delivery) => ({ json: delivery as unknown as IDataObject }))];
		} catch (error) {
			const nodeError = toNodeError.call(this, error);
			if (!manual) await recordPollOutcome(this, { error: nodeError.message });
			throw nodeError;
		}
	}
}
