/** Every resource of Orderflow Ops, once: the node's fields and the router both read this map. */
import type { INodeProperties } from 'n8n-workflow';

import * as exception from './exception/Exception.resource';
import * as flow from './flow/Flow.resource';
import * as health from './health/Health.resource';
import * as inDoubtWrite from './inDoubtWrite/InDoubtWrite.resource';
import * as indicators from './indicators/Indicators.resource';
import type { OpsResource } from './operation';
import * as shadowWrite from './shadowWrite/ShadowWrite.resource';
import * as supportDesk from './supportDesk/SupportDesk.resource';
import * as trail from './trail/Trail.resource';

export const resources = {
	exception,
	flow,
	health,
	inDoubtWrite,
	indicators,
	shadowWrite,
	supportDesk,
	trail,
} satisfies Record<string, OpsResource>;

const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	hint: 'Works on the ledger your flows use: attach the same Ledger credential they have, or none for the embedded one',
	options: [
		{
			name: 'Exception',
			value: 'exception',
			description: 'Failed, In Doubt, Rejected and Timed Out outcomes, open until resolved',
		},
		{
			name: 'Flow',
			value: 'flow',
			description:
				'Pause a flow for a cutover or a rollback, and resume it: nothing arriving meanwhile is lost',
		},
		{
			name: 'Health',
			value: 'health',
			description: 'What stops silently: polls, redelivery, backlog, the ledger',
		},
		{
			name: 'In-Doubt Write',
			value: 'inDoubtWrite',
			description: 'Writes sent whose answer was lost',
		},
		{
			name: 'Indicator',
			value: 'indicators',
			description: 'Cycle time, exception rate, accuracy and more, from the trail',
		},
		{
			name: 'Shadow Write',
			value: 'shadowWrite',
			description: 'What a flow run in shadow beside the old integration would have sent',
		},
		{
			name: 'Support Desk',
			value: 'supportDesk',
			description: 'The page support uses to find an order and act on it, behind a Webhook node',
		},
		{
			name: 'Trail',
			value: 'trail',
			description: 'What happened to an order, refund or other entity, in plain words',
		},
	],
	default: 'exception',
};

/** The node's fields: the resource picker, then each resource's operation menu and operation fields. */
export const properties: INodeProperties[] = [
	resource,
	...Object.values(resources).flatMap((entry) => entry.description),
];
