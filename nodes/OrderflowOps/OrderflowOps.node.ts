import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { failClosed } from '../shared/fail-closed';
import { LEDGER_CREDENTIAL_LABEL, ledgerCredentialTest } from '../shared/ledger';
import * as exception from './actions/exception/Exception.resource';
import * as flow from './actions/flow/Flow.resource';
import * as health from './actions/health/Health.resource';
import * as inDoubtWrite from './actions/inDoubtWrite/InDoubtWrite.resource';
import * as indicators from './actions/indicators/Indicators.resource';
import { router } from './actions/router';
import * as shadowWrite from './actions/shadowWrite/ShadowWrite.resource';
import * as supportDesk from './actions/supportDesk/SupportDesk.resource';
import * as trail from './actions/trail/Trail.resource';

/** The ops desk: work the exception queue and settle in-doubt writes, without SQL. */
export class OrderflowOps implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Orderflow Ops',
		name: 'orderflowOps',
		icon: { light: 'file:orderflowOps.svg', dark: 'file:orderflowOps.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter.operation + ": " + $parameter.resource }}',
		description:
			'Read an order’s trail, work the exception queue and resolve in-doubt writes, on the Orderflow ledger',
		defaults: { name: 'Orderflow Ops' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'orderflowLedgerApi',
				displayName: LEDGER_CREDENTIAL_LABEL,
				required: false,
				testedBy: 'orderflowLedgerConnectionTest',
			},
			// A health check asks the remotes whose credentials are attached.
			{
				name: 'shopifyAdminApi',
				required: false,
				displayOptions: { show: { resource: ['health'] } },
			},
			{
				name: 'orderflowErpApi',
				required: false,
				displayOptions: { show: { resource: ['health'] } },
			},
			{
				name: 'orderflowThreePlApi',
				required: false,
				displayOptions: { show: { resource: ['health'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
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
						description:
							'The page support uses to find an order and act on it, behind a Webhook node',
					},
					{
						name: 'Trail',
						value: 'trail',
						description: 'What happened to an order, refund or other entity, in plain words',
					},
				],
				default: 'exception',
			},
			...exception.description,
			...flow.description,
			...health.description,
			...inDoubtWrite.description,
			...indicators.description,
			...shadowWrite.description,
			...supportDesk.description,
			...trail.description,
		],
	};

	methods = { credentialTest: { orderflowLedgerConnectionTest: ledgerCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// A ledger that cannot be opened under "On Error: Continue" marks the items, never passes them on as answered.
		return await failClosed(this, { output: 0, outputs: 1 }, async () => await router.call(this));
	}
}
